import ClaimsDomain

/// `claims stats` as JSON (SPEC §12's shape), CSV and a table for people.
public enum StatsReport {
  public static func json(_ stats: QuarterlyStats) -> String {
    let rows = stats.rows.map { row -> JSONValue in
      .object(
        JSONObject([
          ("year", number(row.year)), ("quarter", number(row.quarter)),
          ("region", .string(row.region)),
          ("category", .string(row.category.rawValue)), ("fund", .string(row.fund.rawValue)),
          ("person_times", number(row.personTimes)), ("amount", .string(row.amount.decimalString)),
        ]))
    }
    let byPersonCategory = stats.byPersonCategory.map { row -> JSONValue in
      .object(
        JSONObject([
          ("year", number(row.year)), ("quarter", number(row.quarter)),
          ("person_category", .string(row.personCategory.rawValue)),
          ("person_times", number(row.personTimes)),
        ]))
    }
    let plans = stats.plans.map { plan -> JSONValue in
      .object(
        JSONObject([
          ("region", .string(plan.region)), ("year", number(plan.year)),
          ("program", plan.program.map(JSONValue.string) ?? .null), ("target", number(plan.target)),
          ("actual", plan.actual.map(number) ?? .null),
        ]))
    }
    return JSONWriter.string(
      .object(
        JSONObject([
          ("rows", .array(rows)), ("by_person_category", .array(byPersonCategory)),
          ("plans", .array(plans)),
        ]))) + "\n"
  }

  static func number(_ value: Int) -> JSONValue { .number(String(value)) }

  /// One CSV for the three tables: the first column names the table a row belongs to, so a
  /// spreadsheet filter or `grep ^rows,` separates them; columns a table lacks are empty.
  public static func csv(_ stats: QuarterlyStats) -> String {
    var csv = CSVWriter(header: [
      "table", "year", "quarter", "region", "category", "fund", "person_category", "program",
      "person_times", "amount", "target", "actual",
    ])
    for row in stats.rows {
      csv.addRow([
        "rows", String(row.year), String(row.quarter), row.region, row.category.rawValue,
        row.fund.rawValue,
        "", "", String(row.personTimes), row.amount.decimalString, "", "",
      ])
    }
    for row in stats.byPersonCategory {
      csv.addRow([
        "by_person_category", String(row.year), String(row.quarter), "", "", "",
        row.personCategory.rawValue,
        "", String(row.personTimes), "", "", "",
      ])
    }
    for plan in stats.plans {
      csv.addRow([
        "plans", String(plan.year), "", plan.region, "", "", "", plan.program ?? "", "", "",
        String(plan.target), plan.actual.map(String.init) ?? "",
      ])
    }
    return csv.text
  }

  /// Three tables for people: Chinese names beside the codes, ¥ amounts, a totals line.
  public static func table(_ stats: QuarterlyStats) -> String {
    let period = stats.quarter.map { "Q\($0)" } ?? "Q1–Q4"
    var text =
      "Person-times 人次, \(stats.year) \(period): eligible trainee × class pairs, by the quarter of the exam\n\n"
    if stats.rows.isEmpty {
      text += "no person-times in \(stats.year) \(period)\n"
    } else {
      var table = TextTable(
        ["quarter 季度", "region 地区", "category 培训类别", "fund 资金来源", "person-times 人次", "amount 金额"],
        rightAligned: [4, 5])
      for row in stats.rows {
        table.add([
          Display.quarter(year: row.year, quarter: row.quarter), Display.region(row.region),
          Display.category(row.category), Display.fund(row.fund), String(row.personTimes),
          row.amount.displayString,
        ])
      }
      table.add([
        "total 合计", "", "", "", String(stats.totalPersonTimes), stats.totalAmount.displayString,
      ])
      text += table.render()
    }
    if !stats.byPersonCategory.isEmpty {
      text += "\nBy person category 按人员类别 (a trainee in several categories counts under each):\n\n"
      var table = TextTable(
        ["quarter 季度", "person category 人员类别", "person-times 人次"], rightAligned: [2])
      for row in stats.byPersonCategory {
        table.add([
          Display.quarter(year: row.year, quarter: row.quarter),
          Display.personCategory(row.personCategory),
          String(row.personTimes),
        ])
      }
      text += table.render()
    }
    text +=
      "\nPlans 计划 (plan.set), \(stats.year): actual = person-times from 1 January to the end of \(stats.quarter.map { "Q\($0)" } ?? "Q4")\n\n"
    guard !stats.plans.isEmpty else { return text + "no plan.set targets for \(stats.year)\n" }
    var table = TextTable(
      ["region 地区", "program 项目", "target 目标", "actual 完成", "done 完成率"], rightAligned: [2, 3, 4])
    for plan in stats.plans {
      table.add([
        Display.region(plan.region), plan.program ?? "all 全部", String(plan.target),
        plan.actual.map(String.init) ?? "—",
        plan.actual.map { percent($0, of: plan.target) } ?? "—",
      ])
    }
    return text + table.render()
  }

  /// `62.5%`, rounded half up to a tenth, in integers.
  static func percent(_ part: Int, of whole: Int) -> String {
    guard whole > 0 else { return "—" }
    let tenths = (part * 1000 * 2 + whole) / (whole * 2)
    return "\(tenths / 10).\(tenths % 10)%"
  }
}
