import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsTestSupport
import Testing

/// What the journal does when the disk fails under an append: the command fails with the
/// system's reason, the journal stays as it was, and nothing acknowledged is lost.
@Suite struct FaultInjectionTests {
  typealias B = Bureau
  let batch = [B.exam(id: "exm-1"), B.claimSubmitted(), B.claimApproved(), B.payment()]

  func failure(_ plan: FileFaults, _ ledger: LedgerFixture) -> String? {
    do {
      try FileFaults.inject(plan) { _ = try ledger.append(batch) }
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test func shortWritesAreCompletedByTheLoop() throws {
    let ledger = try LedgerFixture()
    try FileFaults.inject(FileFaults(shortWritesOf: 7)) { _ = try ledger.append(batch) }
    let snapshot = try JournalSnapshot.read(path: ledger.path)
    #expect(snapshot.scan.lineCount == 17)
    #expect(snapshot.scan.head == .matches)
  }

  @Test(arguments: [100, 700, 1200])
  func aFullDiskFailsTheAppendAndLeavesTheJournalAsItWas(bytesBeforeFull: Int) throws {
    let ledger = try LedgerFixture()
    let before = ledger.files
    let message = failure(FileFaults(diskFullAfter: bytesBeforeFull), ledger)
    #expect(message?.contains("No space left on device") == true, "\(message ?? "no failure")")
    #expect(ledger.files == before)
    // The disk has room again: the same batch goes in whole.
    #expect(try ledger.append(batch).appended == 14...17)
    #expect(try JournalSnapshot.read(path: ledger.path).scan.head == .matches)
  }

  @Test func aFailingFsyncFailsTheAppendAndLeavesTheJournalAsItWas() throws {
    let ledger = try LedgerFixture()
    let before = ledger.files
    let message = failure(FileFaults(failFsync: true), ledger)
    #expect(message?.contains("cannot fsync") == true, "\(message ?? "no failure")")
    #expect(ledger.files == before)
    #expect(try ledger.append(batch).appended == 14...17)
  }

  @Test func aFailureWritingTheHeadLeavesAnAcknowledgedBatchThatTheNextAppendKeeps() throws {
    let ledger = try LedgerFixture()
    let journalBefore = TemporaryFolder.bytes(ledger.path)
    // Room for the batch but not for the head's temporary file.
    let batchBytes = try measureBatchBytes()
    let message = failure(FileFaults(diskFullAfter: batchBytes), ledger)
    #expect(message?.contains("No space left on device") == true)
    // The batch is in the journal (fsync'd); the head is one batch behind, which a crash between
    // the two writes also leaves: reported, and fixed by the next append.
    #expect(TemporaryFolder.bytes(ledger.path).count > journalBefore.count)
    #expect(try JournalSnapshot.read(path: ledger.path).scan.head == .oneBatchBehind(headSeq: 13))
    let report = try ledger.append([B.attendance(B.trainee2, id: "att-x")])
    #expect(report.appended == 18...18)
    #expect(report.notices.contains { $0.contains("one batch behind") })
  }

  /// The bytes the batch takes in the journal, measured on a twin journal.
  func measureBatchBytes() throws -> Int {
    let twin = try LedgerFixture()
    let before = TemporaryFolder.bytes(twin.path).count
    try twin.append(batch)
    return TemporaryFolder.bytes(twin.path).count - before
  }
}
