import ClaimsDomain

/// The in-order part of a scan: what the lines so far establish, and the rules each next line
/// must keep. Separate from the scanner so that the rules read as one ladder.
struct ChainState {
  let head: JournalHead?
  var scan = JournalScan()
  var expectedSeq = 1
  var previousHash = SHA256Digest.zero
  var previousRecorded: Timestamp?
  /// The open batch: its size and `recorded`, and the last index seen.
  var openBatch: (index: Int, count: Int, recorded: Timestamp)?
  /// Seq of the first line of the last complete batch.
  var lastBatchFirstSeq = 0
  /// Where the last line of the last complete batch starts (valid once `scan.lineCount` counts
  /// a line read in this scan).
  var lastLineStart = 0
  var hashAtHeadSeq: SHA256Digest?

  init(head: JournalHead?) { self.head = head }

  /// Continues a chain after a point that an earlier scan vouched for: the lines up to it are
  /// not read again, and the next line must link to its hash.
  init(head: JournalHead?, resumingAfter point: ChainPoint) {
    self.head = head
    expectedSeq = point.seq + 1
    previousHash = point.lineHash
    previousRecorded = point.recorded
    lastBatchFirstSeq = point.batchFirstSeq
    scan.lineCount = point.seq
    scan.lastHash = point.lineHash
    scan.lastRecorded = point.recorded
    if head?.seq == point.seq { hashAtHeadSeq = point.lineHash }
  }

