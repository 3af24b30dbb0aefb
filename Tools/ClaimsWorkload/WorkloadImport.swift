import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import Foundation

/// Imports a workload's input file (JSON Lines, a blank line after each batch) into a new
/// journal, batch by batch through one `AppendSession`: each batch validated event by event,
/// written and fsync'd before the next is written, as `claims append` does for one; the next
/// batch is validated while the one before is on its way to the disk, and the import is
/// reported only once every batch is durable. Each batch is
/// recorded at 18:00 China Standard Time on its first event's date, as the generator recorded
/// it, so the imported journal is the generated one, byte for byte.
public enum WorkloadImport {
  public struct Report: Sendable {
    public var batches = 0
    public var events = 0
    public var inputBytes = 0
  }

  public static func run(input: String, journal: String) throws -> Report {
    let mapped: MappedFile
    // Read once, front to back: the batches read are given back as the import goes on, so
    // that what it holds does not grow with the input.
    do { mapped = try OpenFile(path: input, writable: false).map(populate: false) } catch {
      throw WorkloadError("cannot read \(input): \(error)")
    }
    try JournalWriter.create(
      path: journal, opened: Workload.opened, recorded: Workload.openedRecorded)
    let session = try AppendSession(path: journal, clock: Workload.openedRecorded)
    let bytes = mapped.bytes
    var report = Report(inputBytes: bytes.count)
    var (start, released) = (0, 0)
    while start < bytes.count {
      let end = batchEnd(bytes, from: start)
      let events = try AppendInput.parse(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
      if let first = events.first {
        let stamp = Workload.recorded(on: first.event.date)
        do { _ = try session.appendWithoutWaiting(events, recordedAt: stamp, clock: stamp) } catch {
          throw WorkloadError("batch \(report.batches + 1) of \(input) was refused: \(error)")
        }
        report.batches += 1
        report.events += events.count
      }
      released = mapped.release(released..<(end + 1))
      start = end + 1
    }
    do { try session.waitUntilDurable() } catch {
      throw WorkloadError("the import into \(journal) failed: \(error)")
    }
    return withExtendedLifetime(mapped) { report }
  }

  /// The offset of the blank line that ends the batch starting at `start` (or the file's end):
  /// the second `\n` of the first `\n\n`, found with `memchr` a newline at a time.
  static func batchEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
    if start < bytes.count, bytes[start] == 0x0A { return start }
    var index = start
    while index < bytes.count, let found = memchr(bytes.baseAddress! + index, 0x0A, bytes.count - index) {
      let newline = UnsafeRawPointer(found) - bytes.baseAddress!
      if newline + 1 < bytes.count, bytes[newline + 1] == 0x0A { return newline + 1 }
      index = newline + 1
    }
    return bytes.count
  }
}
