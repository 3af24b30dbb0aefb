import ClaimsDomain
import ClaimsLedger
import ClaimsRules
import ClaimsTestSupport
import Testing

/// Every finding of SPEC §10, produced from real journals, with the lines behind it.
@Suite struct FindingsTests {
  typealias B = Bureau

  func findings(_ ledger: LedgerFixture, today: String = "2024-12-31") throws -> [Finding] {
    try ledger.state().findings(library: .shipped, today: CivilDate(today)!)
  }

  @Test func aTraineeInTwoClassesOnOneDay() throws {
    let ledger = try LedgerFixture()
    try ledger.append([
      B.classApproved("C-2", id: "cls-2", [("occupation", "6-18-01-02")]),
      B.enrol(B.trainee1, id: "enr-c2", classID: "C-2"),
      B.attendance(id: "att-a", date: "2024-09-10", hours: 4),
      B.attendance(id: "att-b", date: "2024-09-10", hours: 4, classID: "C-2"),
    ])
    let found = try findings(ledger).filter { $0.code == "double-attendance" }
    #expect(found.count == 1)
    #expect(found.first?.subject == B.trainee1)
    #expect(found.first?.detail.contains("C-1 and C-2 on 2024-09-10") == true)
    let seqs = try ledger.state().events
    #expect(found.first?.lines == [seqs["att-a"]!.seq, seqs["att-b"]!.seq])
    #expect(try self.findings(ledger).contains { $0.code == "over-8-hours" } == false)
  }

  @Test func moreThanEightHoursInADay() throws {
    let ledger = try LedgerFixture()
    try ledger.append([B.attendance(id: "att-a", hours: 8), B.attendance(B.trainee2, id: "att-b", hours: 9)])
    let found = try findings(ledger).filter { $0.code == "over-8-hours" }
    #expect(found.map(\.subject) == [B.trainee2])
  }

  @Test func moreEnrolledThanPlanned() throws {
    let ledger = try LedgerFixture()
    try ledger.append([
      B.classApproved("C-S", id: "cls-s", [("occupation", "6-18-01-02"), ("planned_size", 1)]),
      B.enrol(B.trainee1, id: "e-1", classID: "C-S"), B.enrol(B.trainee2, id: "e-2", classID: "C-S"),
    ])
    let found = try findings(ledger).filter { $0.code == "over-planned-size" }
    #expect(found.map(\.subject) == ["C-S"])
    #expect(found.first?.lines.count == 3)
  }

  @Test func aPaymentToSomeoneElse() throws {
    let ledger = try LedgerFixture()
    try ledger.append([B.exam(id: "exm-1"), B.claimSubmitted(), B.claimApproved()])
    try ledger.append([editedLine(B.payment(), [("payee", "someone-else")])])
    let found = try findings(ledger).filter { $0.code == "payee-not-claimant" }
    #expect(found.map(\.subject) == ["PAY-1"])
  }

  @Test func aRecoveryNotReceivedNinetyDaysLater() throws {
    let ledger = try LedgerFixture()
    try ledger.append(B.paidClaim + [B.recoveryOrdered(id: "rec-1", amount: "600"), B.recoveryReceived(id: "r1", amount: "100")])
    // Ordered 2024-10-10: on day 90 it is not yet overdue, on day 91 it is.
    #expect(try findings(ledger, today: "2025-01-08").contains { $0.code == "recovery-overdue" } == false)
    let found = try findings(ledger, today: "2025-01-09").filter { $0.code == "recovery-overdue" }
    #expect(found.map(\.subject) == ["REC-1"])
    #expect(found.first?.detail.contains("¥500.00 of ¥600.00 outstanding") == true)
  }

  @Test func aLateProjectClaim() throws {
    let s = try Scenario()
    try s.minimumWage("2000")
    try s.projectClass("P-1", demand: 5, plannedSize: 6)
    let trainees = try s.trainProjectClass("P-1", count: 5) { _, trainee in try s.employ(trainee) }
    try s.claim("C-LATE", "P-1", trainees: [trainees[0]], on: "2024-06-20")
    let found = try s.ledger.state().findings(library: .shipped, today: CivilDate("2024-12-31")!)
      .filter { $0.code == "claim-late" }
    #expect(found.map(\.subject) == ["C-LATE"])
    #expect(found.first?.detail.contains("13 working days after the contract start") == true)
  }
}
