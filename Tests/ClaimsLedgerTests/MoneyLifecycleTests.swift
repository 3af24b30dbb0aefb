import ClaimsDomain
import ClaimsJournal
import Foundation
import ClaimsLedger
import ClaimsTestSupport
import Testing

/// The whole life of money (SPEC §8), and every refusal that keeps it straight.
@Suite struct MoneyLifecycleTests {
  typealias B = Bureau
  let fund = FundKey(fund: .employmentSubsidy, region: "liaocheng")

  func balance(_ ledger: LedgerFixture) throws -> FundBalance {
    try ledger.state().funds[fund] ?? FundBalance()
  }

  @Test func appropriationApprovalPaymentReturnAndRecoveryMoveTheBalances() throws {
    let ledger = try LedgerFixture()
    #expect(try balance(ledger).available == Money(decimal: "100000"))
    try ledger.append([B.exam(id: "exm-1"), B.claimSubmitted(), B.claimApproved()])
    var b = try balance(ledger)
    #expect((b.committed, b.paid, b.available) == (Money(decimal: "600")!, .zero, Money(decimal: "99400")!))
    try ledger.append([B.payment(amount: "400")])
    b = try balance(ledger)
    #expect((b.committed, b.paid) == (Money(decimal: "200")!, Money(decimal: "400")!))
    try ledger.append([B.paymentReturned(id: "ret-1")])
    b = try balance(ledger)
    #expect((b.committed, b.paid) == (Money(decimal: "600")!, .zero))
    try ledger.append([B.payment("PAY-2", id: "pay-2", bankRef: "B-2", amount: "600")])
    try ledger.append([B.recoveryOrdered(id: "rec-1", amount: "600"), B.recoveryReceived(id: "rcv-1", amount: "250")])
    b = try balance(ledger)
    #expect(b.appropriated == Money(decimal: "100000"))
    #expect(b.committed == .zero)
    #expect(b.paid == Money(decimal: "600"))
    #expect(b.recovered == Money(decimal: "250"))
    #expect(b.available == Money(decimal: "99650"))
  }

