import ClaimsDomain

/// `claims reconcile`: the reconciliation as JSON for tools (SPEC §12's shape, with fields added
/// but none renamed) or as tables for finance (Chinese fund names, `¥` amounts, IDs masked).
public enum ReconcileReport {
  public static func json(_ result: Reconciliation) -> String {
    var object = JSONObject()
    object.append("matched", .array(result.matched.map { pairObject($0) }))
    object.append("amount_mismatch", .array(result.amountMismatch.map { pairObject($0) }))
    object.append("missing_in_bank", .array(result.missingInBank.map(paymentObject)))
    object.append("unknown_in_ledger", .array(result.unknownInLedger.map(bankObject)))
    object.append("returned_in_ledger", .array(result.returnedInLedger.map { pairObject($0) }))
    object.append(
      "totals",
      .array(
        result.totals.map { total in
          .object(
            JSONObject([
              ("fund", .string(total.fund.rawValue)),
              ("ledger", .string(total.ledger.decimalString)),
              ("bank", .string(total.bank.decimalString)),
            ]))
        }))
    return JSONWriter.string(.object(object)) + "\n"
  }

  static func pairObject(_ pair: Reconciliation.Pair) -> JSONValue {
    var object = JSONObject()
    object.append("bank_ref", .string(pair.bank.bankRef))
    object.append("ledger_amount", .string(pair.payment.amount.decimalString))
    object.append("bank_amount", .string(pair.bank.amount.decimalString))
    object.append("payment", .string(pair.payment.payment))
    object.append("claim", .string(pair.payment.claim))
    object.append("fund", .string(pair.payment.fund.rawValue))
    object.append("region", .string(pair.payment.region))
    object.append("ledger_date", .string(pair.payment.date.description))
    object.append("bank_date", .string(pair.bank.date.description))
    object.append("ledger_payee", .string(pair.payment.payee))
    object.append("bank_payee", .string(pair.bank.payee))
    object.append("bank_line", .number(String(pair.bank.line)))
    return .object(object)
  }

  static func paymentObject(_ payment: Reconciliation.Payment) -> JSONValue {
    .object(
      JSONObject([
        ("bank_ref", .string(payment.bankRef)),
        ("ledger_amount", .string(payment.amount.decimalString)),
        ("payment", .string(payment.payment)), ("claim", .string(payment.claim)),
        ("fund", .string(payment.fund.rawValue)), ("region", .string(payment.region)),
        ("ledger_date", .string(payment.date.description)),
        ("ledger_payee", .string(payment.payee)),
      ]))
  }

  static func bankObject(_ row: BankFile.Row) -> JSONValue {
    .object(
      JSONObject([
        ("bank_ref", .string(row.bankRef)), ("bank_amount", .string(row.amount.decimalString)),
        ("bank_date", .string(row.date.description)), ("bank_payee", .string(row.payee)),
        ("bank_line", .number(String(row.line))),
      ]))
  }

  public static func table(_ result: Reconciliation) -> String {
    var text =
      "对账 reconciliation: \(result.matched.count) matched 相符, "
      + "\(result.amountMismatch.count) amount mismatch 金额不符, "
      + "\(result.missingInBank.count) missing in bank 银行无记录, "
      + "\(result.unknownInLedger.count) unknown in ledger 账内无记录, "
      + "\(result.returnedInLedger.count) returned in ledger 账内已退回\n"
    text += section("matched 相符", pairTable(result.matched, amounts: .one), result.matched.isEmpty)
    text += section(
      "amount mismatch 金额不符", pairTable(result.amountMismatch, amounts: .both),
      result.amountMismatch.isEmpty)
    text += section("missing in bank 银行无记录", missingTable(result), result.missingInBank.isEmpty)
    text += section("unknown in ledger 账内无记录", unknownTable(result), result.unknownInLedger.isEmpty)
    text += section(
      "returned in ledger, listed as paid by the bank 账内已退回",
      pairTable(result.returnedInLedger, amounts: .both), result.returnedInLedger.isEmpty)
    text += section(
      "totals by fund 按资金来源合计 (ledger: payments not returned; bank: rows of its payments)",
      totalsTable(result), result.totals.isEmpty)
    if !result.unknownInLedger.isEmpty {
      let sum = result.unknownInLedger.reduce(Money.zero) { $0 + $1.amount }
      text += "rows unknown in ledger, not in any fund's total: \(sum.displayString)\n"
    }
    return text
  }

  static func missingTable(_ result: Reconciliation) -> TextTable {
    var table = TextTable(
      ["bank_ref", "payment", "fund", "region", "date", "payee", "ledger 账面"], rightAligned: [6])
    for p in result.missingInBank {
      table.add([
        p.bankRef, p.payment, Display.fund(p.fund), p.region, p.date.description, payee(p.payee),
        p.amount.displayString,
      ])
    }
    return table
  }

  static func unknownTable(_ result: Reconciliation) -> TextTable {
    var table = TextTable(
      ["bank_ref", "line 行", "date", "payee", "bank 银行"], rightAligned: [1, 4])
    for row in result.unknownInLedger {
      table.add([
        row.bankRef, String(row.line), row.date.description, payee(row.payee),
        row.amount.displayString,
      ])
    }
    return table
  }

  static func totalsTable(_ result: Reconciliation) -> TextTable {
    var table = TextTable(
      ["fund", "ledger 账面", "bank 银行", "difference 差额"], rightAligned: [1, 2, 3])
    for total in result.totals {
      table.add([
        Display.fund(total.fund), total.ledger.displayString, total.bank.displayString,
        (total.bank - total.ledger).displayString,
      ])
    }
    return table
  }

  enum AmountColumns { case one, both }

  static func pairTable(_ pairs: [Reconciliation.Pair], amounts: AmountColumns) -> TextTable {
    let money = amounts == .one ? ["amount 金额"] : ["ledger 账面", "bank 银行", "difference 差额"]
    var table = TextTable(
      ["bank_ref", "payment", "fund", "region", "line 行"] + money,
      rightAligned: Set([4] + (5..<(5 + money.count))))
    for pair in pairs {
      let p = pair.payment
      let figures =
        amounts == .one
        ? [p.amount.displayString]
        : [
          p.amount.displayString, pair.bank.amount.displayString,
          (pair.bank.amount - p.amount).displayString,
        ]
      table.add(
        [p.bankRef, p.payment, Display.fund(p.fund), p.region, String(pair.bank.line)] + figures)
    }
    return table
  }

  static func section(_ title: String, _ table: TextTable, _ empty: Bool) -> String {
    "\n\(title)\n" + (empty ? "(none 无)\n" : table.render())
  }

  /// A payee that is a resident ID (an individual claimant) is masked for people (SPEC §2).
  static func payee(_ text: String) -> String { ResidentID(text)?.masked ?? text }
}
