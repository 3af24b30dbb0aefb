import ClaimsDomain
import ClaimsJournal
@testable import ClaimsLedger
import ClaimsRules
import ClaimsTestSupport
import ClaimsWorkload
import Testing

/// `entitlements --as-of` on the workload's year (project classes read whole, voids, rejected
/// claims, backdated lines): from the whole state, and from the state `--known-at` cuts, the
/// same entitlements and findings as the replay cut at the date, and among the leads the same
/// findings as among everyone.
@Suite struct AsOfWorkloadTests {
  /// Two workloads: seed 31's voids and rejected claims, seed 2024's two late claims.
  @Test func entitlementsAndFindingsAsOfEachMonthAreTheCutReplays() throws {
    var rejected = false
    var findingCodes: Set<String> = []
    for seed: UInt64 in [31, 2024] {
      let (state, codes) = try Self.compareEachMonth(seed: seed)
      rejected = rejected || state.history.enrolments.values.contains { $0.values.contains { !$0.claims.isEmpty } }
      findingCodes.formUnion(codes)
    }
    #expect(rejected, "the workloads reject claims")
    #expect(findingCodes.isSuperset(of: ["claim-late", "recovery-overdue"]), "\(findingCodes)")
  }

  /// The state of a 6,000-event workload, compared with the replay cut at the 15th of each
  /// month and the year's last day; the findings' codes seen.
  static func compareEachMonth(seed: UInt64) throws -> (LedgerState, Set<String>) {
    let folder = TemporaryFolder("as-of-workload")
    let journal = folder.path("w.journal")
    _ = try Workload(events: 6000, seed: seed).write(journal: journal)
    let state = try Replay.state(ofJournal: journal).state
    let library = RuleLibrary.shipped
    #expect(!state.history.enrolments.isEmpty, "the workload voids facts")
    let year = state.lastRecorded!.chinaDate.year
    let dates = (1...12).map { CivilDate(year: year, month: $0, day: 15)! } + [CivilDate(year: year, month: 12, day: 31)!]
    var answers: [[Entitlement]] = []
    var findingCodes: Set<String> = []
    for date in dates {
      let cut = try Replay.state(ofJournal: journal, cut: ReplayCut(asOf: date)).state
      let asOf = state.entitlements(library: library, asOf: date)
      #expect(asOf == cut.entitlements(library: library), "seed \(seed) as of \(date)")
      if answers.last != asOf { answers.append(asOf) }
      let findings = state.findings(library: library, today: date, asOf: date)
      #expect(findings == cut.findings(library: library, today: date), "seed \(seed), findings as of \(date)")
      // Among the leads (`FindingLeads`) as among everyone.
      let everyone = state.findings(library: library, today: date, asOf: date, entitlements: nil, leads: nil)
      #expect(findings == everyone, "seed \(seed), findings among everyone as of \(date)")
      findingCodes.formUnion(findings.map(\.code))
      for trainee in cut.traineesSeen.sorted().enumerated().filter({ $0.offset % 23 == 0 }).map(\.element) {
        #expect(state.entitlements(library: library, of: [trainee], asOf: date) == cut.entitlements(library: library, of: [trainee]))
      }
      for classID in state.classes.keys.sorted() {
        #expect(state.trainees(ofClass: classID, asOf: date) == cut.traineesOfClass[classID] ?? [], "\(classID) as of \(date)")
      }
    }
    #expect(answers.count > dates.count / 2, "seed \(seed): the year's dates should see other entitlements: \(answers.count)")

    // Both cuts: the state known at a time, as of a date.
    let knownAt = Timestamp("\(year)-07-01T00:00:00.000Z")!
    let known = try Replay.state(ofJournal: journal, cut: ReplayCut(knownAt: knownAt)).state
    for date in [CivilDate(year: year, month: 3, day: 31)!, CivilDate(year: year, month: 6, day: 30)!] {
      let both = try Replay.state(ofJournal: journal, cut: ReplayCut(asOf: date, knownAt: knownAt)).state
      #expect(known.entitlements(library: library, asOf: date) == both.entitlements(library: library), "as of \(date)")
      #expect(known.findings(library: library, today: date, asOf: date) == both.findings(library: library, today: date))
      #expect(known.fundLedger.balances(asOf: date) == both.funds)
    }
    return (state, findingCodes)
  }
}
