import ClaimsDomain
import ClaimsJournal

/// What the reports need from a journal beyond the folded state: the `plan.set` targets (the
/// state keeps none), the span of effective dates, and each day's change in every fund's
/// balances, so that balances at any date come from one pass instead of one replay per date.
/// Built with the public API only: lines are decoded as `Replay` decodes them, and each money
/// event's effect is taken from `LedgerState.postings(for:)`, the postings the ledger books.
public struct LedgerHistory: Sendable {
  /// A `plan.set` event, with where it stands in the journal.
  public struct PlanRecord: Equatable, Sendable {
    public var plan: PlanSet
    public var seq: Int
    public var date: CivilDate
  }

  /// Every `plan.set`, in journal order.
  public private(set) var plans: [PlanRecord] = []
  /// The earliest and latest effective `date` of the journal's events.
  public private(set) var firstDate: CivilDate?
  public private(set) var lastDate: CivilDate?
  /// When the first and last lines were recorded.
  public private(set) var firstRecorded: Timestamp?
  public private(set) var lastRecorded: Timestamp?
  /// The change in each fund's balances, by the effective date of the money events.
  public private(set) var changesByDate: [CivilDate: [FundKey: FundBalance]] = [:]

  /// Reads every line of the snapshot's complete prefix. `state` must be the fold of the whole
  /// journal: a later event's postings look up facts recorded earlier (a returned payment's
  /// fund), which the final state holds unchanged.
  public static func read(_ snapshot: JournalSnapshot, state: LedgerState) throws(JournalError)
    -> LedgerHistory
  {
    var history = LedgerHistory()
    var failure: JournalError?
    snapshot.forEachLine { frame, bytes in
      guard failure == nil else { return }
      do throws(JournalError) { try history.add(frame, bytes, state: state) } catch { failure = error }
    }
    if let failure { throw failure }
    return history
  }

  /// The same, streamed from the journal's file through the state's last line (the state may
  /// come from a checkpoint; the file is never held whole).
  public static func read(journal path: String, state: LedgerState) throws(JournalError) -> LedgerHistory {
    var history = LedgerHistory()
    _ = try JournalSnapshot.stream(path: path) { (frame, bytes) throws(JournalError) in
      if frame.seq <= state.lastSeq { try history.add(frame, bytes, state: state) }
    }
    return history
  }

  /// One line. Enrolment, attendance and exam lines — nearly all — move no money and set no
  /// plan: their fact line (`FactLine`) gives their dates without decoding them.
  mutating func add(_ frame: LineFrame, _ bytes: UnsafeRawBufferPointer, state: LedgerState) throws(JournalError) {
    if let fact = FactLine.read(bytes, bodyOffset: frame.bodyOffset) {
      span(date: fact.date, recorded: frame.recorded)
      return
    }
    let event = try JournalLine.decode(bytes, frame: frame).event
    add(event, seq: frame.seq, recorded: frame.recorded, postings: state.postings(for: event))
  }

  mutating func span(date: CivilDate, recorded: Timestamp) {
    firstRecorded = firstRecorded ?? recorded
    lastRecorded = recorded
    firstDate = min(firstDate ?? date, date)
    lastDate = max(lastDate ?? date, date)
  }

  mutating func add(_ event: Event, seq: Int, recorded: Timestamp, postings: [Posting]) {
    span(date: event.date, recorded: recorded)
    if case .planSet(let plan) = event.body {
      plans.append(PlanRecord(plan: plan, seq: seq, date: event.date))
    }
    let isRecovery: Bool
    if case .recoveryReceived = event.body { isRecovery = true } else { isRecovery = false }
    for posting in postings {
      let key = FundKey(fund: posting.account.fund, region: posting.region)
      var change = changesByDate[event.date]?[key] ?? FundBalance()
      // The available account is left out: it is derived (appropriated − committed − paid +
      // recovered), as in the balances report.
      switch posting.account.kind {
      case .appropriations: change.appropriated -= posting.amount
      case .committed: change.committed += posting.amount
      case .expenses where isRecovery: change.recovered -= posting.amount
      case .expenses: change.paid += posting.amount
      case .available: continue
      }
      changesByDate[event.date, default: [:]][key] = change
    }
  }

  /// The balances by fund and region of the events dated on or before `date`: what
  /// `Replay.state(of:cut: ReplayCut(asOf: date)).funds` gives.
  public func balances(asOf date: CivilDate) -> [FundKey: FundBalance] {
    var balances: [FundKey: FundBalance] = [:]
    for (day, changes) in changesByDate where day <= date {
      for (key, change) in changes { balances[key] = (balances[key] ?? FundBalance()) + change }
    }
    return balances
  }

  /// Balances at each of the given dates (ascending), in one pass over the days.
  public func balances(at dates: [CivilDate]) -> [[FundKey: FundBalance]] {
    let days = changesByDate.keys.sorted()
    var running: [FundKey: FundBalance] = [:]
    var next = 0
    return dates.map { date in
      while next < days.count, days[next] <= date {
        for (key, change) in changesByDate[days[next]]! {
          running[key] = (running[key] ?? FundBalance()) + change
        }
        next += 1
      }
      return running
    }
  }
}
