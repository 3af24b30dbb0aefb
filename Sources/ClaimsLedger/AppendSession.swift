import ClaimsDomain
import ClaimsJournal

/// A journal held open for appending: locked, verified, recovered and replayed once, then any
/// number of batches, each all-or-nothing. `claims append` uses one batch, durable when
/// `append` returns; imports and generators use many without replaying between them, and may
/// let the disk work behind them (`appendWithoutWaiting`, then `waitUntilDurable`).
public final class AppendSession {
  let writer: JournalWriter
  public private(set) var state: LedgerState
  public let rules: any RuleBook
  /// What opening had to do (a recovered tail, a head brought up to date).
  public var notices: [String] { writer.notices }

  public init(path: String, clock: Timestamp, rules: any RuleBook = RulesetBook()) throws(AppendError) {
    do {
      writer = try JournalWriter(path: path, now: clock)
      state = try Replay.state(of: writer.snapshot())
    } catch { throw .journal(error) }
    self.rules = rules
  }

  /// Validates `input` event by event against the state extended by the batch's earlier events,
  /// then writes it as one batch, durable when this returns. A refusal leaves the journal and
  /// the session's state as they were: the state is folded forward in place (copying it per
  /// batch would cost as much as the state is large) and, on the rare refusal, replayed again
  /// from the journal.
  public func append(
    _ input: [InputEvent], recordedAt: Timestamp?, clock: Timestamp, expectSeq: Int? = nil
  ) throws(AppendError) -> AppendReport {
    try append(input, recordedAt: recordedAt, clock: clock, expectSeq: expectSeq, waiting: true)
  }

  /// Validates and encodes `input` as `append` does, then hands it to a background thread that
  /// writes and fsyncs it (and the head) after the batches before it, while the caller goes on
  /// with the next batch. Nothing is durable, nor to be reported as appended, until
  /// `waitUntilDurable()` returns. After a disk failure the session refuses to go on.
  public func appendWithoutWaiting(_ input: [InputEvent], recordedAt: Timestamp?, clock: Timestamp)
    throws(AppendError) -> AppendReport
  {
    try append(input, recordedAt: recordedAt, clock: clock, expectSeq: nil, waiting: false)
  }

  /// Blocks until every batch appended is durable; throws the disk failure that stopped them.
  public func waitUntilDurable() throws(AppendError) {
    do { try writer.waitUntilDurable() } catch { throw .journal(error) }
  }

  func append(
    _ input: [InputEvent], recordedAt: Timestamp?, clock: Timestamp, expectSeq: Int?, waiting: Bool
  ) throws(AppendError) -> AppendReport {
    let lastSeq = state.lastSeq
    do {
      return try appendInPlace(input, recordedAt: recordedAt, clock: clock, expectSeq: expectSeq, waiting: waiting)
    } catch {
      if state.lastSeq != lastSeq {
        do { state = try Replay.state(of: writer.snapshot()) } catch let failure { throw .journal(failure) }
      }
      throw error
    }
  }

  func appendInPlace(
    _ input: [InputEvent], recordedAt: Timestamp?, clock: Timestamp, expectSeq: Int?, waiting: Bool
  ) throws(AppendError) -> AppendReport {
    var report = AppendReport()
    let last = writer.end.lineCount
    if let expectSeq, expectSeq != last {
      throw .refused(
        BatchRefusal(
          refusal: Refusal(
            "expect-seq-mismatch", "the journal's last seq is \(last), not the expected \(expectSeq)")))
    }
    let recorded = try Appender.recordedTime(
      recordedAt, clock: clock, last: writer.end.lastRecorded!, &report)
    let stored: [String: (seq: Int, content: Event)]
    do { stored = try Appender.storedEvents(for: input, in: state, snapshot: writer.snapshot) } catch {
      throw .journal(error)
    }
    var accepted: [Event] = []
    accepted.reserveCapacity(input.count)
    var batchIndex: [String: Int] = [:]
    for item in input {
      let event = item.event
      let earlier = stored[event.id]
        ?? batchIndex[event.id].map { (last + $0 + 1, accepted[$0].inputContent) }
      if let (seq, content) = earlier {
        guard content == event.inputContent else {
          throw .refused(
            BatchRefusal(
              position: item.position, id: event.id, inputLine: item.inputLine,
              refusal: Refusal("id-conflict", "the id is already in the journal with different content")))
        }
        report.duplicates.append((item.position, event.id, seq))
        continue
      }
      let decided = try Appender.decide(event, item: item, state: state, recorded: recorded, rules: rules)
      state.apply(decided, seq: state.lastSeq + 1, recorded: recorded)
      batchIndex[event.id] = accepted.count
      accepted.append(decided)
    }
    do {
      report.appended =
        waiting
        ? try writer.append(accepted, recorded: recorded)
        : try writer.appendWithoutWaiting(accepted, recorded: recorded)
    } catch { throw .journal(error) }
    return report
  }
}
