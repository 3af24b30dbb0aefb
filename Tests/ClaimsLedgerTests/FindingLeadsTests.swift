import ClaimsDomain
import ClaimsJournal
@testable import ClaimsLedger
import ClaimsRules
import ClaimsTestSupport
import Testing

/// `findings` judges only the trainees and payments the fold noted as leads (`FindingLeads`):
/// they must name everyone a finding can, on every date, whatever came between the lines.
@Suite struct FindingLeadsTests {
  typealias B = Bureau

  /// The findings among the leads and among everyone, now and as of each date.
  func expectLeadsSuffice(_ state: LedgerState, dates: [CivilDate], today: CivilDate, _ note: String = "")
    -> [Finding]
  {
    let now = state.findings(library: .shipped, today: today)
    #expect(now == state.findings(library: .shipped, today: today, asOf: nil, entitlements: nil, leads: nil), "\(note)")
    var seen = now
    for date in dates {
      let found = state.findings(library: .shipped, today: date, asOf: date)
      #expect(found == state.findings(library: .shipped, today: date, asOf: date, entitlements: nil, leads: nil), "\(note) \(date)")
      seen += found
    }
    return seen
  }

  /// The random histories of `AsOfFactsTests` (voids dated before and after what they void,
  /// enrolments again, claims rejected, payments to others), judged on every day.
  @Test(arguments: [1, 6, 7, 8] as [UInt64])
  func theLeadsHoldEveryFindingOfRandomHistories(seed: UInt64) throws {
    let (ledger, _) = try AsOfFactsTests.journal(seed: seed)
    let state = try Replay.state(ofJournal: ledger.path).state
    let dates = (AsOfFactsTests.first.daysSinceEpoch...(AsOfFactsTests.last.daysSinceEpoch + 100))
      .map(CivilDate.init(daysSinceEpoch:))
    let codes = Set(expectLeadsSuffice(state, dates: dates, today: AsOfFactsTests.last, "seed \(seed)").map(\.code))
    #expect(codes.isSuperset(of: ["double-attendance", "over-8-hours", "payee-not-claimant"]), "seed \(seed): \(codes)")
  }

  /// A day attended in one class, voided (dated after it), then attended in another: before
  /// the void's date both lines stand. The second line finds the first in what the void took.
  @Test func aDayVoidedInOneClassStillMeetsTheOtherClassBeforeTheVoid() throws {
    let ledger = try LedgerFixture()
    try ledger.append([
      B.classApproved("C-2", id: "cls-2", [("occupation", "6-18-01-02")]),
      B.enrol(B.trainee1, id: "enr-c2", classID: "C-2"),
      B.attendance(id: "att-a", date: "2024-09-10", hours: 4),
      B.voided("att-a", id: "void-a"),
      B.attendance(id: "att-b", date: "2024-09-10", hours: 4, classID: "C-2"),
    ])
    let state = try ledger.state()
    #expect(state.findingLeads.attendance == [ResidentID(B.trainee1)!])
    let dates = [CivilDate("2024-09-20")!, CivilDate("2024-10-09")!]
    _ = expectLeadsSuffice(state, dates: dates, today: CivilDate("2024-12-31")!)
    let before = state.findings(library: .shipped, today: dates[0], asOf: dates[0])
    #expect(before.map(\.code) == ["double-attendance"])
    #expect(state.findings(library: .shipped, today: dates[1], asOf: dates[1]).isEmpty)
  }

  /// Two lines of one class on one day, neither over 8 hours, 10 hours together.
  @Test func twoLinesOfOneClassOnOneDay() throws {
    let ledger = try LedgerFixture()
    try ledger.append([
      B.attendance(id: "att-a", date: "2024-09-10", hours: 5), B.attendance(id: "att-b", date: "2024-09-10", hours: 5),
      B.attendance(B.trainee2, id: "att-c", date: "2024-09-10", hours: 8),
      B.attendance(B.trainee2, id: "att-d", date: "2024-09-11", hours: 8),
    ])
    let state = try ledger.state()
    #expect(state.findingLeads.attendance == [ResidentID(B.trainee1)!])
    let found = expectLeadsSuffice(state, dates: [], today: CivilDate("2024-12-31")!)
    #expect(found.map(\.code) == ["over-8-hours"])
    #expect(found.first?.detail.contains("attended 10 h on 2024-09-10") == true)
  }

  /// A contract recorded after the claim, starting more than 5 working days before it.
  @Test func aContractRecordedAfterALateClaim() throws {
    let s = try Scenario()
    try s.minimumWage("2000")
    try s.projectClass("P-1", demand: 5, plannedSize: 6)
    let trainees = try s.trainProjectClass("P-1", count: 5) { index, trainee in if index > 0 { try s.employ(trainee) } }
    try s.claim("C-LATE", "P-1", trainees: [trainees[0]], on: "2024-06-20")
    #expect(try s.ledger.state().findingLeads.lateClaims.isEmpty)
    try s.employ(trainees[0], from: "2024-06-03")
    let state = try s.ledger.state()
    #expect(state.findingLeads.lateClaims == [ResidentID(trainees[0])!])
    let claimLine = try #require(state.events[state.claims["C-LATE"]!.eventID]?.seq)
    #expect(state.findingLeads.claimLines == ["C-LATE": claimLine])
    let found = expectLeadsSuffice(state, dates: [CivilDate("2024-06-19")!, CivilDate("2024-06-20")!], today: CivilDate("2024-12-31")!)
    let late = found.filter { $0.code == "claim-late" }
    #expect(late.map(\.subject) == ["C-LATE", "C-LATE"])
    #expect(late.allSatisfy { $0.lines.contains(claimLine) && $0.lines.count == 2 })
  }

  /// A ruleset whose daily ceiling is below the leads' floor: everyone is judged, and a 7-hour
  /// day, which no lead names, is a finding under it.
  @Test func aRulesetBelowTheFloorsIsJudgedOnEveryone() throws {
    let lowered = try RuleLibrary(files: RuleLibrary.shippedFiles.map { file in
      let text = String(decoding: file.bytes, as: UTF8.self)
        .replacingOccurrences(of: "\"findings.hours_per_day_max\": {\"value\": 8", with: "\"findings.hours_per_day_max\": {\"value\": 6")
      return (file.name, Array(text.utf8))
    })
    #expect(!FindingLeads.suffice(for: lowered))
    #expect(FindingLeads.suffice(for: .shipped))
    let ledger = try LedgerFixture()
    try ledger.append([B.attendance(id: "att-a", date: "2024-09-10", hours: 7)])
    let state = try ledger.state()
    #expect(state.findingLeads.attendance.isEmpty)
    #expect(state.findings(library: .shipped, today: CivilDate("2024-12-31")!).isEmpty)
    let found = state.findings(library: lowered, today: CivilDate("2024-12-31")!)
    #expect(found.map(\.detail) == ["\(ResidentID(B.trainee1)!.masked) attended 7 h on 2024-09-10, more than 6"])
  }
}
