import ClaimsDomain

/// A line that ends a batch, as a verified scan saw it: enough to check that a journal still
/// holds that line (and so, by the chain, every line before it) without reading them again.
public struct ChainPoint: Equatable, Sendable {
  public var seq: Int
  /// The line's first byte, and the byte after its `\n`.
  public var lineOffset: Int
  public var endOffset: Int
  public var lineHash: SHA256Digest
  public var recorded: Timestamp
  /// The seq of the first line of the batch the line ends.
  public var batchFirstSeq: Int

  public init(
    seq: Int, lineOffset: Int, endOffset: Int, lineHash: SHA256Digest, recorded: Timestamp, batchFirstSeq: Int
  ) {
    (self.seq, self.lineOffset, self.endOffset) = (seq, lineOffset, endOffset)
    (self.lineHash, self.recorded, self.batchFirstSeq) = (lineHash, recorded, batchFirstSeq)
  }

  /// Whether `line` (without its `\n`) is this point's line.
  func matches(_ line: UnsafeRawBufferPointer) -> Bool {
    guard SHA256.hash(line) == lineHash, case .success(let frame) = LineFrame.parse(line) else { return false }
    return frame.seq == seq && frame.recorded == recorded && frame.endsBatch
      && frame.seq - frame.batchCount + 1 == batchFirstSeq
  }
}
