import ClaimsDomain
import ClaimsLedger

/// Fund balances by month end: a step chart per fund (available, committed, paid) and the
/// figures behind it.
extension HTMLReport {
  static let balanceColours = (available: "#1f77b4", committed: "#ff7f0e", paid: "#2ca02c")

  /// The last day of each month from the first money event's month to the last event's.
  func monthEnds() -> [CivilDate] {
    guard let first = history.changesByDate.keys.min(), let last = history.lastDate else {
      return []
    }
    var ends: [CivilDate] = []
    var (year, month) = (first.year, first.month)
    while (year, month) <= (last.year, last.month) {
      let next =
        month == 12
        ? CivilDate(year: year + 1, month: 1, day: 1)!
        : CivilDate(year: year, month: month + 1, day: 1)!
      ends.append(next.adding(days: -1))
      (year, month) = (next.year, next.month)
    }
    return ends
  }

  /// Month-end balances of each fund, its regions added together.
  func fundSeries() -> (months: [CivilDate], byFund: [Fund: [FundBalance]]) {
    let months = monthEnds()
    let samples = history.balances(at: months)
    var byFund: [Fund: [FundBalance]] = [:]
    let funds = Set(samples.flatMap { $0.keys.map(\.fund) })
    for fund in funds {
      byFund[fund] = samples.map { sample in
        sample.filter { $0.key.fund == fund }.values.reduce(FundBalance(), +)
      }
    }
    return (months, byFund)
  }

  func balancesSection() -> String {
    var out =
      "<section id=\"balances\">\n<h2>\(HTML.text("资金余额 Fund balances by month end"))</h2>\n"
    let (months, byFund) = fundSeries()
    guard !byFund.isEmpty else {
      return out + "<p>\(HTML.text("no money events 无资金事件"))</p>\n</section>\n"
    }
    out +=
      "<p class=\"note\">\(HTML.text("Each fund's balances at the end of each month, all regions together, from the events dated on or before that day (as claims balances --as-of gives them). available 可用 = appropriated − committed − paid + recovered."))</p>\n"
    let labels = months.map { String($0.description.prefix(7)) }
    for fund in byFund.keys.sorted() {
      let balances = byFund[fund]!
      out +=
        "<figure class=\"fund\" id=\"fund-\(fund.rawValue)\">\n<h3>\(HTML.text(Display.fund(fund)))</h3>\n"
      let chart = SVGLineChart(
        title: "\(Display.fund(fund)): available, committed and paid by month end", xLabels: labels,
        series: [
          SVGChart.Series(
            name: "可用 available", colour: Self.balanceColours.available,
            values: balances.map(\.available.fen)),
          SVGChart.Series(
            name: "已核定 committed", colour: Self.balanceColours.committed,
            values: balances.map(\.committed.fen)),
          SVGChart.Series(
            name: "已支付 paid", colour: Self.balanceColours.paid, values: balances.map(\.paid.fen)),
        ],
        label: { Money(fen: $0).displayString })
      out += chart.svg()
      var table = HTML.Table(
        headers: [
          "month end 月末", "appropriated 拨付", "committed 已核定", "paid 已支付", "recovered 已追回",
          "available 可用",
        ],
        numeric: [1, 2, 3, 4, 5])
      for (month, balance) in zip(months, balances) {
        table.add(
          [month.description]
            + [
              balance.appropriated, balance.committed, balance.paid, balance.recovered,
              balance.available,
            ].map(\.displayString))
      }
      out +=
        "<details open><summary>\(HTML.text("figures 数据"))</summary>\n" + table.render()
        + "</details>\n</figure>\n"
    }
    return out + "</section>\n"
  }
}
