import ClaimsDomain
import ClaimsLedger

/// Payouts by training category and fund: payments less bank returns, by the category of the
/// claim's class.
extension HTMLReport {
  static let fundColours: [Fund: String] = [
    .employmentSubsidy: "#2b8a3e", .skillsUpgradeAccount: "#e8590c",
    .unemploymentInsurance: "#6741d9",
  ]

  struct PayoutKey: Hashable {
    var category: TrainingCategory
    var fund: Fund
  }

  /// Paid, net of bank returns (the balances report's `paid`), by category and fund.
  func payouts() -> [PayoutKey: Money] {
    var paid: [PayoutKey: Money] = [:]
    for record in state.payments.values where !record.returned {
      guard let classID = state.claims[record.payment.claim]?.submission.classID,
        let category = state.classes[classID]?.approval.category
      else { continue }
      paid[PayoutKey(category: category, fund: record.payment.fund), default: .zero] +=
        record.payment.amount
    }
    return paid
  }

  func payoutsSection() -> String {
    var out =
      "<section id=\"payouts\">\n<h2>\(HTML.text("按培训类别和资金来源的支付 Payouts by category and fund"))</h2>\n"
    let paid = payouts()
    guard !paid.isEmpty else { return out + "<p>\(HTML.text("no payments 无支付"))</p>\n</section>\n" }
    out +=
      "<p class=\"note\">\(HTML.text("Payments less bank returns, by the training category of the claim's class; recoveries are in the fund balances."))</p>\n"
    let categories = Set(paid.keys.map(\.category)).sorted { $0.rawValue < $1.rawValue }
    let funds = Set(paid.keys.map(\.fund)).sorted()
    let chart = SVGBarChart(
      title: "Payouts by training category and fund", groups: categories.map(Display.category),
      series: funds.map { fund in
        SVGChart.Series(
          name: Display.fund(fund), colour: Self.fundColours[fund]!,
          values: categories.map { paid[PayoutKey(category: $0, fund: fund)]?.fen ?? 0 })
      },
      unit: 100, label: { Money(fen: $0).displayString })
    out += chart.svg()
    var table = HTML.Table(headers: ["category 培训类别", "fund 资金来源", "paid 已支付"], numeric: [2])
    var total = Money.zero
    for category in categories {
      for fund in funds {
        guard let amount = paid[PayoutKey(category: category, fund: fund)] else { continue }
        table.add([Display.category(category), Display.fund(fund), amount.displayString])
        total += amount
      }
    }
    table.add(["total 合计", "", total.displayString], total: true)
    return out + table.render() + "</section>\n"
  }
}