  static let openedType = Array(#""type":"journal.opened""#.utf8)

  /// Checks one line; returns what is wrong with it, or nil and advances.
  mutating func accept(
    _ line: UnsafeRawBufferPointer, frame parsed: LineFrame?, start: Int, digest: SHA256Digest
  ) -> ChainDefect? {
    guard let frame = parsed else {
      // Rare: read the line again, field by field, to say what is wrong with it.
      if case .failure(let defect) = LineFrame.diagnose(line) { return .line(defect) }
      preconditionFailure("the frame readers disagree on a line")
    }
    let seq = expectedSeq
    guard frame.seq == seq else { return .chain("seq is \(frame.seq), expected \(seq)") }
    let prevHex = UnsafeRawBufferPointer(rebasing: line[frame.prevOffset..<frame.prevOffset + 64])
    guard previousHash.matchesLowercaseHex(prevHex) else {
      return .chain(
        seq == 1
          ? "prev of line 1 must be 64 zeros"
          : "prev does not match the SHA-256 of line \(seq - 1): line \(seq - 1) or this line was changed")
    }
    if let previousRecorded, frame.recorded < previousRecorded {
      return .chain("recorded \(frame.recorded) is earlier than line \(seq - 1)'s \(previousRecorded)")
    }
    if let open = openBatch {
      guard frame.batchIndex == open.index + 1, frame.batchCount == open.count,
        frame.recorded == open.recorded
      else { return .chain("batch marker [\(frame.batchIndex),\(frame.batchCount)] breaks the open batch") }
    } else if frame.batchIndex != 1 {
      return .chain("batch marker [\(frame.batchIndex),\(frame.batchCount)] starts mid-batch")
    }
    if seq == 1 {
      let body = UnsafeRawBufferPointer(rebasing: line[frame.bodyOffset...])
      guard body.starts(with: Self.openedType) else { return .chain("line 1 must be journal.opened") }
    }
    if head?.seq == seq { hashAtHeadSeq = digest }
    previousHash = digest
    previousRecorded = frame.recorded
    expectedSeq += 1
    if frame.endsBatch {
      // The head's line, now in a complete batch, is judged before any line is handed on, so
      // that a stream reports it before its reader sees the line (finish would find it too).
      if let hashAtHeadSeq, let head, head.seq > scan.lineCount, hashAtHeadSeq != head.lastLineHash {
        return .head(Self.headMismatch(head))
      }
      scan.lineCount = seq
      scan.completeLength = start + line.count + 1
      scan.lastHash = digest
      scan.lastRecorded = frame.recorded
      lastLineStart = start
      lastBatchFirstSeq = seq - frame.batchCount + 1
      openBatch = nil
    } else {
      openBatch = (frame.batchIndex, frame.batchCount, frame.recorded)
    }
    return nil
  }

  /// Decides what a defect at `offset` means. A chain defect is tampering. A line that is not a
  /// journal line at all is what a crash leaves, provided no complete batch follows it; then the
  /// bytes from the last complete batch on are an incomplete tail. Reads `source` to its end
  /// to look for such a batch.
  mutating func fail(_ defect: ChainDefect, atOffset offset: Int, in source: inout some JournalSource)
    throws(JournalError)
  {
    let line = expectedSeq
    switch defect {
    case .chain(let reason):
      throw .integrity(line: line, reason: reason)
    case .head(let error):
      throw error
    case .line(let lineDefect):
      if let later = try Self.laterBatchEnd(in: &source, after: offset) {
        throw .integrity(
          line: line, reason: "\(lineDefect), yet a complete batch follows at byte \(later)")
      }
      let tailStart = scan.completeLength
      let firstLine = scan.lineCount + 1
      let reason: String
      if firstLine == line {
        reason = "line \(line): \(lineDefect)"
      } else {
        reason = "lines \(firstLine)–\(line - 1) begin a batch that never ends; line \(line): \(lineDefect)"
      }
      scan.tail = IncompleteTail(
        range: tailStart..<(source.base + source.window.count), firstLine: firstLine, brokenLine: line,
        reason: reason)
    }
  }

  /// The offset of a later line than the one at `offset` that parses as a frame and ends a
  /// batch, if any. Leaves `source` at its end when there is none.
  static func laterBatchEnd(in source: inout some JournalSource, after offset: Int) throws(JournalError)
    -> Int?
  {
    // The broken line itself need not stay in memory.
    guard let brokenEnd = try nextNewline(in: &source, from: offset, keepingFrom: nil) else {
      return nil
    }
    var position = brokenEnd + 1
    while let end = try nextNewline(in: &source, from: position, keepingFrom: position) {
      let from = position - source.base
      let line = UnsafeRawBufferPointer(rebasing: source.window[from..<(end - source.base)])
      if let frame = LineFrameReader.frame(of: line), frame.endsBatch { return position }
      position = end + 1
    }
    return nil
  }

  /// The offset of the next line end at or after `offset`, reading on as needed and keeping
  /// the bytes from `keep` (or, when nil, only those not yet searched) in the window; nil at the
  /// end of the source.
  static func nextNewline(in source: inout some JournalSource, from offset: Int, keepingFrom keep: Int?)
    throws(JournalError) -> Int?
  {
    var searched = offset
    while true {
      if let found = JournalScanner.nextNewline(source.window, from: searched - source.base) {
        return source.base + found
      }
      searched = max(searched, source.base + source.window.count)
      guard try source.refill(keepingFrom: keep ?? searched) else { return nil }
    }
  }

  static func headMismatch(_ head: JournalHead) -> JournalError {
    .integrity(line: head.seq, reason: "the line does not match the SHA-256 recorded in JOURNAL.head")
  }

  /// Closes the scan: an open batch at the end is a tail; then the head is checked.
  mutating func finish(totalLength: Int) throws(JournalError) -> JournalScan {
    if scan.tail == nil, let open = openBatch {
      let firstLine = scan.lineCount + 1
      scan.tail = IncompleteTail(
        range: scan.completeLength..<totalLength, firstLine: firstLine,
        brokenLine: expectedSeq - 1,
        reason: "lines \(firstLine)–\(expectedSeq - 1) are \(open.index) of a batch of \(open.count)")
    }
    guard let head else {
      scan.head = .missing
      return scan
    }
    let complete = scan.lineCount
    if head.seq > complete {
      let detail = scan.tail.map { " (\($0.reason))" } ?? ""
      throw .integrity(
        line: scan.tail?.brokenLine ?? complete + 1,
        reason: "JOURNAL.head records \(head.seq) acknowledged lines but only \(complete) are "
          + "complete: an acknowledged batch was damaged or removed\(detail)")
    }
    guard hashAtHeadSeq == head.lastLineHash else { throw Self.headMismatch(head) }
    if head.seq == complete {
      scan.head = .matches
    } else if head.seq == lastBatchFirstSeq - 1 {
      scan.head = .oneBatchBehind(headSeq: head.seq)
    } else {
      throw .integrity(
        line: nil,
        reason: "JOURNAL.head is at line \(head.seq) but complete batches run to line \(complete); "
          + "a crash leaves the head at most one batch behind")
    }
    return scan
  }
}

/// What is wrong with one line: it is not a journal line, it breaks the chain, or it is the
/// head's line and does not match the head.
enum ChainDefect {
  case line(LineDefect)
  case chain(String)
  case head(JournalError)
}
