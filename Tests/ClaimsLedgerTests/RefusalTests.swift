import ClaimsDomain
import ClaimsLedger
import ClaimsTestSupport
import Testing

/// Every refusal of the state machine, each produced by a real append to a real journal, which
/// must stay byte-identical.
@Suite struct RefusalTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var code: String
    /// Appended (and accepted) before the refused batch.
    var before: [String] = []
    var batch: [String]
    /// The position of the refused event in the batch.
    var position = 1
    var testDescription: String { code }
  }

  typealias B = Bureau

  static let cases: [Case] = [
    Case(
      code: "journal-already-opened",
      batch: [
        eventLine(
          "journal.opened", id: "again", date: "2024-10-01", actor: B.admin,
          [("format", 1), ("admin", "admin")])
      ]),
    Case(code: "unknown-actor", batch: [B.exam(id: "x").replacingOccurrences(of: "clerk-1", with: "nobody")]),
    Case(
      code: "actor-inactive", before: [B.actor(B.clerk2, "none", n: 90)],
      batch: [B.exam(id: "x").replacingOccurrences(of: "clerk-1", with: "clerk-2")]),
    Case(code: "role-not-allowed", batch: [B.claimApproved().replacingOccurrences(of: "reviewer-1", with: "clerk-1")]),
    Case(
      code: "institution-exists",
      batch: [
        eventLine(
          "institution.registered", id: "x", date: "2024-10-01", actor: B.admin,
          [("institution", .string(B.institution)), ("name", "again"), ("region", "liaocheng")])
      ]),
    Case(code: "class-exists", batch: [B.classApproved(id: "again")]),
    Case(code: "class-exists", batch: [B.classRejected(B.classID, id: "x")]),
    Case(
      code: "unknown-institution",
      batch: [B.classApproved("C-2", id: "x", [("institution", "inst-404")])]),
    Case(code: "class-not-approved", batch: [B.enrol(B.trainee3, id: "x", classID: "C-404")]),
    Case(
      code: "class-not-approved", before: [B.classRejected("C-9", id: "rej")],
      batch: [B.enrol(B.trainee3, id: "x", classID: "C-9")]),
    Case(
      code: "class-not-approved",
      before: [B.classApproved("C-2", id: "cls-2"), B.voided("cls-2", id: "void-cls-2")],
      batch: [B.enrol(B.trainee3, id: "x", classID: "C-2")]),
    Case(code: "already-enrolled", batch: [B.enrol(B.trainee1, id: "x")]),
    Case(code: "not-enrolled", batch: [B.attendance(B.trainee3, id: "x")]),
    Case(code: "outside-class-dates", batch: [B.attendance(id: "x", date: "2024-10-01")]),
    Case(code: "exam-before-class-start", batch: [B.exam(id: "x", date: "2024-09-08")]),
    Case(code: "unknown-trainee", batch: [B.employment(B.trainee3, id: "x")]),
    Case(code: "claim-exists", before: [B.claimSubmitted()], batch: [B.claimSubmitted(id: "x")]),
    Case(code: "claim-without-trainees", batch: [B.claimSubmitted(trainees: [])]),
    Case(
      code: "individual-claim-one-trainee",
      batch: [B.claimSubmitted(trainees: [B.trainee1, B.trainee2], claimant: "individual")]),
    Case(code: "duplicate-trainee-in-claim", batch: [B.claimSubmitted(trainees: [B.trainee1, B.trainee1])]),
    Case(code: "not-enrolled", batch: [B.claimSubmitted(trainees: [B.trainee3])]),
    Case(
      code: "trainee-already-claimed", before: [B.claimSubmitted()],
      batch: [B.claimSubmitted("CL-2", id: "x", trainees: [B.trainee2, B.trainee1])]),
    Case(code: "unknown-claim", batch: [B.claimApproved("CL-404")]),
    Case(
      code: "claim-not-open", before: [B.claimSubmitted(), B.claimApproved()],
      batch: [B.claimApproved(id: "x", actor: B.reviewer2)]),
    Case(
      code: "four-eyes-submitter-approves",
      before: [B.actor("dual", "clerk", n: 91), B.claimSubmitted(actor: "dual"), B.actor("dual", "reviewer", n: 92)],
      batch: [B.claimApproved(actor: "dual")]),
    Case(code: "claim-not-approved", before: [B.claimSubmitted()], batch: [B.payment()]),
    Case(code: "payment-exists", before: B.paidClaim, batch: [B.payment(id: "x", bankRef: "B-2")]),
    Case(code: "bank-ref-used", before: B.paidClaim, batch: [B.payment("PAY-2", id: "x")]),
    Case(
      code: "four-eyes-approver-pays",
      before: [
        B.exam(id: "exm-1"), B.claimSubmitted(), B.actor("swing", "reviewer", n: 93),
        B.claimApproved(actor: "swing"), B.actor("swing", "finance", n: 94),
      ],
      batch: [B.payment(actor: "swing")]),
    Case(code: "unknown-payment", batch: [B.paymentReturned("PAY-404", id: "x")]),
    Case(
      code: "payment-already-returned", before: B.paidClaim + [B.paymentReturned(id: "ret-1")],
      batch: [B.paymentReturned(id: "x")]),
    Case(
      code: "recovery-exists", before: B.paidClaim + [B.recoveryOrdered(id: "rec-1")],
      batch: [B.recoveryOrdered(id: "x")]),
    Case(code: "claim-not-approved", before: [B.claimSubmitted()], batch: [B.recoveryOrdered(id: "x")]),
    Case(code: "trainee-not-on-claim", before: B.paidClaim, batch: [B.recoveryOrdered(id: "x", trainee: B.trainee2)]),
    Case(code: "unknown-recovery", batch: [B.recoveryReceived(id: "x", amount: "1")]),
    Case(
      code: "recovery-exceeds-outstanding",
      before: B.paidClaim + [B.recoveryOrdered(id: "rec-1"), B.recoveryReceived(id: "rcv-1", amount: "500")],
      batch: [B.recoveryReceived(id: "x", amount: "100.01")]),
    Case(code: "unknown-event", batch: [B.voided("no-such-event", id: "x")]),
    Case(code: "not-a-fact", before: B.paidClaim, batch: [B.voided("pay-1", id: "x")]),
    Case(code: "not-a-fact", batch: [B.voided("fund-1", id: "x")]),
    Case(
      code: "already-voided", before: [B.attendance(id: "att-1"), B.voided("att-1", id: "v1")],
      batch: [B.voided("att-1", id: "x")]),
    Case(
      code: "class-has-claims", before: [B.claimSubmitted(), B.claimRejectedEvent()],
      batch: [B.voided("cls-1", id: "x")]),
    Case(code: "enrolment-claimed", before: [B.claimSubmitted()], batch: [B.voided("enr-1", id: "x")]),
    Case(code: "date-after-recorded", batch: [B.exam(id: "x", date: "2024-10-11")]),
    Case(code: "id-conflict", batch: [B.exam(id: "enr-1")]),
    Case(code: "id-conflict", batch: [B.exam(id: "same"), B.exam(id: "same", passed: false)], position: 2),
    Case(code: "unknown-field", batch: [B.exam(id: "ok"), editedLine(B.exam(id: "x"), [("grade", "A")])], position: 2),
    Case(code: "malformed-input", batch: ["{\"type\":"]),
    Case(code: "malformed-input", batch: ["[1,2]"]),
    Case(code: "invalid-money", batch: [editedLine(B.payment(), [("amount", 600)])]),
    Case(code: "invalid-resident-id", batch: [B.enrol("371502199001011235", id: "x")]),
  ]

  @Test(arguments: cases)
  func refusedBatchLeavesTheJournalByteIdentical(_ example: Case) throws {
    let ledger = try LedgerFixture()
    if !example.before.isEmpty { try ledger.append(example.before, at: "2024-10-10T00:00:00.000Z") }
    let (refusal, unchanged) = ledger.refusal(example.batch, at: "2024-10-10T01:00:00.000Z")
    #expect(refusal?.refusal.code == example.code, "\(String(describing: refusal))")
    #expect(refusal?.position == example.position)
    #expect(unchanged)
  }

  @Test func expectSeqMismatchIsRefused() throws {
    let ledger = try LedgerFixture()
    let last = try ledger.state().lastSeq
    let (refusal, unchanged) = ledger.refusal([B.exam(id: "x")], expectSeq: last - 1)
    #expect(refusal?.refusal.code == "expect-seq-mismatch")
    #expect(unchanged)
    #expect(try ledger.append([B.exam(id: "x")], expectSeq: last).appended == (last + 1)...(last + 1))
  }

  @Test func nowBeforeTheLastRecordedTimeIsRefused() throws {
    let ledger = try LedgerFixture()
    let (refusal, unchanged) = ledger.refusal([B.exam(id: "x", date: "2024-09-01")], at: "2024-09-01T23:59:59.999Z")
    #expect(refusal?.refusal.code == "recorded-before-last")
    #expect(unchanged)
  }

  @Test func refusalNamesThePositionIdAndReason() throws {
    let ledger = try LedgerFixture()
    let (refusal, _) = ledger.refusal([B.exam(id: "fine"), B.attendance(B.trainee3, id: "att-x")])
    #expect(refusal?.description == "event 2 (id \"att-x\") at input line 2: trainee 371522********3453 is not enrolled in class \"C-1\"")
  }
}

extension Bureau {
  public static func claimRejectedEvent() -> String {
    eventLine(
      "claim.rejected", id: "rej-1", date: "2024-10-09", actor: reviewer,
      [("claim", "CL-1"), ("reason", "incomplete documents")])
  }
}
