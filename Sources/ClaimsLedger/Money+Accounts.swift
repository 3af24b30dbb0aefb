import ClaimsDomain

/// A fund's money in one region, as the balances report shows it (SPEC §8).
public struct FundBalance: Codable, Equatable, Sendable {
  public var appropriated = Money.zero
  /// Approved claims not yet paid.
  public var committed = Money.zero
  /// Payments less bank returns.
  public var paid = Money.zero
  /// Recovery receipts.
  public var recovered = Money.zero

  public init() {}

  /// Appropriated, not yet committed: appropriated − committed − paid + recovered.
  public var available: Money { appropriated - committed - paid + recovered }

  public static func + (lhs: FundBalance, rhs: FundBalance) -> FundBalance {
    var sum = lhs
    sum.appropriated += rhs.appropriated
    sum.committed += rhs.committed
    sum.paid += rhs.paid
    sum.recovered += rhs.recovered
    return sum
  }
}

/// Where a fund's balance is kept: the fund and the region it was appropriated to.
public struct FundKey: Codable, Hashable, Comparable, Sendable {
  public var fund: Fund
  public var region: String

  public init(fund: Fund, region: String) { (self.fund, self.region) = (fund, region) }

  public static func < (lhs: FundKey, rhs: FundKey) -> Bool {
    (lhs.fund.rawValue, lhs.region) < (rhs.fund.rawValue, rhs.region)
  }
}

/// The double-entry accounts of SPEC §8, one set per fund.
public struct Account: Hashable, Comparable, Sendable, CustomStringConvertible {
  public enum Kind: String, CaseIterable, Sendable {
    case appropriations, available, committed, expenses
  }

  public var kind: Kind
  public var fund: Fund

  public var description: String {
    switch kind {
    case .appropriations: "equity:appropriations:\(fund.rawValue)"
    case .available: "assets:funds:\(fund.rawValue):available"
    case .committed: "assets:funds:\(fund.rawValue):committed"
    case .expenses: "expenses:subsidies:\(fund.rawValue)"
    }
  }

  public static func < (lhs: Account, rhs: Account) -> Bool { lhs.description < rhs.description }
}

/// One leg of a transaction; the legs of one event sum to zero.
public struct Posting: Equatable, Sendable {
  public var account: Account
  public var region: String
  public var amount: Money
}

/// What a claim has committed and paid, by fund, and what was ordered back.
public struct ClaimMoney: Codable, Equatable, Sendable {
  public var region: String
  /// Approved per fund. Per trainee, it is the approval's lines (`LedgerState.approved(onClaim:trainee:)`).
  public var approved: [Fund: Money] = [:]
  /// Payments less returns.
  public var paid: [Fund: Money] = [:]
  public var ordered: [Fund: Money] = [:]
  public var orderedByTrainee: [ResidentID: [Fund: Money]] = [:]

  public func unpaid(_ fund: Fund) -> Money { approved[fund, default: .zero] - paid[fund, default: .zero] }
}
