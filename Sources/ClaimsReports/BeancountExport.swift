import ClaimsDomain
import ClaimsLedger

/// `claims export --format beancount`: the same transactions as the hledger export in Beancount
/// syntax. Each account is opened on the day of its first posting; each transaction carries its
/// seq, recorded time, actor and id as metadata; `balance` directives on the day after the last
/// event assert every account's balance, so `bean-check` checks the figures as well as the syntax.
public enum BeancountExport {
  /// `lines`: at least the journal's money lines (others are left out); `lineCount`: all of its lines.
  public static func journal(_ lines: [ReplayedLine], lineCount: Int) -> String {
    let transactions = ExportTransaction.all(lines).filter { !$0.postings.isEmpty }
    var text =
      "; claims export --format beancount: \(transactions.count) money events of \(lineCount) journal lines\n"
    text += "; accounts: see claims export --help; amounts in CNY (yuan)\n\n"
    text += "option \"title\" \"ClaimsLedger export\"\n"
    text += "option \"operating_currency\" \"CNY\"\n\n"
    let (balances, opened) = ExportTransaction.balances(transactions)
    let accounts = balances.keys.sorted { $0.beancountName < $1.beancountName }
    // Opened in the order of their first day, so the file reads as the books grew.
    for account in accounts.sorted(by: {
      opened[$0]! < opened[$1]!
        || (opened[$0]! == opened[$1]! && $0.beancountName < $1.beancountName)
    }) {
      text += "\(opened[account]!) open \(account.beancountName) CNY\n"
    }
    let width = Layout(balances: balances, name: \.beancountName)
    for transaction in transactions {
      let line = transaction.line
      text += "\n\(line.event.date) * \(quoted("\(line.event.type.rawValue) \(line.event.id)"))\n"
      text += "  seq: \(line.seq)\n"
      text += "  recorded: \(quoted(line.recorded.description))\n"
      text += "  actor: \(quoted(line.event.actor))\n"
      text += "  event: \(quoted(line.event.id))\n"
      text += transaction.postings.map {
        "  " + width.posting($0.account.beancountName, $0.amount.decimalString + " CNY")
      }.joined()
    }
    guard let last = transactions.map(\.line.event.date).max() else { return text }
    // A balance directive checks the balance at the start of its day: the day after the last.
    text += "\n"
    for account in accounts {
      text +=
        "\(last.adding(days: 1)) balance \(account.beancountName) \(balances[account]!.decimalString) CNY\n"
    }
    return text
  }

  /// A Beancount string: backslashes and quotes escaped.
  static func quoted(_ text: String) -> String {
    "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
  }
}
