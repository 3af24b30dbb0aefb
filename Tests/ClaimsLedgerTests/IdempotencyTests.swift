import ClaimsDomain
import ClaimsLedger
import ClaimsTestSupport
import Testing

@Suite struct IdempotencyTests {
  typealias B = Bureau

  @Test func resendingABatchSkipsEveryEventAndWritesNothing() throws {
    let ledger = try LedgerFixture()
    let batch = [B.exam(id: "exm-1"), B.claimSubmitted()]
    let first = try ledger.append(batch)
    let before = ledger.files
    let again = try ledger.append(batch, at: "2024-10-11T00:00:00.000Z")
    #expect(again.appended == nil)
    #expect(again.duplicates.map(\.id) == ["exm-1", "clm-1"])
    #expect(again.duplicates.map(\.seq) == Array(first.appended!))
    #expect(ledger.files == before)
  }

  @Test func aPartlyResentBatchAppendsOnlyTheNewEvents() throws {
    let ledger = try LedgerFixture()
    try ledger.append([B.exam(id: "exm-1")])
    let report = try ledger.append([B.exam(id: "exm-1"), B.claimSubmitted()])
    #expect(report.duplicates.map(\.position) == [1])
    #expect(report.appended?.count == 1)
    #expect(try ledger.state().claims["CL-1"] != nil)
  }

  @Test func theSameEventTwiceInOneBatchIsWrittenOnce() throws {
    let ledger = try LedgerFixture()
    let report = try ledger.append([B.exam(id: "exm-1"), B.exam(id: "exm-1")])
    #expect(report.appended?.count == 1)
    #expect(report.duplicates.map(\.position) == [2])
  }

  /// A repeat within the batch is found through the state's event index (where the batch's
  /// earlier events are recorded as they are applied): it reports the seq its first copy gets,
  /// and a repeat with other content is a conflict, though the journal does not hold the id.
  @Test func aRepeatInTheBatchReportsTheSeqOfItsFirstCopy() throws {
    let ledger = try LedgerFixture()
    let last = try ledger.state().lastSeq
    let report = try ledger.append(
      [B.exam(id: "exm-1"), B.exam(id: "exm-2", passed: false), B.exam(id: "exm-2", passed: false)])
    #expect(report.appended == (last + 1)...(last + 2))
    #expect(report.duplicates.map(\.position) == [3])
    #expect(report.duplicates.map(\.seq) == [last + 2])
    let conflict = ledger.refusal([B.exam(id: "exm-3"), B.exam(id: "exm-3", passed: false)])
    #expect(conflict.refusal?.refusal.code == "id-conflict")
    #expect(conflict.refusal?.position == 2)
    #expect(conflict.unchanged)
  }

  @Test func contentIsComparedAsParsedNotAsTyped() throws {
    let ledger = try LedgerFixture()
    try ledger.append([B.payment(amount: "600.00")].dropLast() + [B.exam(id: "exm-1")])
    // The same exam with its fields in another order and other spacing is the same event.
    let reordered = """
      { "certificate_no": "S-exm-1", "certificate_type": "skill-level", "passed": true, \
      "trainee": "371502199001011234", "class": "C-1", "actor": "clerk-1", \
      "date": "2024-09-30", "id": "exm-1", "type": "exam.recorded" }
      """
    let report = try ledger.append([reordered])
    #expect(report.duplicates.count == 1)
    #expect(report.appended == nil)
  }

  @Test func moneyIsComparedByValue() throws {
    let ledger = try LedgerFixture()
    try ledger.append(B.paidClaim)
    let report = try ledger.append([B.payment(amount: "600")])
    #expect(report.duplicates.map(\.id) == ["pay-1"])
  }
}
