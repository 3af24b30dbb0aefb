import ClaimsDomain

/// What a streamed read of a journal found: the same scan, end point and warnings that
/// `JournalSnapshot.read` gives, without the bytes.
public struct JournalStreamEnd: Equatable, Sendable {
  public var scan: JournalScan
  /// The point at the end of the complete prefix, for a later read to resume after; nil when
  /// a resumed read found no complete batch after its point.
  public var endPoint: ChainPoint?
  public var warnings: [String]
}

extension JournalSnapshot {
  /// The size of the buffer a stream reads into, and reuses.
  public static let streamChunkBytes = 8 << 20

  /// Reads the journal in chunks (default 8 MiB, reused buffer), checking frames and chain exactly
  /// as `read` does, and calls `body` with every line of every COMPLETE batch, in file order, after
  /// that line passed the chain check (a crash's incomplete tail is never delivered; it is reported
  /// in the result as `read` reports it). Errors come in line order: a chain error at line n is
  /// thrown before `body` sees line n. Memory is bounded by the chunk and the longest batch.
  ///
  /// The head's line is compared with `JOURNAL.head` before its batch is handed on; a head that
  /// records more lines than are complete, or lags more than one batch, shows only at the end,
  /// after `body` has seen every complete batch.
  ///
  /// - Returns: nil when `point` no longer matches the journal (as `read(path:resumingAfter:)`).
  public static func stream(
    path: String, resumingAfter point: ChainPoint? = nil, threads: Int = 0,
    body: (_ frame: LineFrame, _ line: UnsafeRawBufferPointer) throws(JournalError) -> Void
  ) throws(JournalError) -> JournalStreamEnd? {
    try stream(
      path: path, resumingAfter: point, threads: threads, chunkBytes: streamChunkBytes, body: body)
  }

  /// `stream` with the chunk size chosen: tests use tiny chunks so that lines and batches
  /// straddle them.
  static func stream(
    path: String, resumingAfter point: ChainPoint?, threads: Int, chunkBytes: Int,
    body: (_ frame: LineFrame, _ line: UnsafeRawBufferPointer) throws(JournalError) -> Void
  ) throws(JournalError) -> JournalStreamEnd? {
    if point == nil, !FilePaths.exists(path) {
      throw .notAJournal(path: path, reason: "there is no such file")
    }
    // The head first, with the journal's length then: what a writer appends later is left out.
    let reading = try JournalHead.reading(forJournal: path)
    let head = reading.head
    // In the order `read` takes its steps, so that both fail alike.
    if let point, let head, head.seq < point.seq { return nil }
    let file: OpenFile
    do { file = try OpenFile(path: path, writable: false) } catch { throw .file(error) }
    var state = ChainState(head: head)
    var origin = 0
    if let point {
      guard try Self.holds(point, file) else { return nil }
      state = ChainState(head: head, resumingAfter: point)
      origin = point.endOffset
    }
    var source = FileSource(file: file, origin: origin, chunkBytes: chunkBytes, end: reading.journalLength)
    var scan = try JournalScanner(threads: threads).run(
      &source, state: &state, delivering: true, deliver: body)
    try scan.placeInFile(path: path, origin: origin)
    var endPoint: ChainPoint?
    if let recorded = scan.lastRecorded, scan.completeLength > origin {
      endPoint = ChainPoint(
        seq: scan.lineCount, lineOffset: origin + state.lastLineStart,
        endOffset: scan.completeLength,
        lineHash: scan.lastHash, recorded: recorded, batchFirstSeq: state.lastBatchFirstSeq)
    }
    return JournalStreamEnd(
      scan: scan, endPoint: endPoint, warnings: warnings(path: path, scan: scan))
  }

  /// How a stream that may stop early ended.
  public enum StreamStop: Sendable {
    /// The journal no longer holds the point (as `stream`'s nil).
    case pointGone
    /// `body` asked to stop: lines after the one it saw last were not read.
    case stopped
    /// Every complete line was delivered.
    case ended(JournalStreamEnd)
  }

