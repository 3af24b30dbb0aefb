import ClaimsDomain
import ClaimsJournal

/// Folds a verified journal into a `LedgerState`, running every line through the same checks an
/// append runs. A line the ledger would refuse is an integrity error: the ledger never wrote it.
/// Class approvals were judged against the rulesets at append; replay does not re-judge history
/// under other rules (`OpenRuleBook`), and approvals carry the amounts decided then.
public enum Replay {
  public static func state(of snapshot: JournalSnapshot) throws(JournalError) -> LedgerState {
    let rules = OpenRuleBook()
    var state = LedgerState()
    var failure: JournalError?
    snapshot.forEachLine { frame, bytes in
      guard failure == nil else { return }
      do throws(JournalError) {
        let line = try JournalLine.decode(bytes, frame: frame)
        if let refusal = state.admit(line.event, recorded: frame.recorded, rules: rules) {
          throw .integrity(line: frame.seq, reason: "the ledger refuses this event: \(refusal)")
        }
        state.apply(line.event, seq: frame.seq, recorded: frame.recorded)
      } catch { failure = error }
    }
    if let failure { throw failure }
    return state
  }
}

extension LedgerState {
  /// The checks an event must pass to enter the journal at `recorded`: it happened no later than
  /// the day it is recorded (China Standard Time), and the state machine accepts it.
  public func admit(_ event: Event, recorded: Timestamp, rules: any RuleBook) -> Refusal? {
    let recordedDay = recorded.chinaDate
    guard event.date <= recordedDay else {
      return Refusal(
        "date-after-recorded",
        "date \(event.date) is after the day it is recorded (\(recordedDay), China Standard Time)")
    }
    return check(event, rules: rules)
  }
}
