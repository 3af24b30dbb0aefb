import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsTestSupport
import Dispatch
import Testing

/// Read commands take no writer's lock, yet a read during an import must see the journal and
/// its head agree: the head and the journal's length are taken together, under the head file's
/// shared lock, and the read stops at that length (before, such a read met a head several
/// batches behind the lines it read, and reported an integrity error).
@Suite struct ConcurrentReadTests {
  final class Outcome: @unchecked Sendable {
    var failure: (any Error)?
    var batches = 0
  }

  @Test func aReadDuringAnImportSeesTheJournalAndItsHeadAgree() throws {
    let ledger = try LedgerFixture()
    let path = ledger.path
    let linesBefore = try JournalSnapshot.read(path: path).scan.lineCount
    let outcome = Outcome()
    let writer = DispatchGroup()
    DispatchQueue.global().async(group: writer) {
      do {
        let stamp = Timestamp(Bureau.laterAt)!
        let session = try AppendSession(path: path, clock: stamp)
        for batch in 0..<300 {
          let lines = (0..<3).map { n in
            Bureau.attendance(
              n % 2 == 0 ? Bureau.trainee1 : Bureau.trainee2, id: "att-\(batch)-\(n)",
              date: "2024-09-\(10 + batch % 20)")
          }
          _ = try session.appendWithoutWaiting(
            AppendInput.parse(Array(lines.joined(separator: "\n").utf8)), recordedAt: stamp, clock: stamp)
          outcome.batches += 1
        }
        try session.waitUntilDurable()
      } catch { outcome.failure = error }
    }
    var reads = 0
    var linesSeen = Set<Int>()
    repeat {
      let snapshot = try JournalSnapshot.read(path: path)
      #expect(snapshot.scan.head == .matches, "read \(reads) at line \(snapshot.scan.lineCount)")
      let end = try #require(try JournalSnapshot.stream(path: path) { _, _ in })
      #expect(end.scan.head == .matches, "stream \(reads) at line \(end.scan.lineCount)")
      linesSeen.insert(snapshot.scan.lineCount)
      reads += 1
    } while writer.wait(timeout: .now()) == .timedOut
    #expect(outcome.failure == nil, "\(String(describing: outcome.failure))")
    #expect(outcome.batches == 300)
    // The reads overlapped the import: they saw the journal at several lengths.
    #expect(linesSeen.count > 3, "\(reads) reads saw \(linesSeen.count) lengths")
    #expect(try JournalSnapshot.read(path: path).scan.lineCount == linesBefore + 900)
  }
}
