import ClaimsDomain
import ClaimsJournal

/// A journal held open for appending: locked, verified, recovered and replayed once, then any
/// number of batches, each all-or-nothing and durable when `append` returns. `claims append`
/// uses one batch; imports and generators use many without replaying between them.
public final class AppendSession {
  let writer: JournalWriter
  public private(set) var state: LedgerState
  public let rules: any RuleBook
  /// What opening had to do (a recovered tail, a head brought up to date).
  public var notices: [String] { writer.notices }

  public init(path: String, clock: Timestamp, rules: any RuleBook = RulesetBook()) throws(AppendError) {
    do {
      writer = try JournalWriter(path: path, now: clock)
      state = try Replay.state(of: writer.snapshot)
    } catch { throw .journal(error) }
    self.rules = rules
  }

  /// Validates `input` event by event against the state extended by the batch's earlier events,
  /// then writes it as one batch. A refusal leaves the journal and the session's state as they
  /// were: the state is folded forward in place (copying it per batch would cost as much as the
  /// state is large) and, on the rare refusal, replayed again from the journal.
  public func append(
    _ input: [InputEvent], recordedAt: Timestamp?, clock: Timestamp, expectSeq: Int? = nil
  ) throws(AppendError) -> AppendReport {
    let lastSeq = state.lastSeq
    do {
      return try appendInPlace(input, recordedAt: recordedAt, clock: clock, expectSeq: expectSeq)
    } catch {
      if state.lastSeq != lastSeq {
        do { state = try Replay.state(of: writer.snapshot) } catch let failure { throw .journal(failure) }
      }
      throw error
    }
  }

  func appendInPlace(
    _ input: [InputEvent], recordedAt: Timestamp?, clock: Timestamp, expectSeq: Int? = nil
  ) throws(AppendError) -> AppendReport {
    var report = AppendReport()
    let last = writer.snapshot.scan.lineCount
    if let expectSeq, expectSeq != last {
      throw .refused(
        BatchRefusal(
          refusal: Refusal(
            "expect-seq-mismatch", "the journal's last seq is \(last), not the expected \(expectSeq)")))
    }
    let recorded = try Appender.recordedTime(
      recordedAt, clock: clock, last: writer.snapshot.scan.lastRecorded!, &report)
    let stored = Appender.storedEvents(for: input, in: state, snapshot: writer.snapshot)
    var accepted: [Event] = []
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
    do { report.appended = try writer.append(accepted, recorded: recorded) } catch {
      throw .journal(error)
    }
    return report
  }
}
