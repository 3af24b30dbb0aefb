import ClaimsDomain
import ClaimsJournal

/// One journal line as the exports see it: its place in the journal, its event, and the
/// postings the event booked (none for events that move no money).
public struct ReplayedLine: Sendable {
  public var seq: Int
  public var recorded: Timestamp
  public var event: Event
  public var postings: [Posting]
}

/// The whole journal folded as `Replay.state` folds it — every line through the same checks an
/// append runs — keeping each line with the postings it booked, for the exports. Postings are
/// taken before the event is applied, as `apply` takes them, because they read the state the
/// event finds (a payment's claim, a receipt's order).
public enum PostingsReplay {
  /// The lines that booked postings, streamed from the file through `Replay.stream` (the fact
  /// lane's lines book none), with the count of every line: what the hledger and Beancount
  /// exports write, in memory bounded by the state and the money lines, not by the journal.
  public static func moneyLines(ofJournal path: String) throws(JournalError)
    -> (lines: [ReplayedLine], lineCount: Int, end: JournalStreamEnd)
  {
    var lines: [ReplayedLine] = []
    let end = try stream(path, factLane: true) { line in
      if !line.postings.isEmpty { lines.append(line) }
    }
    return (lines, end.scan.lineCount, end)
  }

  /// Every line with the postings it booked, handed to `body` in journal order as the journal
  /// is streamed and folded: memory bounded by the state, not by the journal.
  public static func forEachLine(ofJournal path: String, _ body: (ReplayedLine) -> Void) throws(JournalError)
    -> JournalStreamEnd
  {
    try stream(path, factLane: false, body)
  }

  /// The lines that take the general way (every line without the fact lane), each with the
  /// postings it books, taken from the state it finds.
  static func stream(_ path: String, factLane: Bool, _ body: (ReplayedLine) -> Void) throws(JournalError)
    -> JournalStreamEnd
  {
    var state = LedgerState()
    return try withoutActuallyEscaping(body) { (body) throws(JournalError) in
      try Replay.stream(path: path, into: &state, factLane: factLane) { frame, event, state in
        body(ReplayedLine(seq: frame.seq, recorded: frame.recorded, event: event, postings: state.postings(for: event)))
      }!
    }
  }
}
