import ClaimsDomain
import ClaimsLedger

/// `claims export --format hledger`: the postings as a plain-text journal that hledger and
/// ledger-cli both read. One transaction per money event, dated by the event's effective date,
/// described by its type and id, with its seq, recorded time and actor in a comment; amounts in
/// CNY with two decimals. A last transaction moves nothing and asserts every account's balance,
/// so the tools themselves check that they add up to what the ledger says.
public enum HledgerExport {
  /// `lines`: at least the journal's money lines (others are left out); `lineCount`: all of its lines.
  public static func journal(_ lines: [ReplayedLine], lineCount: Int) -> String {
    let transactions = ExportTransaction.all(lines).filter { !$0.postings.isEmpty }
    var text =
      "; claims export --format hledger: \(transactions.count) money events of \(lineCount) journal lines\n"
    text += "; accounts: see claims export --help; amounts in CNY (yuan)\n\n"
    let (balances, _) = ExportTransaction.balances(transactions)
    let width = Layout(balances: balances, name: \.hledgerName)
    for transaction in transactions {
      let line = transaction.line
      text += "\(line.event.date) \(line.event.type.rawValue) \(describe(line.event.id))\n"
      text +=
        "    ; seq \(line.seq), recorded \(line.recorded), actor \(line.event.actor), id \(line.event.id)\n"
      text += transaction.postings.map {
        "    " + width.posting($0.account.hledgerName, $0.amount.decimalString + " CNY")
      }.joined()
      text += "\n"
    }
    guard let last = transactions.map(\.line.event.date).max() else { return text }
    text += "\(last) balance assertions: the balances of claims balances --by region\n"
    for account in balances.keys.sorted() {
      text +=
        "    "
        + width.posting(account.hledgerName, "0.00 CNY = \(balances[account]!.decimalString) CNY")
    }
    return text
  }

  /// An event id in the description: a ';' would start a comment there, so it is written as
  /// '%3B' (the comment line carries the id as it is).
  static func describe(_ id: String) -> String { id.replacing(";", with: "%3B") }
}
