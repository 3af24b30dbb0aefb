import ClaimsDomain

/// Exclusive write access to one journal: the lock is held from opening until the writer is
/// released, so that what was read, validated and appended is one consistent step.
public final class JournalWriter {
  public let path: String
  let file: OpenFile
  /// The journal as it stands after any recovery: what the new batch is validated against.
  public private(set) var snapshot: JournalSnapshot
  /// What opening had to do, for the user: a recovered tail, a head brought up to date.
  public private(set) var notices: [String] = []

  /// Opens an existing journal for append: lock, read, verify, and recover an incomplete tail by
  /// moving its bytes to `JOURNAL.torn-<now>` and truncating to the last complete batch.
  public init(path: String, now: Timestamp) throws(JournalError) {
    guard FilePaths.exists(path) else {
      throw .notAJournal(path: path, reason: "there is no such file (create one with claims init)")
    }
    do {
      file = try OpenFile(path: path, writable: true)
      try file.lockExclusive()
      let bytes = try file.readAll()
      self.path = path
      snapshot = try JournalSnapshot(
        path: path, bytes: bytes, head: try JournalHead.read(forJournal: path), threads: 0)
    } catch let error as FileError { throw .file(error) } catch let error as JournalError {
      throw error
    } catch { fatalError("unreachable: \(error)") }
    if let tail = snapshot.scan.tail { try recover(tail, now: now) }
    if case .oneBatchBehind = snapshot.scan.head {
      notices.append("\(JournalHead.path(forJournal: path)) was one batch behind; brought up to date")
      try writeHead()
    }
  }

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

  func recover(_ tail: IncompleteTail, now: Timestamp) throws(JournalError) {
    var tornPath = "\(path).torn-\(now.compactString)"
    var attempt = 1
    while FilePaths.exists(tornPath) {
      attempt += 1
      tornPath = "\(path).torn-\(now.compactString)-\(attempt)"
    }
    let kept = tail.range.lowerBound
    do {
      try FilePaths.createDurably(tornPath, with: Array(snapshot.bytes[tail.range]))
      try file.truncate(to: kept)
      try file.sync()
      snapshot = try JournalSnapshot(
        path: path, bytes: Array(snapshot.bytes[..<kept]),
        head: try JournalHead.read(forJournal: path), threads: 0)
    } catch let error as FileError { throw .file(error) } catch let error as JournalError {
      throw error
    } catch { fatalError("unreachable: \(error)") }
    notices.append(
      "recovered \(path): moved \(tail.range.count) bytes of an incomplete batch (\(tail.reason)) "
        + "to \(tornPath); the journal now ends at line \(snapshot.scan.lineCount)")
  }

  /// Appends `events` as one batch stamped `recorded`: one write, one fsync, then the head.
  /// Returns the seqs written. Durable when it returns.
  @discardableResult
  public func append(_ events: [Event], recorded: Timestamp) throws(JournalError) -> ClosedRange<Int>? {
    guard !events.isEmpty else { return nil }
    let first = snapshot.scan.lineCount + 1
    let (batch, previous) = JournalLine.encodeBatch(
      events, firstSeq: first, recorded: recorded, previous: snapshot.scan.lastHash)
    do {
      try file.write(batch, at: snapshot.scan.completeLength)
      try file.sync()
    } catch {
      // Take back what may have reached the file, so that a failed append leaves no batch
      // behind; if even that fails, the next append recovers the incomplete tail.
      try? file.truncate(to: snapshot.scan.completeLength)
      try? file.sync()
      throw .file(error)
    }
    let last = first + events.count - 1
    // The batch was built here from a verified chain; extend the scan rather than rescan.
    snapshot.bytes.append(contentsOf: batch)
    snapshot.scan.lineCount = last
    snapshot.scan.completeLength = snapshot.bytes.count
    snapshot.scan.lastHash = previous
    snapshot.scan.lastRecorded = recorded
    try writeHead()
    snapshot.scan.head = .matches
    return first...last
  }

  func writeHead() throws(JournalError) {
    try JournalHead(seq: snapshot.scan.lineCount, lastLineHash: snapshot.scan.lastHash)
      .write(forJournal: path)
  }
}
