import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsTestSupport
import Foundation
import Testing

/// Crash artifacts written byte by byte, and what opening the journal makes of them.
@Suite struct JournalRecoveryTests {
  typealias B = Bureau

  /// A journal whose last batch has three lines: setup, then exam + claim + approval.
  func journalWithThreeLineBatch() throws -> (LedgerFixture, lastBatch: Range<Int>) {
    let ledger = try LedgerFixture()
    let before = TemporaryFolder.bytes(ledger.path).count
    try ledger.append([B.exam(id: "exm-1"), B.claimSubmitted(), B.claimApproved()])
    return (ledger, before..<TemporaryFolder.bytes(ledger.path).count)
  }

  /// The bytes a crash would leave: the batch's first line and part of the second, with the
  /// head still at the previous batch (it is written after the journal's fsync).
  func simulateCrashMidBatch(_ ledger: LedgerFixture, _ lastBatch: Range<Int>, keepBytes: Int) throws {
    let bytes = TemporaryFolder.bytes(ledger.path)
    TemporaryFolder.writeBytes(ledger.path, Array(bytes[..<(lastBatch.lowerBound + keepBytes)]))
    let lineCountBefore = bytes[..<lastBatch.lowerBound].filter { $0 == 0x0A }.count
    let lastLine = bytes[..<(lastBatch.lowerBound - 1)].split(separator: 0x0A).last!
    let head = JournalHead(seq: lineCountBefore, lastLineHash: SHA256.hash(Array(lastLine)))
    try head.write(forJournal: ledger.path)
  }

  @Test func readersIgnoreATornTailAndTheNextAppendMovesItAside() throws {
    let (ledger, lastBatch) = try journalWithThreeLineBatch()
    let bytes = TemporaryFolder.bytes(ledger.path)
    let firstLineEnd = bytes[lastBatch].firstIndex(of: 0x0A)! - lastBatch.lowerBound + 1
    try simulateCrashMidBatch(ledger, lastBatch, keepBytes: firstLineEnd + 40)
    let torn = Array(TemporaryFolder.bytes(ledger.path)[lastBatch.lowerBound...])

    let snapshot = try JournalSnapshot.read(path: ledger.path)
    #expect(snapshot.scan.lineCount == 13)
    #expect(snapshot.scan.tail?.firstLine == 14)
    #expect(snapshot.warnings.first?.contains("incomplete batch") == true)
    #expect(TemporaryFolder.bytes(ledger.path).count == lastBatch.lowerBound + firstLineEnd + 40)

    let report = try ledger.append([B.exam(id: "exm-1")])
    #expect(report.notices.first?.contains("recovered") == true)
    #expect(report.appended == 14...14)
    let tornFiles = try FileManager.default.contentsOfDirectory(atPath: ledger.folder.url.path)
      .filter { $0.contains(".torn-") }
    #expect(tornFiles.count == 1)
    #expect(TemporaryFolder.bytes(ledger.folder.path(tornFiles[0])) == torn)
    #expect(try JournalSnapshot.read(path: ledger.path).scan.tail == nil)
  }

  @Test func completeLinesOfAnUnfinishedBatchAreRecoveredToo() throws {
    let (ledger, lastBatch) = try journalWithThreeLineBatch()
    let bytes = TemporaryFolder.bytes(ledger.path)
    let lineEnds = bytes[lastBatch].indices.filter { bytes[$0] == 0x0A }
    try simulateCrashMidBatch(ledger, lastBatch, keepBytes: lineEnds[1] + 1 - lastBatch.lowerBound)
    let snapshot = try JournalSnapshot.read(path: ledger.path)
    #expect(snapshot.scan.lineCount == 13)
    #expect(snapshot.scan.tail?.reason.contains("2 of a batch of 3") == true)
    try ledger.append([B.exam(id: "exm-1")])
    #expect(try ledger.state().claims.isEmpty)
  }

  @Test func aTailOfGarbageAfterTheLastBatchIsACrashArtifact() throws {
    let ledger = try LedgerFixture()
    var bytes = TemporaryFolder.bytes(ledger.path)
    bytes += [UInt8](repeating: 0, count: 100) + [0x0A]
    TemporaryFolder.writeBytes(ledger.path, bytes)
    #expect(try JournalSnapshot.read(path: ledger.path).scan.tail?.range.count == 101)
  }

  @Test func anAcknowledgedBatchIsNeverRecoveredAway() throws {
    let (ledger, lastBatch) = try journalWithThreeLineBatch()
    let bytes = TemporaryFolder.bytes(ledger.path)
    // Lose the last line's end: the head still records it, so this is damage, not a crash.
    TemporaryFolder.writeBytes(ledger.path, Array(bytes[..<(lastBatch.upperBound - 1)]))
    let before = ledger.files
    #expect(throws: JournalError.self) { try JournalSnapshot.read(path: ledger.path) }
    #expect(throws: AppendError.self) { try ledger.append([B.exam(id: "x", passed: false)]) }
    #expect(ledger.files == before)
  }

  @Test func aChangedLastLineIsCaughtByTheHead() throws {
    let ledger = try LedgerFixture()
    var bytes = TemporaryFolder.bytes(ledger.path)
    let position = bytes.count - 10
    bytes[position] = bytes[position] == 0x31 ? 0x32 : 0x31
    TemporaryFolder.writeBytes(ledger.path, bytes)
    do {
      _ = try JournalSnapshot.read(path: ledger.path)
      Issue.record("a changed last line verified")
    } catch {
      #expect(error == .integrity(line: 13, reason: "the line does not match the SHA-256 recorded in JOURNAL.head"))
    }
  }

  @Test func aHeadOneBatchBehindIsReportedAndFixedByTheNextAppend() throws {
    let (ledger, lastBatch) = try journalWithThreeLineBatch()
    try simulateCrashMidBatch(ledger, lastBatch, keepBytes: lastBatch.count)
    let snapshot = try JournalSnapshot.read(path: ledger.path)
    #expect(snapshot.scan.head == .oneBatchBehind(headSeq: 13))
    #expect(snapshot.scan.lineCount == 16)
    let report = try ledger.append([B.payment()])
    #expect(report.notices.contains { $0.contains("one batch behind") })
    #expect(try JournalSnapshot.read(path: ledger.path).scan.head == .matches)
  }

  @Test func aMissingHeadIsReportedAndTheTailJudgedOnItsOwn() throws {
    let ledger = try LedgerFixture()
    try FileManager.default.removeItem(atPath: JournalHead.path(forJournal: ledger.path))
    let snapshot = try JournalSnapshot.read(path: ledger.path)
    #expect(snapshot.scan.head == .missing)
    #expect(snapshot.warnings.contains { $0.contains("is missing") })
    try ledger.append([B.exam(id: "exm-1")])
    #expect(try JournalSnapshot.read(path: ledger.path).scan.head == .matches)
  }

  @Test func aHeadMoreThanOneBatchBehindIsAnIntegrityError() throws {
    let ledger = try LedgerFixture()
    let firstLine = TemporaryFolder.bytes(ledger.path).split(separator: 0x0A)[0]
    try JournalHead(seq: 1, lastLineHash: SHA256.hash(Array(firstLine))).write(forJournal: ledger.path)
    try ledger.append([B.exam(id: "exm-1")], at: "2024-10-10T00:00:00.000Z")
    // Put the head back at line 1: two batches behind.
    try JournalHead(seq: 1, lastLineHash: SHA256.hash(Array(firstLine))).write(forJournal: ledger.path)
    #expect(throws: JournalError.self) { try JournalSnapshot.read(path: ledger.path) }
  }
}
