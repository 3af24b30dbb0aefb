import ClaimsDomain

/// A journal's bytes as read, with the scan that vouches for them. Read commands work from a
/// snapshot and never modify the file.
public struct JournalSnapshot: Sendable {
  public let path: String
  /// The file as read from `baseOffset` on (the whole file unless resumed after a point),
  /// including any incomplete tail.
  public internal(set) var bytes: [UInt8]
  public internal(set) var scan: JournalScan
  /// Where `bytes` start in the file; the lines before were vouched for by a `ChainPoint`.
  public private(set) var baseOffset = 0
  /// That point, when there is one.
  public private(set) var resumedAfter: ChainPoint?

  /// Reads and checks a journal. An incomplete tail is tolerated (it is left for the next append
  /// to recover); anything else wrong is an integrity error.
  public static func read(path: String, threads: Int = 0) throws(JournalError) -> JournalSnapshot {
    guard FilePaths.exists(path) else { throw .notAJournal(path: path, reason: "there is no such file") }
    // The head first, with the journal's length then: what a writer appends later is left out.
    let reading = try JournalHead.reading(forJournal: path)
    let bytes: [UInt8]
    do { bytes = try OpenFile(path: path, writable: false).read(from: 0, upTo: reading.journalLength) } catch {
      throw .file(error)
    }
    return try JournalSnapshot(path: path, bytes: bytes, head: reading.head, threads: threads)
  }

  /// Reads only the lines after `point`, once its line is found unchanged at its offset, and
  /// checks them as `read` would; nil when the journal no longer holds that line there, or the
  /// head is older than the point (then only a whole read can judge it).
  public static func read(path: String, resumingAfter point: ChainPoint, threads: Int = 0) throws(JournalError)
    -> JournalSnapshot?
  {
    let reading = try JournalHead.reading(forJournal: path)
    let bytes: [UInt8]
    do {
      bytes = try OpenFile(path: path, writable: false).read(from: point.lineOffset, upTo: reading.journalLength)
    } catch {
      throw .file(error)
    }
    return try resumed(path: path, bytes: bytes, head: reading.head, after: point, threads: threads)
  }

  /// The snapshot of `bytes`, read from `point.lineOffset`, after `point`; nil when they do not
  /// start with the point's line unchanged, or the head is older than the point.
  static func resumed(path: String, bytes: [UInt8], head: JournalHead?, after point: ChainPoint, threads: Int = 0)
    throws(JournalError) -> JournalSnapshot?
  {
    if let head, head.seq < point.seq { return nil }
    let lineLength = point.endOffset - point.lineOffset
    guard lineLength > 0, bytes.count >= lineLength, bytes[lineLength - 1] == 0x0A,
      bytes.withUnsafeBytes({ point.matches(UnsafeRawBufferPointer(rebasing: $0[..<(lineLength - 1)])) })
    else { return nil }
    return try JournalSnapshot(
      path: path, bytes: Array(bytes[lineLength...]), head: head, threads: threads, resumingAfter: point)
  }

  init(path: String, bytes: [UInt8], head: JournalHead?, threads: Int, resumingAfter point: ChainPoint? = nil)
    throws(JournalError)
  {
    let scanner = JournalScanner(threads: threads)
    let result: Result<JournalScan, JournalError> = bytes.withUnsafeBytes { buffer in
      do throws(JournalError) { return .success(try scanner.scan(buffer, head: head, resumingAfter: point)) } catch {
        return .failure(error)
      }
    }
    var scan = try result.get()
    // Offsets in the file, not in the bytes read.
    let base = point?.endOffset ?? 0
    try scan.placeInFile(path: path, origin: base)
    baseOffset = base
    resumedAfter = point
    self.path = path
    self.bytes = bytes
    self.scan = scan
  }

  /// The point at the end of the complete prefix, for a later read to resume after.
  public var endPoint: ChainPoint? {
    guard let recorded = scan.lastRecorded, scan.completeLength > baseOffset else { return nil }
    let end = scan.completeLength - baseOffset
    let start = bytes[..<(end - 1)].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
    let frame: LineFrame? = bytes.withUnsafeBytes {
      try? LineFrame.parse(UnsafeRawBufferPointer(rebasing: $0[start..<(end - 1)])).get()
    }
    guard let frame, frame.endsBatch else { return nil }
    return ChainPoint(
      seq: frame.seq, lineOffset: baseOffset + start, endOffset: scan.completeLength, lineHash: scan.lastHash,
      recorded: recorded, batchFirstSeq: frame.seq - frame.batchCount + 1)
  }

  /// What a reader should be told about the state of the file, one sentence each.
  public var warnings: [String] { Self.warnings(path: path, scan: scan) }

  /// The warnings for a journal at `path` whose scan found `scan`.
  static func warnings(path: String, scan: JournalScan) -> [String] {
    var notes: [String] = []
    if let tail = scan.tail {
      notes.append(
        "\(path) ends with an incomplete batch (\(tail.range.count) bytes from line \(tail.firstLine): "
          + "\(tail.reason)); it is ignored here and recovered by the next append")
    }
    switch scan.head {
    case .matches: break
    case .missing:
      notes.append("\(JournalHead.path(forJournal: path)) is missing: the last line is judged on its own")
    case .oneBatchBehind(let seq):
      notes.append(
        "\(JournalHead.path(forJournal: path)) is one batch behind (line \(seq) of \(scan.lineCount)): "
          + "a crash between two writes; the next append fixes it")
    }
    return notes
  }

  /// Calls `body` for each line of the complete prefix (after the resumed point, if any), in order, with its frame and bytes
  /// (without the `\n`). The scan has already checked every frame.
  public func forEachLine(
    _ body: (_ frame: LineFrame, _ line: UnsafeRawBufferPointer) throws -> Void
  ) rethrows {
    try bytes.withUnsafeBytes { buffer in
      var position = 0
      while position < scan.completeLength - baseOffset {
        let end = JournalScanner.nextNewline(buffer, from: position)!
        let line = UnsafeRawBufferPointer(rebasing: buffer[position..<end])
        guard case .success(let frame) = LineFrame.parse(line) else {
          preconditionFailure("a scanned line lost its frame")
        }
        try body(frame, line)
        position = end + 1
      }
    }
  }
}
