import ClaimsDomain
import ClaimsLedger

/// `claims balances`: appropriated, committed, paid, recovered and available, by fund or by
/// fund and region.
public enum BalancesReport {
  public struct Row: Equatable, Sendable {
    public var fund: Fund
    public var region: String?
    public var balance: FundBalance
  }

  /// Rows in a fixed order; `byRegion` false adds the regions of each fund together.
  public static func rows(_ funds: [FundKey: FundBalance], byRegion: Bool) -> [Row] {
    if byRegion {
      return funds.keys.sorted().map { Row(fund: $0.fund, region: $0.region, balance: funds[$0]!) }
    }
    var totals: [Fund: FundBalance] = [:]
    for (key, balance) in funds { totals[key.fund] = (totals[key.fund] ?? FundBalance()) + balance }
    return totals.keys.sorted().map { Row(fund: $0, region: nil, balance: totals[$0]!) }
  }

  static let amountColumns = ["appropriated", "committed", "paid", "recovered", "available"]

  static func amounts(_ balance: FundBalance) -> [Money] {
    [balance.appropriated, balance.committed, balance.paid, balance.recovered, balance.available]
  }

  public static func json(_ rows: [Row]) -> String {
    let list = rows.map { row -> JSONValue in
      var object = JSONObject()
      object.append("fund", .string(row.fund.rawValue))
      if let region = row.region { object.append("region", .string(region)) }
      for (name, amount) in zip(amountColumns, amounts(row.balance)) {
        object.append(name, .string(amount.decimalString))
      }
      return .object(object)
    }
    return JSONWriter.string(.object(JSONObject([("funds", .array(list))]))) + "\n"
  }

  public static func csv(_ rows: [Row]) -> String {
    var csv = CSVWriter(header: ["fund", "region"] + amountColumns)
    for row in rows {
      csv.addRow([row.fund.rawValue, row.region ?? ""] + amounts(row.balance).map(\.decimalString))
    }
    return csv.text
  }

  public static func table(_ rows: [Row]) -> String {
    let byRegion = rows.contains { $0.region != nil }
    var table = TextTable(
      ["fund"] + (byRegion ? ["region"] : []) + ["appropriated 拨付", "committed 已核定", "paid 已支付", "recovered 已追回", "available 可用"],
      rightAligned: Set((byRegion ? 2 : 1)...(byRegion ? 6 : 5)))
    var total = FundBalance()
    for row in rows {
      table.add([Display.fund(row.fund)] + (byRegion ? [row.region ?? ""] : []) + amounts(row.balance).map(\.displayString))
      total = total + row.balance
    }
    if rows.count > 1 {
      table.add(["total 合计"] + (byRegion ? [""] : []) + amounts(total).map(\.displayString))
    }
    return table.render()
  }
}
