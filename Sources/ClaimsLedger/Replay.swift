import ClaimsDomain
import ClaimsJournal

/// Folds a verified journal into a `LedgerState`, running every line through the same checks an
/// append runs. A line the ledger would refuse is an integrity error: the ledger never wrote it.
/// Class approvals were judged against the rulesets at append; replay does not re-judge history
/// under other rules (`OpenRuleBook`), and approvals carry the amounts decided then.
public enum Replay {
  /// Folds the whole journal, or the part a cut selects.
  public static func state(of snapshot: JournalSnapshot, cut: ReplayCut = ReplayCut(), factLane: Bool = true)
    throws(JournalError) -> LedgerState
  {
    var state = LedgerState()
    // The per-event indexes would otherwise rehash as they grow, about twenty times.
    state.events.reserveCapacity(snapshot.scan.lineCount)
    try fold(snapshot, into: &state, cut: cut, factLane: factLane)
    return state
  }

  /// Folds the snapshot's lines into `state`: from line 1, or after a checkpoint's state.
  /// `factLane: false` sends every line the general way (the tests compare the two).
  public static func fold(
    _ snapshot: JournalSnapshot, into state: inout LedgerState, cut: ReplayCut = ReplayCut(), factLane: Bool = true
  ) throws(JournalError) {
    var folder = LineFolder(cut: cut, factLane: factLane)
    // Through a pointer: a closure that captures `state` inout copies it for every call of a
    // method on it, which costs more than the rest of a line's work.
    var failure: JournalError?
    withUnsafeMutablePointer(to: &state) { state in
      snapshot.forEachLine { frame, bytes in
        guard failure == nil else { return }
        do throws(JournalError) { try folder.fold(frame, bytes, into: state) } catch { failure = error }
      }
    }
    if let failure { throw failure }
  }

  /// Reads the journal in chunks (`JournalSnapshot.stream`: memory bounded by the chunk, not the
  /// file) and folds its lines into `state`: from line 1, or after `point` when `state` is a
  /// checkpoint's. Nil when the journal no longer holds `point`.
  /// `look` sees the state after line `seq` (`claims rebuild` compares it with the old
  /// checkpoint's at that line); `beforeFirstLine` may change it before a line is folded (a
  /// checkpoint's id index is read only then).
  public static func stream(
    path: String, resumingAfter point: ChainPoint? = nil, into state: inout LedgerState,
    cut: ReplayCut = ReplayCut(), factLane: Bool = true, lookAfter look: (seq: Int, at: (LedgerState) -> Void)? = nil,
    beforeGeneralApply: ((LineFrame, Event, LedgerState) -> Void)? = nil,
    beforeFirstLine: ((inout LedgerState) throws(JournalError) -> Void)? = nil
  ) throws(JournalError) -> JournalStreamEnd? {
    var beforeFirstLine = beforeFirstLine
    var folder = LineFolder(cut: cut, factLane: factLane)
    folder.beforeApply = beforeGeneralApply
    if state.lastSeq == 0 { state = emptyState(forJournal: path) }
    return try withUnsafeMutablePointer(to: &state) { (state) throws(JournalError) in
      try JournalSnapshot.stream(path: path, resumingAfter: point) { (frame, bytes) throws(JournalError) in
        if let first = beforeFirstLine {
          beforeFirstLine = nil
          try first(&state.pointee)
        }
        try folder.fold(frame, bytes, into: state)
        if let look, frame.seq == look.seq { look.at(state.pointee) }
      }
    }
  }

  /// A state to fold a journal into from line 1, its id index sized for the file: a low guess
  /// at the line count (journal lines run 150 to 500 bytes and more), so that the index grows
  /// once or twice instead of twenty times, and is never far too large.
  static func emptyState(forJournal path: String) -> LedgerState {
    var state = LedgerState()
    if let size = try? OpenFile(path: path, writable: false).size() { state.events.reserveCapacity(size / 512) }
    return state
  }

  /// The whole journal, or the part a cut selects, streamed from line 1.
  public static func state(ofJournal path: String, cut: ReplayCut = ReplayCut()) throws(JournalError)
    -> (end: JournalStreamEnd, state: LedgerState)
  {
    var state = LedgerState()
    let end = try stream(path: path, into: &state, cut: cut)!
    return (end, state)
  }
}

