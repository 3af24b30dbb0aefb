import Dispatch

/// One background thread that writes batches to the disk in the order they were handed over,
/// so that the thread that validates and encodes them does not wait for each fsync. At most
/// two batches wait at a time (memory stays that of two batches), and after a failure the
/// batches behind it are dropped: they chain onto a batch that is not in the journal.
final class BackgroundDisk: @unchecked Sendable {
  private let disk = DispatchQueue(label: "claims.journal.background-disk")
  private let room = DispatchSemaphore(value: 2)
  // Guarded by its own queue, not `disk`: asking must not wait behind the batches in flight.
  private let guardQueue = DispatchQueue(label: "claims.journal.background-disk.failure")
  private var firstFailure: JournalError?

  /// The failure that stopped the writes, as far as known now (final after `drain()`).
  var failure: JournalError? { guardQueue.sync { firstFailure } }

  /// Queues `commit(batch)`; blocks while two batches are already waiting.
  func write(_ batch: EncodedBatch, _ commit: @escaping (EncodedBatch) throws(JournalError) -> Void) {
    room.wait()
    // Fault injection (tests) is task-local: carry it over to the queue's thread.
    let faults = FileFaults.current
    let counter = FileFaults.counter
    nonisolated(unsafe) let commit = commit
    disk.async {
      defer { self.room.signal() }
      guard self.failure == nil else { return }
      FileFaults.$counter.withValue(counter) {
        FileFaults.$current.withValue(faults) {
          do throws(JournalError) { try commit(batch) } catch {
            self.guardQueue.sync { self.firstFailure = error }
          }
        }
      }
    }
  }

  /// Returns once every queued batch is written or dropped.
  func drain() { disk.sync {} }
}
