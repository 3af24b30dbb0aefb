import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsTestSupport
import Dispatch
#if canImport(Glibc)
  import Glibc
#endif
import Synchronization
import Testing

/// Read commands take no writer's lock, yet a read during an import must see the journal and
/// its head agree: the head and the journal's length are taken together, under the head file's
/// shared lock, and the read stops at that length (before, such a read met a head several
/// batches behind the lines it read, and reported an integrity error).
@Suite struct ConcurrentReadTests {
  final class Outcome: @unchecked Sendable {
    var failure: (any Error)?
    var batches = 0
    /// The longest journal a read has seen, published for the writer.
    let longestSeen = Atomic<Int>(0)

    /// Holds the writer until a read has seen `lines`: every batch is then seen by some read,
    /// however the threads are scheduled (in CI, with other suites running, a free-running
    /// writer once finished while the reads saw only three lengths). Reads still overlap the
    /// background thread's writes of the batch.
    func waitForARead(of lines: Int) throws {
      let deadline = DispatchTime.now() + .seconds(60)
      while longestSeen.load(ordering: .acquiring) < lines {
        if DispatchTime.now() > deadline { throw ReadNeverCameUp(lines: lines) }
        usleep(50)
      }
    }
  }
  struct ReadNeverCameUp: Error { let lines: Int }

  /// Batches of three lines; without the lock, a read met a head behind its lines by the
  /// thirteenth.
  static let batches = 120

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
        for batch in 0..<Self.batches {
          let lines = (0..<3).map { n in
            Bureau.attendance(
              n % 2 == 0 ? Bureau.trainee1 : Bureau.trainee2, id: "att-\(batch)-\(n)",
              date: "2024-09-\(10 + batch % 20)")
          }
          _ = try session.appendWithoutWaiting(
            AppendInput.parse(Array(lines.joined(separator: "\n").utf8)), recordedAt: stamp, clock: stamp)
          outcome.batches += 1
          try outcome.waitForARead(of: linesBefore + 3 * outcome.batches)
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
      outcome.longestSeen.store(snapshot.scan.lineCount, ordering: .releasing)
      reads += 1
    } while writer.wait(timeout: .now()) == .timedOut
    #expect(outcome.failure == nil, "\(String(describing: outcome.failure))")
    #expect(outcome.batches == Self.batches)
    // The reads overlapped the import: they saw the journal after every batch (and before the
    // first, unless the writer was quicker).
    #expect(linesSeen.count >= Self.batches, "\(reads) reads saw \(linesSeen.count) lengths")
    #expect(try JournalSnapshot.read(path: path).scan.lineCount == linesBefore + 3 * Self.batches)
  }
}
