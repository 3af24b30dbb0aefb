import ClaimsDomain
import ClaimsLedger

/// Quarterly person-times against plan, one chart per region and year: each quarter's
/// person-times, the running total, and the region's whole-region targets as lines.
extension HTMLReport {
  static let personTimeColours = (quarter: "#1971c2", cumulative: "#74c0fc", target: "#c92a2a")

  func personTimesSection() -> String {
    var out =
      "<section id=\"person-times\">\n<h2>\(HTML.text("季度培训人次与计划 Quarterly person-times against plan"))</h2>\n"
    let personTimes = PersonTime.all(entitlements, state: state)
    struct RegionYear: Hashable, Comparable {
      var year: Int
      var region: String
      static func < (a: RegionYear, b: RegionYear) -> Bool {
        (a.year, a.region) < (b.year, b.region)
      }
    }
    let pairs = Set(personTimes.map { RegionYear(year: $0.year, region: $0.region) })
      .union(history.plans.map { RegionYear(year: $0.plan.year, region: $0.plan.region) }).sorted()
    guard !pairs.isEmpty else {
      return out + "<p>\(HTML.text("no person-times and no plans 无"))</p>\n</section>\n"
    }
    out +=
      "<p class=\"note\">\(HTML.text("Person-times (人次): eligible trainee × class pairs, in the quarter of the exam that made them eligible (claims stats). Targets from the journal's plan.set events; a target set again replaces the earlier one."))</p>\n"
    for pair in pairs {
      let stats = QuarterlyStats(
        personTimes: personTimes.filter { $0.region == pair.region },
        plans: history.plans.filter { $0.plan.region == pair.region }, year: pair.year, quarter: nil
      )
      out += regionYear(stats, region: pair.region)
    }
    return out + "</section>\n"
  }

  func regionYear(_ stats: QuarterlyStats, region: String) -> String {
    let title = "\(Display.region(region)) \(stats.year)"
    var out = "<figure class=\"person-times\">\n<h3>\(HTML.text(title))</h3>\n"
    let quarterly = (1...4).map { quarter in
      stats.rows.filter { $0.quarter == quarter }.reduce(0) { $0 + $1.personTimes }
    }
    var running = 0
    let cumulative = quarterly.map {
      running += $0
      return running
    }
    let chart = SVGBarChart(
      title: "\(title): person-times by quarter and running total against plan",
      groups: (1...4).map { Display.quarter(year: stats.year, quarter: $0) },
      series: [
        SVGChart.Series(
          name: "季度人次 person-times", colour: Self.personTimeColours.quarter,
          values: quarterly.map(Int64.init)),
        SVGChart.Series(
          name: "累计 cumulative", colour: Self.personTimeColours.cumulative,
          values: cumulative.map(Int64.init)),
      ],
      references: stats.plans.filter { $0.program == nil }.map {
        SVGBarChart.Reference(
          name: "目标 target \($0.target)", colour: Self.personTimeColours.target,
          value: Int64($0.target))
      },
      unit: 1, label: { String($0) })
    out += chart.svg()
    var table = HTML.Table(
      headers: ["quarter 季度", "person-times 人次", "cumulative 累计", "amount 金额"], numeric: [1, 2, 3])
    for quarter in 1...4 {
      let amount = stats.rows.filter { $0.quarter == quarter }.reduce(Money.zero) { $0 + $1.amount }
      table.add([
        Display.quarter(year: stats.year, quarter: quarter), String(quarterly[quarter - 1]),
        String(cumulative[quarter - 1]), amount.displayString,
      ])
    }
    out += table.render()
    if !stats.plans.isEmpty {
      var plans = HTML.Table(
        headers: ["program 项目", "target 目标", "actual 完成", "done 完成率"], numeric: [1, 2, 3])
      for plan in stats.plans {
        plans.add([
          plan.program ?? "all 全部", String(plan.target), plan.actual.map(String.init) ?? "—",
          plan.actual.map { StatsReport.percent($0, of: plan.target) } ?? "—",
        ])
      }
      out += plans.render(caption: "plans 计划 \(stats.year)")
    }
    return out + "</figure>\n"
  }
}
