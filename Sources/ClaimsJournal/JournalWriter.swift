import ClaimsDomain

/// Exclusive write access to one journal: the lock is held from opening until the writer is
/// released, so that what was read, validated and appended is one consistent step.
///
/// The writer never holds the journal's bytes: opening streams them (a chunk at a time) to the
/// caller, which folds them; after that it knows the end of the journal (`end`), and a reader
/// that needs lines again streams the file. Memory does not grow with the journal.
public final class JournalWriter {
  public let path: String
  let file: OpenFile
  /// The complete prefix as it stands once every batch handed over is on disk: where the next
  /// batch goes, its first seq, and what it chains to.
  public private(set) var end: JournalScan
  /// What opening had to do, for the user: a recovered tail, a head brought up to date.
  public private(set) var notices: [String] = []
  /// The point opening resumed after (only the lines after it were read), if it did.
  public let resumedAfter: ChainPoint?
  /// Batches being written behind the caller's back (`appendWithoutWaiting`).
  private var background: BackgroundDisk?
  /// `JOURNAL.head`, written after each batch.
  private let head: HeadSlots

  /// Opens an existing journal for append: lock, then stream, verify, and recover an incomplete
  /// tail by moving its bytes to `JOURNAL.torn-<now>` and truncating to the last complete batch.
  /// `eachLine` gets every line of the complete prefix, verified, in order (as
  /// `JournalSnapshot.stream` delivers them).
  ///
  /// Given `resumingAfter` (a checkpoint's point), it streams only the lines after it, once the
  /// journal still holds that line unchanged at its place and the head is not older; else the
  /// whole journal from line 1, as without it (`eachLine` then sees line 1 first). `resumed`
  /// says which.
  public init(
    path: String, now: Timestamp, resumingAfter point: ChainPoint? = nil,
    eachLine: (_ frame: LineFrame, _ line: UnsafeRawBufferPointer) throws(JournalError) -> Void
  ) throws(JournalError) {
    guard FilePaths.exists(path) else {
      throw .notAJournal(path: path, reason: "there is no such file (create one with claims init)")
    }
    do {
      file = try OpenFile(path: path, writable: true)
      try file.lockExclusive()
      self.path = path
      self.head = HeadSlots(journal: path, current: try JournalHead.reading(forJournal: path).slot)
    } catch let error as FileError { throw .file(error) } catch let error as JournalError {
      throw error
    } catch { fatalError("unreachable: \(error)") }
    // Under the lock: no writer changes the file between the point's check and the read.
    var read: JournalStreamEnd?
    if let point { read = try JournalSnapshot.stream(path: path, resumingAfter: point, body: eachLine) }
    resumedAfter = read == nil ? nil : point
    if read == nil { read = try JournalSnapshot.stream(path: path, body: eachLine) }
    end = read!.scan
    if let tail = end.tail {
      // A resumed read that found no complete batch after its point ends at that point.
      try recover(tail, keepingThrough: read!.endPoint ?? resumedAfter!, now: now)
    }
    if case .oneBatchBehind = end.head {
      notices.append("\(JournalHead.path(forJournal: path)) was one batch behind; brought up to date")
      try writeHead(seq: end.lineCount, hash: end.lastHash)
      end.head = .matches
    }
  }

  /// Whether opening read only the lines after the point it was given.
  public var resumed: Bool { resumedAfter != nil }

  /// Creates a new journal whose line 1 is `opened`. Refuses if the file exists.
  public static func create(path: String, opened: Event, recorded: Timestamp) throws(JournalError) {
    guard opened.type == .journalOpened else { preconditionFailure("line 1 must be journal.opened") }
    let line = JournalLine.encode(
      opened, seq: 1, recorded: recorded, prev: .zero, batchIndex: 1, batchCount: 1)
    do {
      let file = try OpenFile(creating: path)
      try file.lockExclusive()
      try file.write(line + [0x0A], at: 0)
      try file.sync()
      try FilePaths.syncDirectory(of: path)
    } catch { throw .file(error) }
    try JournalHead(seq: 1, lastLineHash: SHA256.hash(line)).write(forJournal: path)
  }

  /// Moves the tail's bytes aside and truncates the journal to the complete prefix, which ends
  /// with `last`'s line; `end` is then the scan of what is kept.
  func recover(_ tail: IncompleteTail, keepingThrough last: ChainPoint, now: Timestamp) throws(JournalError) {
    var tornPath = "\(path).torn-\(now.compactString)"
    var attempt = 1
    while FilePaths.exists(tornPath) {
      attempt += 1
      tornPath = "\(path).torn-\(now.compactString)-\(attempt)"
    }
    do {
      try FilePaths.createDurably(tornPath, with: try file.read(from: tail.range.lowerBound, upTo: tail.range.upperBound))
      try file.truncate(to: tail.range.lowerBound)
      try file.sync()
    } catch { throw .file(error) }
    // The kept prefix's scan, judged against the head as it now stands: read from its last line.
    guard let kept = try JournalSnapshot.read(path: path, resumingAfter: last) else {
      throw .integrity(line: last.seq, reason: "the journal changed while its incomplete tail was recovered")
    }
    end = kept.scan
    notices.append(
      "recovered \(path): moved \(tail.range.count) bytes of an incomplete batch (\(tail.reason)) "
        + "to \(tornPath); the journal now ends at line \(end.lineCount)")
  }


