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
    var state = LedgerState()
    var lines: [ReplayedLine] = []
    let end = try Replay.stream(path: path, into: &state) { frame, event, state in
      let postings = state.postings(for: event)
      guard !postings.isEmpty else { return }
      lines.append(ReplayedLine(seq: frame.seq, recorded: frame.recorded, event: event, postings: postings))
    }!
    return (lines, end.scan.lineCount, end)
  }

  public static func lines(of snapshot: JournalSnapshot) throws(JournalError)
    -> (lines: [ReplayedLine], state: LedgerState)
  {
    let rules = OpenRuleBook()
    var state = LedgerState()
    var lines: [ReplayedLine] = []
    var failure: JournalError?
    snapshot.forEachLine { frame, bytes in
      guard failure == nil else { return }
      do throws(JournalError) {
        let line = try JournalLine.decode(bytes, frame: frame)
        if let refusal = state.admit(line.event, recorded: frame.recorded, rules: rules) {
          throw .integrity(line: frame.seq, reason: "the ledger refuses this event: \(refusal)")
        }
        let postings = state.postings(for: line.event)
        lines.append(
          ReplayedLine(
            seq: frame.seq, recorded: frame.recorded, event: line.event, postings: postings))
        state.apply(line.event, seq: frame.seq, recorded: frame.recorded)
      } catch { failure = error }
    }
    if let failure { throw failure }
    return (lines, state)
  }
}
