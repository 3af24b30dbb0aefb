import ClaimsDomain

/// The money of SPEC §8 by fund and region: the balances now, and each day's movements by the
/// events' effective dates, so that the balances as of any date need no replay. It is all that
/// `claims balances` reads, and a checkpoint keeps it apart from the rest of the state.
public struct FundLedger: Codable, Equatable, Sendable {
  public internal(set) var balances: [FundKey: FundBalance] = [:]
  public internal(set) var movements: [CivilDate: [FundKey: FundBalance]] = [:]

  public init() {}

  /// Changes a balance, and the same change in the movements of `date`.
  mutating func book(_ key: FundKey, on date: CivilDate, _ change: (inout FundBalance) -> Void) {
    change(&balances[key, default: FundBalance()])
    change(&movements[date, default: [:]][key, default: FundBalance()])
  }

  /// The balances at the end of `date`: every movement dated on or before it, each as the ledger
  /// booked it (SPEC §10's effective-date cut, for money).
  public func balances(asOf date: CivilDate) -> [FundKey: FundBalance] {
    var result: [FundKey: FundBalance] = [:]
    for (day, changes) in movements where day <= date {
      for (key, change) in changes { result[key] = result[key, default: FundBalance()] + change }
    }
    return result
  }

  /// The balances at the end of each of `dates` (ascending), in one pass over the days.
  public func balances(at dates: [CivilDate]) -> [[FundKey: FundBalance]] {
    let days = movements.keys.sorted()
    var running: [FundKey: FundBalance] = [:]
    var next = 0
    return dates.map { date in
      while next < days.count, days[next] <= date {
        for (key, change) in movements[days[next]]! { running[key] = running[key, default: FundBalance()] + change }
        next += 1
      }
      return running
    }
  }
}

// The money coded field by field (`BinaryFastCodable`): `claims balances` from a checkpoint
// reads nothing else, and through the containers reading it took a sixth of its time.
extension FundLedger: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(balances)
    try output.field(movements)
  }
  public init(binary input: BinaryInput) throws {
    self.init()
    (balances, movements) = (try input.field(), try input.field())
  }
}

extension FundBalance: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    for money in [appropriated, committed, paid, recovered] { try output.field(money) }
  }
  public init(binary input: BinaryInput) throws {
    self.init()
    (appropriated, committed, paid, recovered) = (try input.field(), try input.field(), try input.field(), try input.field())
  }
}

extension FundKey: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(fund)
    try output.field(region)
  }
  public init(binary input: BinaryInput) throws { self.init(fund: try input.field(), region: try input.field()) }
}
