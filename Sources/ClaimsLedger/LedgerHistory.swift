import ClaimsDomain

/// What the reports read of the journal's history: the `plan.set` targets, the span of
/// effective dates and recorded times, and each day's change in every fund's balances, so that
/// balances at any date come from one pass over the days instead of one replay per date. All
/// of it kept by the state as its lines are folded (`LedgerState.plans`, `span`, `fundLedger`).
public struct LedgerHistory: Sendable {
  /// A `plan.set` event, with where it stands in the journal.
  public struct PlanRecord: Codable, Equatable, Sendable {
    public var plan: PlanSet
    public var seq: Int
    public var date: CivilDate
  }

  /// Every `plan.set`, in journal order.
  public let plans: [PlanRecord]
  /// The earliest and latest effective `date` of the journal's events.
  public let firstDate: CivilDate?
  public let lastDate: CivilDate?
  /// When the first and last lines were recorded.
  public let firstRecorded: Timestamp?
  public let lastRecorded: Timestamp?
  /// The money's movements, by the effective date of the money events.
  let money: FundLedger
  /// The change in each fund's balances, by the effective date of the money events.
  public var changesByDate: [CivilDate: [FundKey: FundBalance]] { money.movements }

  /// What the state keeps of its lines: no second pass over the journal.
  public init(state: LedgerState) {
    (plans, firstDate, lastDate) = (state.plans, state.span.firstDate, state.span.lastDate)
    (firstRecorded, lastRecorded, money) = (state.span.firstRecorded, state.lastRecorded, state.fundLedger)
  }

  /// The balances by fund and region of the events dated on or before `date`.
  public func balances(asOf date: CivilDate) -> [FundKey: FundBalance] { money.balances(asOf: date) }

  /// Balances at each of the given dates (ascending), in one pass over the days.
  public func balances(at dates: [CivilDate]) -> [[FundKey: FundBalance]] { money.balances(at: dates) }
}
