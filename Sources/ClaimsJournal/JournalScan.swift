import ClaimsDomain

/// What a full pass over a journal's bytes found: the complete prefix that every command reads,
/// an incomplete tail left by a crash (if any), and how `JOURNAL.head` relates to them.
public struct JournalScan: Equatable, Sendable {
  /// Lines in the complete prefix; the last seq.
  public var lineCount = 0
  /// Bytes of the complete prefix, ending with the `\n` of the last complete batch.
  public var completeLength = 0
  /// SHA-256 of the last complete line: the chain head.
  public var lastHash = SHA256Digest.zero
  public var lastRecorded: Timestamp?
  /// Bytes after the last complete batch: a crash artifact, ignored by readers.
  public var tail: IncompleteTail?
  public var head = HeadState.missing
}

/// The bytes a crash left after the last complete batch.
public struct IncompleteTail: Equatable, Sendable {
  public var range: Range<Int>
  /// The line number the tail starts at.
  public var firstLine: Int
  /// The line that is not a journal line, or the last line of an unfinished batch.
  public var brokenLine: Int
  public var reason: String
}

/// How `JOURNAL.head` stands against the journal.
public enum HeadState: Equatable, Sendable {
  case matches
  /// No head file: a journal copied without it. The tail is judged on its own.
  case missing
  /// A crash between the journal's fsync and the head's replacement; the next append fixes it.
  case oneBatchBehind(headSeq: Int)
}
