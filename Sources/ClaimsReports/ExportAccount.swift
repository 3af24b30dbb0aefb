import ClaimsDomain
import ClaimsLedger

/// An account of the hledger, ledger-cli and Beancount exports: SPEC §8's accounts, split by
/// region, with the expenses split into what was paid and what came back, so that each figure of
/// `claims balances` is one account's balance:
///
/// | figure       | hledger / ledger                              | sign |
/// |--------------|-----------------------------------------------|------|
/// | appropriated | `equity:appropriations:F[:R]`                 | −    |
/// | available    | `assets:funds:F:available[:R]`                | +    |
/// | committed    | `assets:funds:F:committed[:R]`                | +    |
/// | paid         | `expenses:subsidies:F:paid[:R]`               | +    |
/// | recovered    | `expenses:subsidies:F:recovered[:R]`          | −    |
///
/// F is the fund code, R the region; without R, the account sums the fund's regions.
/// `expenses:subsidies:F` is SPEC §8's "paid out, net of recoveries". Beancount capitalises each
/// component (`Assets:Funds:EmploymentSubsidy:Available:Liaocheng`).
public struct ExportAccount: Hashable, Comparable, Sendable {
  /// The figure an account holds, in the order the balances report shows them.
  public enum Figure: String, CaseIterable, Sendable {
    case appropriated, available, committed, paid, recovered
  }

  public var figure: Figure
  public var fund: Fund
  public var region: String

  public init(figure: Figure, fund: Fund, region: String) {
    (self.figure, self.fund, self.region) = (figure, fund, region)
  }

  /// The account of one posting: the expenses leg of a recovery receipt is `recovered`, of a
  /// payment or a bank return `paid`.
  public init(_ posting: Posting, of event: Event) {
    let figure: Figure =
      switch posting.account.kind {
      case .appropriations: .appropriated
      case .available: .available
      case .committed: .committed
      case .expenses: event.type == .recoveryReceived ? .recovered : .paid
      }
    self.init(figure: figure, fund: posting.account.fund, region: posting.region)
  }

  /// The hledger / ledger-cli name: lower-case ASCII, as the ledger's codes are.
  public var hledgerName: String {
    Self.hledgerParent(figure, fund) + ":" + region
  }

  /// The account of a figure summed over a fund's regions.
  public static func hledgerParent(_ figure: Figure, _ fund: Fund) -> String {
    switch figure {
    case .appropriated: "equity:appropriations:\(fund.rawValue)"
    case .available: "assets:funds:\(fund.rawValue):available"
    case .committed: "assets:funds:\(fund.rawValue):committed"
    case .paid: "expenses:subsidies:\(fund.rawValue):paid"
    case .recovered: "expenses:subsidies:\(fund.rawValue):recovered"
    }
  }

  /// The Beancount name: every component starts with a capital letter. Fund codes become
  /// CamelCase (`EmploymentSubsidy`); a region code (lower-case letters, digits and '-') keeps
  /// its characters with the first capitalised (`Liaocheng`, `Jinan-east`), so that two regions
  /// never share an account.
  public var beancountName: String {
    let root =
      switch figure {
      case .appropriated: "Equity:Appropriations:\(Self.camelCase(fund.rawValue))"
      case .available: "Assets:Funds:\(Self.camelCase(fund.rawValue)):Available"
      case .committed: "Assets:Funds:\(Self.camelCase(fund.rawValue)):Committed"
      case .paid: "Expenses:Subsidies:\(Self.camelCase(fund.rawValue)):Paid"
      case .recovered: "Expenses:Subsidies:\(Self.camelCase(fund.rawValue)):Recovered"
      }
    return root + ":" + region.prefix(1).uppercased() + region.dropFirst()
  }

  static func camelCase(_ code: String) -> String {
    code.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
  }

  public static func < (lhs: ExportAccount, rhs: ExportAccount) -> Bool {
    lhs.hledgerName < rhs.hledgerName
  }
}

/// One money event as a transaction of the exports: its postings gathered by account, in the
/// order they first appear (an approval of many trainees moves one sum per account).
public struct ExportTransaction: Sendable {
  public var line: ReplayedLine
  public var postings: [(account: ExportAccount, amount: Money)]

  public init(_ line: ReplayedLine) {
    self.line = line
    var postings: [(account: ExportAccount, amount: Money)] = []
    var index: [ExportAccount: Int] = [:]
    for posting in line.postings {
      let account = ExportAccount(posting, of: line.event)
      if let at = index[account] {
        postings[at].amount += posting.amount
      } else {
        index[account] = postings.count
        postings.append((account, posting.amount))
      }
    }
    self.postings = postings.filter { $0.amount.fen != 0 }
  }

  /// The transactions of the journal's money events, in journal order.
  public static func all(_ lines: [ReplayedLine]) -> [ExportTransaction] {
    lines.filter { !$0.postings.isEmpty }.map(ExportTransaction.init)
  }

  /// Every account's balance after all transactions, and the first day each is used.
  public static func balances(_ transactions: [ExportTransaction])
    -> (balances: [ExportAccount: Money], opened: [ExportAccount: CivilDate])
  {
    var balances: [ExportAccount: Money] = [:]
    var opened: [ExportAccount: CivilDate] = [:]
    for transaction in transactions {
      let date = transaction.line.event.date
      for (account, amount) in transaction.postings {
        balances[account, default: .zero] += amount
        opened[account] = min(opened[account] ?? date, date)
      }
    }
    return (balances, opened)
  }
}

/// The columns of the exported journals: account names padded so that amounts line up by their
/// decimal points through the whole file, as a person reading it expects.
struct Layout {
  let accountWidth: Int
  let amountWidth: Int

  init(balances: [ExportAccount: Money], name: (ExportAccount) -> String) {
    accountWidth = balances.keys.map { name($0).count }.max() ?? 0
    // No posting is larger in magnitude than the appropriations, which are every fund's source.
    let largest =
      balances.values.map { Money(fen: -Int64($0.fen.magnitude)).decimalString.count }.max() ?? 0
    amountWidth = max(largest, 10)
  }

  /// `account   amount rest` with the amount's integer part ending in one column.
  func posting(_ account: String, _ amountAndRest: String) -> String {
    let number = amountAndRest.prefix { $0 != " " }
    let pad = accountWidth - account.count + 2 + max(0, amountWidth - number.count)
    return account + String(repeating: " ", count: pad) + amountAndRest + "\n"
  }
}
