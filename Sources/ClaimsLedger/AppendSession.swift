import ClaimsDomain
import ClaimsJournal
import ClaimsRules

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

  /// Given `checkpointRules`, starts from `JOURNAL.checkpoint` when it matches (made under
  /// these rules, and the journal still holds its line): only the lines after it are read,
  /// verified and folded, as the read commands do. Otherwise, and always without, from line 1.
  public init(path: String, clock: Timestamp, rules: any RuleBook = RulesetBook(), checkpointRules: RuleLibrary? = nil)
    throws(AppendError)
  {
    var checkpoint: Checkpoint?
    if let checkpointRules, case .success(let found) = Checkpoint.load(
      forJournal: path, rules: checkpointRules.key)
    {
      checkpoint = found
    }
    // The writer streams the lines after the checkpoint, or all from line 1 when it no longer
    // matches, and each is folded as it comes (`Replay.stream`'s way): the journal is never
    // held whole.
    var state = checkpoint?.takeState() ?? LedgerState()
    var folder = LineFolder(cut: ReplayCut(), factLane: true)
    do {
      writer = try withUnsafeMutablePointer(to: &state) { (state) throws(JournalError) in
        try JournalWriter(path: path, now: clock, resumingAfter: checkpoint?.point) { (frame, line) throws(JournalError) in
          if frame.seq == 1 { state.pointee = Replay.emptyState(forJournal: path) }
          try folder.fold(frame, line, into: state)
        }
      }
    } catch { throw .journal(error) }
    self.state = state
    self.rules = rules
    self.checkpointRules = checkpointRules
  }

  /// Whether the session started from `JOURNAL.checkpoint` (and read only the lines after it).
  public var startedFromCheckpoint: Bool { writer.resumed }

  /// What opened from a checkpoint was given, to fold again after a refusal.
  let checkpointRules: RuleLibrary?

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
        do { state = try rewound() } catch let failure { throw .journal(failure) }
      }
      throw error
    }
  }

  /// The state of the journal as it stands, after a batch folded in place was refused: as a
  /// read command gets it (from the checkpoint when it matches), else from line 1.
  func rewound() throws(JournalError) -> LedgerState {
    try writer.waitUntilDurable()
    if let checkpointRules { return try Checkpoint.currentState(path: writer.path, library: checkpointRules).state }
    return try Replay.state(ofJournal: writer.path).state
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
    // The journal's events that the batch repeats, read from the file at the first repeat.
    var stored: [String: (seq: Int, content: Event)]?
    // The state is moved out of the session for the loop and put back on every way out: the
    // property of a class would otherwise be copied (a retain of every table) for each
    // `decide`, and checked for exclusive access on each use.
    var working = LedgerState()
    swap(&working, &state)
    defer { swap(&working, &state) }
    let batchStart = working.lastSeq
    let recordedDay = recorded.chinaDate
    var memo = FactLaneMemo()
    var accepted: [BatchEvent] = []
    accepted.reserveCapacity(input.count)
    for index in input.indices {
      if let canonical = input[index].canonical,
        working.foldNewFact(canonical, seq: working.lastSeq + 1, recorded: recorded, recordedDay: recordedDay, memo: &memo)
      {
        accepted.append(.canonical(canonical.line))
        continue
      }
      memo.forget()
      let event = input[index].event
      // An earlier event of this batch is found where `apply` recorded it: the event index,
      // at a seq past the batch's start (no second table of ids for the batch).
      if let ref = working.events[event.id] {
        let seq: Int
        let content: Event
        if ref.seq > batchStart {
          (seq, content) = (last + ref.seq - batchStart, accepted[ref.seq - batchStart - 1].event.inputContent)
        } else {
          if stored == nil {
            do { stored = try Appender.storedEvents(for: input, in: working, journal: writer) } catch {
              throw .journal(error)
            }
          }
          guard let found = stored?[event.id] else {
            throw .journal(.integrity(line: ref.seq, reason: "the line holds no event with id \"\(event.id)\""))
          }
          (seq, content) = found
        }
        guard content == event.inputContent else {
          throw .refused(
            BatchRefusal(
              position: input[index].position, id: event.id, inputLine: input[index].inputLine,
              refusal: Refusal("id-conflict", "the id is already in the journal with different content")))
        }
        report.duplicates.append((input[index].position, event.id, seq))
        continue
      }
      let decided = try Appender.decide(
        event, item: input[index], state: working, recorded: recorded, rules: rules)
      working.apply(decided, seq: working.lastSeq + 1, recorded: recorded)
      accepted.append(.event(decided))
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
