import ClaimsDomain

/// Exclusive write access to one journal: the lock is held from opening until the writer is
/// released, so that what was read, validated and appended is one consistent step.
///
/// The writer keeps the journal's bytes only as read at opening, and only until the first
/// append: after that it knows the end of the journal (`end`) and reads the file again in the
/// rare case that needs the lines (`snapshot()`), so that a long import does not hold the whole
/// journal in memory.
public final class JournalWriter {
  public let path: String
  let file: OpenFile
  /// The complete prefix as it stands once every batch handed over is on disk: where the next
  /// batch goes, its first seq, and what it chains to.
  public private(set) var end: JournalScan
  /// What opening had to do, for the user: a recovered tail, a head brought up to date.
  public private(set) var notices: [String] = []
  /// The journal as read at opening (after any recovery), until the first append.
  private var opened: JournalSnapshot?
  /// Batches being written behind the caller's back (`appendWithoutWaiting`).
  private var background: BackgroundDisk?
  /// `JOURNAL.head`, written after each batch.
  private let head: HeadSlots

  /// Opens an existing journal for append: lock, read, verify, and recover an incomplete tail by
  /// moving its bytes to `JOURNAL.torn-<now>` and truncating to the last complete batch.
  ///
  /// Given `resumingAfter` (a checkpoint's point), it reads and verifies only the lines after it,
  /// once the journal still holds that line unchanged at its place and the head is not older;
  /// else the whole journal, as without it. `resumed` says which.
  public init(path: String, now: Timestamp, resumingAfter point: ChainPoint? = nil) throws(JournalError) {
    guard FilePaths.exists(path) else {
      throw .notAJournal(path: path, reason: "there is no such file (create one with claims init)")
    }
    let snapshot: JournalSnapshot
    do {
      file = try OpenFile(path: path, writable: true)
      try file.lockExclusive()
      self.path = path
      let reading = try JournalHead.reading(forJournal: path)
      self.head = HeadSlots(journal: path, current: reading.slot)
      var resumed: JournalSnapshot?
      if let point {
        resumed = try JournalSnapshot.resumed(
          path: path, bytes: try file.read(from: point.lineOffset), head: reading.head, after: point)
      }
      snapshot = try resumed ?? JournalSnapshot(path: path, bytes: try file.readAll(), head: reading.head, threads: 0)
    } catch let error as FileError { throw .file(error) } catch let error as JournalError {
      throw error
    } catch { fatalError("unreachable: \(error)") }
    opened = snapshot
    end = snapshot.scan
    if let tail = snapshot.scan.tail { try recover(tail, in: snapshot, now: now) }
    if case .oneBatchBehind = end.head {
      notices.append("\(JournalHead.path(forJournal: path)) was one batch behind; brought up to date")
      try writeHead(seq: end.lineCount, hash: end.lastHash)
      end.head = .matches
    }
  }

  /// Whether opening read only the lines after the point it was given.
  public var resumed: Bool { (opened?.baseOffset ?? 0) > 0 }

  /// The lines read at opening, until the first append: the whole journal, or only those after
  /// the point it resumed after (`resumed`).
  public var openedLines: JournalSnapshot? { opened }

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

  func recover(_ tail: IncompleteTail, in snapshot: JournalSnapshot, now: Timestamp) throws(JournalError) {
    var tornPath = "\(path).torn-\(now.compactString)"
    var attempt = 1
    while FilePaths.exists(tornPath) {
      attempt += 1
      tornPath = "\(path).torn-\(now.compactString)-\(attempt)"
    }
    let kept = tail.range.lowerBound
    // The snapshot's bytes start at its base offset in the file (after a resumed point).
    let base = snapshot.baseOffset
    do {
      try FilePaths.createDurably(tornPath, with: Array(snapshot.bytes[(tail.range.lowerBound - base)..<(tail.range.upperBound - base)]))
      try file.truncate(to: kept)
      try file.sync()
      let head = try JournalHead.read(forJournal: path)
      let bytes = Array(snapshot.bytes[..<(kept - base)])
      let recovered =
        try snapshot.resumedAfter.map { point in
          try JournalSnapshot(path: path, bytes: bytes, head: head, threads: 0, resumingAfter: point)
        } ?? JournalSnapshot(path: path, bytes: bytes, head: head, threads: 0)
      opened = recovered
      end = recovered.scan
    } catch let error as FileError { throw .file(error) } catch let error as JournalError {
      throw error
    } catch { fatalError("unreachable: \(error)") }
    notices.append(
      "recovered \(path): moved \(tail.range.count) bytes of an incomplete batch (\(tail.reason)) "
        + "to \(tornPath); the journal now ends at line \(end.lineCount)")
  }

  /// The journal as it now stands, lines included: as read at opening if nothing was appended
  /// since, else read again from the file (under the lock, once every batch is on disk).
  public func snapshot() throws(JournalError) -> JournalSnapshot {
    try waitUntilDurable()
    if let opened, opened.baseOffset == 0 { return opened }
    do {
      return try JournalSnapshot(
        path: path, bytes: try file.readAll(), head: try JournalHead.read(forJournal: path), threads: 0)
    } catch let error as FileError { throw .file(error) } catch let error as JournalError {
      throw error
    } catch { fatalError("unreachable: \(error)") }
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
    let (endBefore, openedBefore) = (end, opened)
    guard let batch = prepare(events, recorded: recorded) else { return nil }
    try head.whileLocked { () throws(JournalError) in
      do throws(JournalError) { try Self.writeLines(batch, to: file) } catch {
        // Taken back: the journal ends where it did.
        (end, opened) = (endBefore, openedBefore)
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
    opened = nil
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