/// One line at a time, what both replays do: the fast lane for plain attendance and exams, the
/// general way (decode, `admit`, `apply`) for everything else.
struct LineFolder {
  let cut: ReplayCut
  let factLane: Bool
  let rules = OpenRuleBook()
  var recordedDay = (recorded: Timestamp(milliseconds: 0), day: Timestamp(milliseconds: 0).chinaDate)
  var memo = FactLaneMemo()
  /// Sees each line that takes the general way, checked, with the state it is applied to.
  var beforeApply: ((LineFrame, Event, LedgerState) -> Void)?

  init(cut: ReplayCut, factLane: Bool) { (self.cut, self.factLane) = (cut, factLane) }

  mutating func fold(_ frame: LineFrame, _ bytes: UnsafeRawBufferPointer, into state: UnsafeMutablePointer<LedgerState>)
    throws(JournalError)
  {
    guard cut.includes(recorded: frame.recorded), cut.includes(seq: frame.seq) else { return }
    if factLane, let fact = FactLine.read(bytes, bodyOffset: frame.bodyOffset) {
      // A date cut leaves the line out, as the general way would; a line it keeps changes the
      // state as `apply` would (the lane only folds what passes every check, and a cut replay
      // checks nothing), so cut replays take the lane too.
      guard cut.includes(date: fact.date) else { return }
      if recordedDay.recorded != frame.recorded { recordedDay = (frame.recorded, frame.recorded.chinaDate) }
      if state.pointee.foldFact(
        fact, in: bytes, seq: frame.seq, recorded: frame.recorded, recordedDay: recordedDay.day, memo: &memo)
      {
        return
      }
    }
    memo.forget()
    let event = try JournalLine.decodeEvent(bytes, frame: frame)
    guard cut.includes(date: event.date) else { return }
    // A date cut leaves out events that later ones may refer to; every line was checked
    // when it was appended, so a cut replay folds without re-checking.
    if cut.asOf == nil, let refusal = LedgerState.admit(event, recorded: frame.recorded, rules: rules, to: &state.pointee) {
      throw .integrity(line: frame.seq, reason: "the ledger refuses this event: \(refusal)")
    }
    beforeApply?(frame, event, state.pointee)
    state.pointee.apply(event, seq: frame.seq, recorded: frame.recorded)
  }
}

/// Which part of the journal a replay folds (SPEC §10): events whose effective `date` is on or
/// before `asOf` (what was true by then, as known now), lines `recorded` on or before `knownAt`
/// (what the books said then), or both. The commands cut by `knownAt` alone and read `asOf`
/// from the state (`LedgerState+Facts`, `FundLedger.balances(asOf:)`), without a replay; a
/// replay cut by `asOf` is what the tests hold those answers to.
public struct ReplayCut: Equatable, Sendable {
  public var asOf: CivilDate?
  public var knownAt: Timestamp?
  /// Lines up to this one only: the state a checkpoint at that line must hold.
  public var throughSeq: Int?

  public init(asOf: CivilDate? = nil, knownAt: Timestamp? = nil, throughSeq: Int? = nil) {
    (self.asOf, self.knownAt, self.throughSeq) = (asOf, knownAt, throughSeq)
  }

  func includes(recorded: Timestamp) -> Bool { knownAt.map { recorded <= $0 } ?? true }
  func includes(seq: Int) -> Bool { throughSeq.map { seq <= $0 } ?? true }
  func includes(date: CivilDate) -> Bool { asOf.map { date <= $0 } ?? true }
}

extension LedgerState {
  /// An input event as the journal will hold it, or why it may not enter: adds what the ledger
  /// writes (a claim's approved lines, decided by the rules), then runs every check, so that the
  /// money checks judge an approval by the amounts it decides.
  public func decide(_ event: Event, recorded: Timestamp, rules: any RuleBook) -> Result<Event, Refusal> {
    var decided = event
    if case .claimApproved(var approval) = event.body, claims[approval.claim]?.status == .open {
      switch rules.decideApproval(of: approval.claim, in: self, on: event.date) {
      case .failure(let refusal): return .failure(refusal)
      case .success(let decision):
        approval.decision = decision
        decided = Event(id: event.id, date: event.date, actor: event.actor, body: .claimApproved(approval))
      }
    }
    if let refusal = admit(decided, recorded: recorded, rules: rules) { return .failure(refusal) }
    return .success(decided)
  }

  /// `admit` on a state read where it lies: called on a pointer's `pointee`, the state was
  /// copied (a retain and a release of each of its tables) for every line of the general way.
  static func admit(_ event: Event, recorded: Timestamp, rules: any RuleBook, to state: inout LedgerState) -> Refusal? {
    state.admit(event, recorded: recorded, rules: rules)
  }

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
