import ClaimsDomain
import ClaimsJournal
import ClaimsRules

/// What an append did.
public struct AppendReport: Sendable {
  /// The seqs written, nil when every event was a duplicate or the input was empty.
  public var appended: ClosedRange<Int>?
  /// Events skipped because the journal already holds them with identical content.
  public var duplicates: [(position: Int, id: String, seq: Int)] = []
  /// Recovery and head notices from opening the journal, and clock warnings.
  public var notices: [String] = []
}

/// An append failed: the batch was refused, or the journal could not be used.
public enum AppendError: Error, Sendable, CustomStringConvertible {
  case refused(BatchRefusal)
  case journal(JournalError)

  public var description: String {
    switch self {
    case .refused(let refusal): "refused: \(refusal)"
    case .journal(let error): error.description
    }
  }
}

/// Appends a batch: all of it, validated event by event against the journal extended by the
/// batch's earlier events, or none of it.
public struct Appender {
  public var rules: any RuleBook
  /// The rules whose checkpoint the append may start from (`AppendSession`); nil: line 1.
  public var checkpointRules: RuleLibrary?

  public init(rules: any RuleBook = RulesetBook(), checkpointRules: RuleLibrary? = nil) {
    (self.rules, self.checkpointRules) = (rules, checkpointRules)
  }

  /// Appends one batch: opens the journal (lock, verify, recover), replays it, and writes.
  /// - Parameters:
  ///   - recordedAt: the `--now` the user gave, refused if before the last line's `recorded`.
  ///   - clock: the current time, used when no `--now` is given.
  public func append(
    _ input: [InputEvent], to path: String, recordedAt: Timestamp?, clock: Timestamp,
    expectSeq: Int? = nil
  ) throws(AppendError) -> AppendReport {
    let session = try AppendSession(path: path, clock: clock, rules: rules, checkpointRules: checkpointRules)
    var report = try session.append(input, recordedAt: recordedAt, clock: clock, expectSeq: expectSeq)
    report.notices = session.notices + report.notices
    ProcessEnd.keep(session.state)
    return report
  }

  static func decide(
    _ event: Event, item: InputEvent, state: LedgerState, recorded: Timestamp, rules: any RuleBook
  ) throws(AppendError) -> Event {
    switch state.decide(event, recorded: recorded, rules: rules) {
    case .success(let decided): return decided
    case .failure(let refusal):
      throw .refused(
        BatchRefusal(position: item.position, id: event.id, inputLine: item.inputLine, refusal: refusal))
    }
  }

  /// `recorded` for the batch: `--now` if given and not in the past of the journal, else the
  /// clock, or the last line's `recorded` when the clock is behind it.
  static func recordedTime(
    _ requested: Timestamp?, clock: Timestamp, last: Timestamp, _ report: inout AppendReport
  ) throws(AppendError) -> Timestamp {
    if let requested {
      guard requested >= last else {
        throw .refused(
          BatchRefusal(
            refusal: Refusal(
              "recorded-before-last",
              "--now \(requested) is earlier than the last line's recorded time \(last)")))
      }
      return requested
    }
    guard clock >= last else {
      report.notices.append(
        "warning: the clock (\(clock)) is behind the journal's last recorded time; using \(last)")
      return last
    }
    return clock
  }

  /// The journal lines whose ids the batch repeats: seq and input content by id, streamed from
  /// the file up to the last of them (duplicates are rare; the state keeps no event contents,
  /// and the journal's lines are read only when there is one) — from the point the writer
  /// resumed after when they all lie beyond it, else from line 1.
  static func storedEvents(
    for input: [InputEvent], in state: LedgerState, journal writer: JournalWriter
  ) throws(JournalError) -> [String: (seq: Int, content: Event)] {
    let wanted = Set(input.compactMap { state.events[$0.event.id]?.seq })
    guard let first = wanted.min(), let last = wanted.max() else { return [:] }
    try writer.waitUntilDurable()
    var found: [String: (seq: Int, content: Event)] = [:]
    let collect = { (frame: LineFrame, bytes: UnsafeRawBufferPointer) throws(JournalError) -> Bool in
      if wanted.contains(frame.seq), let line = try? JournalLine.decode(bytes, frame: frame) {
        found[line.event.id] = (frame.seq, line.event.inputContent)
      }
      return frame.seq < last
    }
    var read = JournalSnapshot.StreamStop.pointGone
    if let point = writer.resumedAfter, first > point.seq {
      read = try JournalSnapshot.streamPrefix(path: writer.path, resumingAfter: point, while: collect)
    }
    if case .pointGone = read { _ = try JournalSnapshot.streamPrefix(path: writer.path, while: collect) }
    return found
  }
}

extension BatchEvent {
  /// The event, decoded again when it was handed over in canonical form (a repeat within the
  /// batch, which is rare, needs its content).
  var event: Event {
    switch self {
    case .event(let event): event
    case .canonical(let line): AppendInput.decodeFact(line)
    }
  }
}