  @Test func postingsOfEveryMoneyEventSumToZero() throws {
    let ledger = try LedgerFixture()
    try ledger.append(B.paidClaim + [B.recoveryOrdered(id: "rec-1"), B.recoveryReceived(id: "rcv-1", amount: "100")])
    let state = try ledger.state()
    let payment = try #require(try LedgerFixture.decode(B.payment()))
    let postings = state.postings(for: payment)
    #expect(postings.map(\.account.description) == [
      "expenses:subsidies:employment-subsidy", "assets:funds:employment-subsidy:committed",
    ])
    #expect(postings.reduce(0) { $0 + $1.amount.fen } == 0)
  }

  @Test func anApprovalThatWouldOverdrawTheFundIsRefused() throws {
    let ledger = try LedgerFixture()
    // Trainee 1 is on unemployment benefits in this class; no UI money is appropriated.
    let uiClass = B.classApproved("C-UI", id: "cls-ui", [("funding", "employment-subsidy")])
    try ledger.append([
      uiClass, B.enrol(B.trainee3, id: "enr-ui", classID: "C-UI", uiBenefit: true),
      eventLine(
        "exam.recorded", id: "exm-ui", date: "2024-09-30", actor: B.clerk,
        [("class", "C-UI"), ("trainee", .string(B.trainee3)), ("passed", true),
         ("certificate_type", "skill-level"), ("certificate_no", "S-UI")]),
      eventLine(
        "claim.submitted", id: "clm-ui", date: "2024-10-08", actor: B.clerk,
        [("claim", "CL-UI"), ("class", "C-UI"), ("trainees", [.string(B.trainee3)]), ("claimant", "institution")]),
    ])
    let (refusal, unchanged) = ledger.refusal([B.claimApproved("CL-UI", id: "apr-ui")])
    #expect(refusal?.refusal.code == "insufficient-funds")
    #expect(refusal?.refusal.message.contains("unemployment-insurance in liaocheng") == true)
    #expect(unchanged)
  }

  @Test func aPaymentAboveWhatIsCommittedAndUnpaidIsRefused() throws {
    let ledger = try LedgerFixture()
    try ledger.append([B.exam(id: "exm-1"), B.claimSubmitted(), B.claimApproved(), B.payment(amount: "500")])
    let (refusal, unchanged) = ledger.refusal([B.payment("PAY-2", id: "pay-2", bankRef: "B-2", amount: "100.01")])
    #expect(refusal?.refusal.code == "payment-exceeds-committed")
    #expect(unchanged)
    let (wrongFund, _) = ledger.refusal([
      editedLine(B.payment("PAY-3", id: "pay-3", bankRef: "B-3", amount: "1"), [("fund", "unemployment-insurance")])
    ])
    #expect(wrongFund?.refusal.code == "payment-exceeds-committed")
    #expect(try ledger.append([B.payment("PAY-2", id: "pay-2", bankRef: "B-2", amount: "100")]).appended != nil)
  }

  @Test func aRecoveryAboveTheTraineesApprovedAmountIsRefused() throws {
    let ledger = try LedgerFixture()
    try ledger.append(B.paidClaim + [B.recoveryOrdered(id: "rec-1", amount: "400")])
    let (refusal, unchanged) = ledger.refusal([B.recoveryOrdered("REC-2", id: "rec-2", amount: "200.01")])
    #expect(refusal?.refusal.code == "recovery-exceeds-approved")
    #expect(unchanged)
  }

  @Test func aRecoveryAboveWhatWasPaidIsRefused() throws {
    let ledger = try LedgerFixture()
    try ledger.append([B.exam(id: "exm-1"), B.claimSubmitted(), B.claimApproved(), B.payment(amount: "100")])
    let (refusal, unchanged) = ledger.refusal([B.recoveryOrdered(id: "rec-1", amount: "100.01")])
    #expect(refusal?.refusal.code == "recovery-exceeds-paid")
    #expect(unchanged)
  }

  @Test func aPaymentDatedBeforeItsApprovalIsRefused() throws {
    let ledger = try LedgerFixture()
    try ledger.append([B.exam(id: "exm-1"), B.claimSubmitted(), B.claimApproved()])
    let (refusal, unchanged) = ledger.refusal([editedLine(B.payment(), [("date", "2024-10-08")])])
    #expect(refusal?.refusal.code == "date-before-reference")
    #expect(refusal?.refusal.message == "dated 2024-10-08, before claim \"CL-1\" was approved (2024-10-09)")
    #expect(unchanged)
  }

  @Test func anApprovalDatedBeforeItsSubmissionIsRefused() throws {
    let ledger = try LedgerFixture()
    try ledger.append([B.exam(id: "exm-1"), B.claimSubmitted()])
    let (refusal, _) = ledger.refusal([editedLine(B.claimApproved(), [("date", "2024-10-07")])])
    #expect(refusal?.refusal.code == "date-before-reference")
  }
}

/// The golden journal (Tests/ClaimsJournalTests/Fixtures) replays to the same books for as long
/// as format 1 lives: approvals carry their amounts, so no rule change can alter these figures.
@Suite struct GoldenBooksTests {
  @Test func theGoldenJournalReplaysToTheSameBalances() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("ClaimsJournalTests/Fixtures/golden.journal").path
    let state = try Replay.state(of: try JournalSnapshot.read(path: path))
    let ui = try #require(state.funds[FundKey(fund: .unemploymentInsurance, region: "liaocheng")])
    let es = try #require(state.funds[FundKey(fund: .employmentSubsidy, region: "liaocheng")])
    #expect(ui.paid == Money(decimal: "600"))
    #expect(ui.recovered == Money(decimal: "200"))
    #expect(ui.available == Money(decimal: "79600.50"))
    #expect(es.committed == Money(decimal: "600"))
    #expect(es.available == Money(decimal: "299400"))
  }
}