  /// Appends `events` as one batch stamped `recorded`: one write, one fsync, then the head.
  /// Returns the seqs written. Durable when it returns.
  @discardableResult
  public func append(_ events: [Event], recorded: Timestamp) throws(JournalError) -> ClosedRange<Int>? {
    try append(events.map(BatchEvent.event), recorded: recorded)
  }

  /// The same, for events some of which are already in the canonical form.
  @discardableResult
  public func append(_ events: [BatchEvent], recorded: Timestamp) throws(JournalError) -> ClosedRange<Int>? {
    try waitUntilDurable()
    let endBefore = end
    guard let batch = prepare(events, recorded: recorded) else { return nil }
    try head.whileLocked { () throws(JournalError) in
      do throws(JournalError) { try Self.writeLines(batch, to: file) } catch {
        // Taken back: the journal ends where it did.
        end = endBefore
        throw error
      }
      try writeHead(after: batch)
    }
    return batch.seqs
  }

  /// Appends `events` as one batch like `append`, but returns once the batch is encoded and
  /// handed to a background thread that writes it, fsyncs it and replaces the head, in order
  /// after the batches before it: the caller validates the next batch while this one reaches
  /// the disk. Nothing is durable, nor to be acknowledged, until `waitUntilDurable()` returns.
  /// If a batch fails, it is taken back, the batches after it are not written, and this call
  /// (or the next, or `waitUntilDurable`) throws; the writer is then unusable.
  @discardableResult
  public func appendWithoutWaiting(_ events: [BatchEvent], recorded: Timestamp) throws(JournalError)
    -> ClosedRange<Int>?
  {
    if let failure = background?.failure { throw failure }
    guard let batch = prepare(events, recorded: recorded) else { return nil }
    if background == nil { background = BackgroundDisk() }
    // Only the background thread touches the file until `waitUntilDurable`; this thread goes on
    // with `end`, in memory.
    nonisolated(unsafe) let writer = self
    background!.write(batch) { batch throws(JournalError) in
      try writer.head.whileLocked { () throws(JournalError) in
        try Self.writeLines(batch, to: writer.file)
        try writer.writeHead(after: batch)
      }
    }
    return batch.seqs
  }

  /// Blocks until every batch handed to `appendWithoutWaiting` is durable; throws the failure
  /// that stopped them, if any.
  public func waitUntilDurable() throws(JournalError) {
    guard let background else { return }
    background.drain()
    if let failure = background.failure { throw failure }
  }

  /// Encodes a batch after the current end and moves the end past it.
  private func prepare(_ events: [BatchEvent], recorded: Timestamp) -> EncodedBatch? {
    guard !events.isEmpty else { return nil }
    let first = end.lineCount + 1
    let (bytes, lastHash) = JournalLine.encodeBatch(
      events, firstSeq: first, recorded: recorded, previous: end.lastHash)
    let batch = EncodedBatch(
      bytes: bytes, offset: end.completeLength, seqs: first...(first + events.count - 1), lastHash: lastHash)
    // The batch was built here from a verified chain; extend the scan rather than rescan.
    end.lineCount = batch.seqs.upperBound
    end.completeLength += bytes.count
    end.lastHash = lastHash
    end.lastRecorded = recorded
    return batch
  }

  /// Writes a batch at its offset and fsyncs. A failed write or fsync is taken back, so that a
  /// failed append leaves no batch behind; if even that fails, the next append recovers the
  /// incomplete tail.
  static func writeLines(_ batch: EncodedBatch, to file: borrowing OpenFile) throws(JournalError) {
    do {
      try file.write(batch.bytes, at: batch.offset)
      try file.syncData()
    } catch {
      try? file.truncate(to: batch.offset)
      try? file.sync()
      throw .file(error)
    }
  }

  /// Replaces the head after the batch's fsync. If this fails, the batch stays (it is durable)
  /// and the head one batch behind, as after a crash between the two: the next append fixes it.
  func writeHead(after batch: EncodedBatch) throws(JournalError) {
    try head.write(JournalHead(seq: batch.seqs.upperBound, lastLineHash: batch.lastHash))
  }

  func writeHead(seq: Int, hash: SHA256Digest) throws(JournalError) {
    try head.write(JournalHead(seq: seq, lastLineHash: hash))
  }
}

/// A batch ready for the disk: its lines, where they go, and the head that follows them.
struct EncodedBatch: Sendable {
  var bytes: [UInt8]
  var offset: Int
  var seqs: ClosedRange<Int>
  var lastHash: SHA256Digest
}