  /// Streams as `stream` does while `body` returns true: a reader that needs only the lines up
  /// to some seq reads no further.
  public static func streamPrefix(
    path: String, resumingAfter point: ChainPoint? = nil,
    while body: (_ frame: LineFrame, _ line: UnsafeRawBufferPointer) throws(JournalError) -> Bool
  ) throws(JournalError) -> StreamStop {
    var stopped = false
    do {
      let end = try stream(path: path, resumingAfter: point, threads: 0, body: { (frame, line) throws(JournalError) in
        guard try body(frame, line) else {
          stopped = true
          // The scanner stops only on an error: this one is caught below.
          throw .integrity(line: frame.seq, reason: "the reader stopped here")
        }
      })
      return end.map(StreamStop.ended) ?? .pointGone
    } catch {
      if stopped { return .stopped }
      throw error
    }
  }

  /// Whether the journal still holds `point`'s line, unchanged, at its offset.
  static func holds(_ point: ChainPoint, _ file: borrowing OpenFile) throws(JournalError) -> Bool {
    let lineLength = point.endOffset - point.lineOffset
    guard lineLength > 0, point.lineOffset >= 0 else { return false }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: lineLength, alignment: 8)
    defer { buffer.deallocate() }
    let count: Int
    do { count = try file.read(into: buffer, at: point.lineOffset) } catch { throw .file(error) }
    guard count == lineLength, buffer[lineLength - 1] == 0x0A else { return false }
    return point.matches(UnsafeRawBufferPointer(rebasing: buffer[..<(lineLength - 1)]))
  }
}

extension JournalScan {
  /// Moves offsets counted from the first byte read to offsets in the file, whose byte
  /// `origin` that was; refuses a scan that found no complete line. Shared by `read` and
  /// `stream`.
  mutating func placeInFile(path: String, origin: Int) throws(JournalError) {
    completeLength += origin
    if let tail {
      self.tail!.range = (tail.range.lowerBound + origin)..<(tail.range.upperBound + origin)
    }
    guard lineCount > 0 else {
      throw .notAJournal(
        path: path, reason: "it holds no complete line (line 1 must be journal.opened)")
    }
  }
}

/// A journal file read a chunk at a time into one buffer, which grows only when the bytes to
/// keep (an open batch, or one long line) fill it. A class, as it owns the file and the buffer.
final class FileSource: JournalSource {
  let file: OpenFile
  /// Where in the file offset 0 of the scan lies.
  let origin: Int
  private var buffer: UnsafeMutableRawBufferPointer
  private var filled = 0
  private(set) var base = 0

  /// Where in the file the read stops (nil: at its end).
  let end: Int?

  init(file: consuming OpenFile, origin: Int, chunkBytes: Int, end: Int? = nil) {
    self.file = file
    self.origin = origin
    self.end = end
    buffer = .allocate(byteCount: max(chunkBytes, 1), alignment: 64)
  }

  deinit { buffer.deallocate() }

  var window: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[..<filled]) }

  func refill(keepingFrom keep: Int) throws(JournalError) -> Bool {
    precondition(keep >= base && keep <= base + filled, "a scan keeps bytes it no longer has")
    let kept = base + filled - keep
    if keep > base {
      buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + (keep - base), byteCount: kept)
      base = keep
      filled = kept
    }
    if filled == buffer.count {
      // Everything in hand must be kept: a batch or a line longer than the buffer.
      let larger = UnsafeMutableRawBufferPointer.allocate(
        byteCount: buffer.count * 2, alignment: 64)
      larger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: filled)
      buffer.deallocate()
      buffer = larger
    }
    let at = origin + base + filled
    let room = end.map { max(0, min(buffer.count - filled, $0 - at)) } ?? (buffer.count - filled)
    let count: Int
    do {
      count = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<(filled + room)]), at: at)
    } catch { throw .file(error) }
    filled += count
    return count > 0
  }
}
