import ClaimsDomain
import ClaimsLedger

/// The ledger's payments against a bank's disbursement file, matched on `bank_ref` (SPEC §11).
///
/// A payment the ledger records as returned (`payment.returned`) is not expected in the bank file
/// as paid: it is neither missing when absent nor matched when present. When the bank file does
/// list it, the row goes to `returnedInLedger`, so finance can ask the bank why a transfer that
/// came back still shows as paid.
public struct Reconciliation: Equatable, Sendable {
  /// One payment of the ledger: what `payment.made` recorded, with its claim's region.
  public struct Payment: Equatable, Sendable {
    public var payment: String
    public var claim: String
    public var fund: Fund
    public var region: String
    public var date: CivilDate
    public var payee: String
    public var bankRef: String
    public var amount: Money
    public var returned: Bool
  }

  public struct Pair: Equatable, Sendable {
    public var payment: Payment
    public var bank: BankFile.Row
  }

  public struct Total: Equatable, Sendable {
    public var fund: Fund
    /// Payments not returned: the balances report's `paid` over all regions.
    public var ledger: Money
    /// Bank rows whose `bank_ref` is a payment of this fund, returned or not.
    public var bank: Money
  }

  /// Same `bank_ref`, same amount.
  public var matched: [Pair] = []
  /// Same `bank_ref`, different amounts.
  public var amountMismatch: [Pair] = []
  /// Payments not returned whose `bank_ref` the bank file lacks.
  public var missingInBank: [Payment] = []
  /// Bank rows whose `bank_ref` no payment of the ledger carries.
  public var unknownInLedger: [BankFile.Row] = []
  /// Bank rows of payments the ledger records as returned.
  public var returnedInLedger: [Pair] = []
  public var totals: [Total] = []

  /// Matches every payment of `state` against `bank`. Lists are in `bank_ref` order.
  public init(state: LedgerState, bank: BankFile) {
    let payments = Self.payments(state)
    let byRef = Dictionary(uniqueKeysWithValues: payments.map { ($0.bankRef, $0) })
    var ledgerTotal: [Fund: Money] = [:]
    var bankTotal: [Fund: Money] = [:]
    for payment in payments where !payment.returned {
      ledgerTotal[payment.fund, default: .zero] += payment.amount
    }
    var seen: Set<String> = []
    for row in bank.rows.sorted(by: { $0.bankRef < $1.bankRef }) {
      guard let payment = byRef[row.bankRef] else {
        unknownInLedger.append(row)
        continue
      }
      seen.insert(row.bankRef)
      bankTotal[payment.fund, default: .zero] += row.amount
      let pair = Pair(payment: payment, bank: row)
      if payment.returned {
        returnedInLedger.append(pair)
      } else if payment.amount == row.amount {
        matched.append(pair)
      } else {
        amountMismatch.append(pair)
      }
    }
    missingInBank = payments.filter { !$0.returned && !seen.contains($0.bankRef) }
    let funds = Set(ledgerTotal.keys).union(bankTotal.keys).sorted()
    totals = funds.map {
      Total(fund: $0, ledger: ledgerTotal[$0] ?? .zero, bank: bankTotal[$0] ?? .zero)
    }
  }

  /// The ledger's payments in `bank_ref` order; the ledger refuses a `bank_ref` used twice.
  static func payments(_ state: LedgerState) -> [Payment] {
    state.payments.values.map { record in
      let made = record.payment
      let region = state.claimMoney[made.claim]?.region ?? ""
      return Payment(
        payment: made.payment, claim: made.claim, fund: made.fund, region: region,
        date: record.date,
        payee: made.payee, bankRef: made.bankRef, amount: made.amount, returned: record.returned)
    }.sorted { $0.bankRef < $1.bankRef }
  }
}
