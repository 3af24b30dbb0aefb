import ClaimsDomain
import ClaimsTestSupport
import Foundation
import Testing

/// `claims stats` through the binary, against what `ReportScenario` appended: each figure is
/// recomputed here from the script's own events (eligibility, exam dates, regions, categories,
/// funds, person categories) and the amounts `claims entitlements` gives each pair.
@Suite struct StatsCommandTests {
  typealias Expected = ReportScenario.Expected

  /// One `rows` entry, or one expected.
  struct Row: Equatable, CustomStringConvertible {
    var year, quarter: Int
    var region, category, fund: String
    var personTimes: Int
    var amount: Money
    var description: String {
      "\(year)Q\(quarter) \(region) \(category) \(fund) \(personTimes) \(amount)"
    }
  }

  struct PersonCategoryRow: Equatable {
    var year, quarter: Int
    var category: String
    var personTimes: Int
  }

  struct PlanRow: Equatable {
    var region: String
    var year: Int
    var program: String?
    var target: Int
    var actual: Int?
  }

  /// The amount `claims entitlements --format json` gives each eligible pair, keyed trainee|class;
  /// also checks that the eligible pairs are exactly those the script made eligible.
  static func eligibleAmounts(_ scenario: ReportScenario) throws -> [String: Money] {
    let result = try ClaimsBinary.run(["entitlements", scenario.path, "--format", "json"])
    #expect(result.status == 0, "\(result.err)")
    var amounts: [String: Money] = [:]
    for entry in try JSONReading.array(result.out, "entitlements")
    where entry.string("status") == "eligible" {
      amounts["\(entry.string("trainee")!)|\(entry.string("class")!)"] = Money(
        decimal: entry.string("amount")!)
    }
    #expect(Set(amounts.keys) == Set(scenario.expected.map { "\($0.trainee)|\($0.classID)" }))
    return amounts
  }

  /// The rows the script's events call for, grouped and ordered as SPEC §12 lists the keys.
  static func expectedRows(_ pairs: [Expected], _ amounts: [String: Money]) -> [Row] {
    var rows: [String: Row] = [:]
    for p in pairs {
      let key = "\(p.quarter)|\(p.region)|\(p.category)|\(p.fund)"
      var row =
        rows[key]
        ?? Row(
          year: p.year, quarter: p.quarter, region: p.region, category: p.category, fund: p.fund,
          personTimes: 0, amount: .zero)
      row.personTimes += 1
      row.amount += amounts["\(p.trainee)|\(p.classID)"]!
      rows[key] = row
    }
    return rows.keys.sorted().map { rows[$0]! }
  }

  static func expectedPersonCategories(_ pairs: [Expected]) -> [PersonCategoryRow] {
    var counts: [String: PersonCategoryRow] = [:]
    for p in pairs {
      for category in p.personCategories {
        counts[
          "\(p.quarter)|\(category)",
          default: PersonCategoryRow(
            year: p.year, quarter: p.quarter, category: category, personTimes: 0)
        ].personTimes += 1
      }
    }
    return counts.keys.sorted().map { counts[$0]! }
  }

  /// Targets of the year (the last set wins); actuals from 1 January to the end of `through`.
  static func expectedPlans(_ scenario: ReportScenario, year: Int, through quarter: Int)
    -> [PlanRow]
  {
    let done = scenario.expected.filter { $0.year == year && $0.quarter <= quarter }
    return scenario.plans.filter { $0.year == year }
      .sorted { ($0.region, $0.program ?? "") < ($1.region, $1.program ?? "") }
      .map { plan in
        let inRegion = done.filter { $0.region == plan.region }
        let actual: Int? =
          switch plan.program {
          case nil: inRegion.count
          case "green": inRegion.filter { $0.category == "green" }.count
          case "graduate": inRegion.filter { $0.personCategories.contains("graduate") }.count
          default: nil
          }
        return PlanRow(
          region: plan.region, year: year, program: plan.program, target: plan.target,
          actual: actual)
      }
  }

  static func stats(_ path: String, _ year: Int, _ quarter: Int?) throws -> (
    rows: [Row], people: [PersonCategoryRow], plans: [PlanRow]
  ) {
    let result = try ClaimsBinary.run(
      ["stats", path, "--year", String(year), "--format", "json"]
        + (quarter.map { ["--quarter", String($0)] } ?? []))
    #expect(result.status == 0, "\(result.err)")
    let rows = try JSONReading.array(result.out, "rows").map {
      Row(
        year: $0.int("year")!, quarter: $0.int("quarter")!, region: $0.string("region")!,
        category: $0.string("category")!,
        fund: $0.string("fund")!, personTimes: $0.int("person_times")!,
        amount: Money(decimal: $0.string("amount")!)!)
    }
    let people = try JSONReading.array(result.out, "by_person_category").map {
      PersonCategoryRow(
        year: $0.int("year")!, quarter: $0.int("quarter")!, category: $0.string("person_category")!,
        personTimes: $0.int("person_times")!)
    }
    let plans = try JSONReading.array(result.out, "plans").map {
      PlanRow(
        region: $0.string("region")!, year: $0.int("year")!, program: $0.string("program"),
        target: $0.int("target")!, actual: $0.int("actual"))
    }
    return (rows, people, plans)
  }

  @Test func everyEligiblePairCountsInTheQuarterOfItsExam() throws {
    let scenario = try ReportScenario.shared()
    let amounts = try Self.eligibleAmounts(scenario)
    for year in [2023, 2024, 2025] {
      for quarter in [nil, 1, 2, 3, 4] {
        let pairs = scenario.expected.filter {
          $0.year == year && (quarter == nil || $0.quarter == quarter)
        }
        let got = try Self.stats(scenario.path, year, quarter)
        #expect(got.rows == Self.expectedRows(pairs, amounts), "\(year) Q\(quarter ?? 0)")
        #expect(got.people == Self.expectedPersonCategories(pairs), "\(year) Q\(quarter ?? 0)")
        #expect(
          got.plans == Self.expectedPlans(scenario, year: year, through: quarter ?? 4),
          "\(year) Q\(quarter ?? 0)")
      }
    }
  }

  @Test func rowsAddUpToTheTotalsAndATraineeInSeveralCategoriesCountsUnderEach() throws {
    let scenario = try ReportScenario.shared()
    let amounts = try Self.eligibleAmounts(scenario)
    let pairs2024 = scenario.expected.filter { $0.year == 2024 }
    let got = try Self.stats(scenario.path, 2024, nil)
    // Project Q2, green Q3 (two funds), manufacturing Q4: the script spans them all.
    #expect(Set(got.rows.map(\.quarter)) == [2, 3, 4])
    #expect(Set(got.rows.map(\.fund)).count == 3)
    #expect(Set(got.rows.map(\.region)) == ["changchun", "liaocheng"])
    #expect(got.rows.reduce(0) { $0 + $1.personTimes } == pairs2024.count)
    #expect(
      got.rows.reduce(Money.zero) { $0 + $1.amount }
        == pairs2024.reduce(Money.zero) { $0 + amounts["\($1.trainee)|\($1.classID)"]! })
    // t16 (veteran, disabled) in Q4 counts once under each; the person categories add up to
    // more than the person-times because of the trainees with several.
    let q4 = got.people.filter { $0.quarter == 4 }
    #expect(q4.first { $0.category == "veteran" }?.personTimes == 1)
    #expect(q4.first { $0.category == "disabled" }?.personTimes == 1)
    let categoryTotal = got.people.reduce(0) { $0 + $1.personTimes }
    #expect(categoryTotal == pairs2024.reduce(0) { $0 + $1.personCategories.count })
    #expect(categoryTotal > pairs2024.count)
  }

  @Test func plansSetAgainMeanTheLastOneAndAProgrammeWithNoCategoryHasNoActual() throws {
    let scenario = try ReportScenario.shared()
    let plans = try Self.stats(scenario.path, 2024, 3).plans
    #expect(plans.first { $0.region == "changchun" }?.target == 12)
    #expect(plans.filter { $0.region == "changchun" }.count == 1)
    #expect(plans.first { $0.program?.contains("家政") == true }?.actual == nil)
    // To the end of Q3: the project class and LC-G, not LC-M (Q4).
    let liaocheng = scenario.expected.filter {
      $0.region == "liaocheng" && $0.year == 2024 && $0.quarter <= 3
    }.count
    #expect(plans.first { $0.region == "liaocheng" && $0.program == nil }?.actual == liaocheng)
    let raw = try ClaimsBinary.run(["stats", scenario.path, "--year", "2024", "--format", "json"])
      .out
    #expect(raw.contains(#""actual":null"#))
  }

  @Test func theTableSpeaksTheClerksLanguageWithATotalsLine() throws {
    let scenario = try ReportScenario.shared()
    let amounts = try Self.eligibleAmounts(scenario)
    let pairs = scenario.expected.filter { $0.year == 2024 && $0.quarter == 4 }
    let total = pairs.reduce(Money.zero) { $0 + amounts["\($1.trainee)|\($1.classID)"]! }
    let table = try ClaimsBinary.run(["stats", scenario.path, "--year", "2024", "--quarter", "4"])
    #expect(table.status == 0)
    #expect(table.out.contains("制造业 (manufacturing)"))
    #expect(table.out.contains("职业技能提升行动专账资金 (skills-upgrade-account)"))
    #expect(table.out.contains("聊城市 (liaocheng)"))
    #expect(table.out.contains("退役军人 (veteran)"))
    let totals = table.out.split(separator: "\n").filter { $0.hasPrefix("total 合计") }
    #expect(totals.count == 1)
    #expect(
      totals.first?.split(separator: " ").suffix(2) == [
        "\(pairs.count)", "\(total.displayString)",
      ], "\(totals)")
    #expect(!table.out.contains("2024Q3"))
  }

  @Test func csvCarriesTheRowsOfTheJSON() throws {
    let scenario = try ReportScenario.shared()
    let json = try Self.stats(scenario.path, 2024, nil)
    let csv = try ClaimsBinary.run(["stats", scenario.path, "--year", "2024", "--format", "csv"])
      .out
    let lines = csv.split(separator: "\n").map(String.init)
    #expect(
      lines.first
        == "table,year,quarter,region,category,fund,person_category,program,person_times,amount,target,actual"
    )
    let rows = lines.filter { $0.hasPrefix("rows,") }
    #expect(
      rows
        == json.rows.map {
          "rows,\($0.year),\($0.quarter),\($0.region),\($0.category),\($0.fund),,,\($0.personTimes),\($0.amount.decimalString),,"
        })
    #expect(lines.filter { $0.hasPrefix("by_person_category,") }.count == json.people.count)
    #expect(lines.contains(#"plans,2024,,liaocheng,,,,"<b>家政</b> & ""培训""",,,100,"#))
  }

  @Test func theSameJournalGivesTheSameBytes() throws {
    let scenario = try ReportScenario.shared()
    for format in ["table", "csv", "json"] {
      let first = try ClaimsBinary.run([
        "stats", scenario.path, "--year", "2024", "--format", format,
      ])
      let second = try ClaimsBinary.run([
        "stats", scenario.path, "--year", "2024", "--format", format,
      ])
      #expect(first.status == 0)
      #expect(first.out == second.out)
    }
  }

  @Test(arguments: [
    ["--quarter", "1"], ["--year", "2024", "--quarter", "0"], ["--year", "2024", "--quarter", "5"],
    ["--year", "2024", "--quarter", "x"], ["--year", "twenty"],
    ["--year", "2024", "--format", "xml"],
    ["--year", "2024", "--quarter", "-1"],
  ])
  func aMissingYearOrAQuarterOutsideOneToFourIsAUsageError(arguments: [String]) throws {
    let folder = TemporaryFolder()
    let result = try ClaimsBinary.run(["stats", folder.path("none.journal")] + arguments)
    #expect(result.status == 2, "\(arguments): \(result.err)")
    #expect(result.err.contains("Usage: claims stats"))
  }

  @Test(arguments: ["stats", "report"])
  func bothCommandsHaveHelp(command: String) throws {
    let result = try ClaimsBinary.run([command, "--help"])
    #expect(result.status == 0)
    #expect(result.out.hasPrefix("Usage: claims \(command)"))
    #expect(try ClaimsBinary.run(["--help"]).out.contains("  \(command) "))
  }
}

/// Reading the commands' JSON in tests.
enum JSONReading {
  static func array(_ text: String, _ key: String) throws -> [JSONObject] {
    guard case .object(let root) = try JSONParser.parse(text.trimmingCharacters(in: .newlines)),
      case .array(let items) = root[key]
    else { throw TestFailure("no array \(key) in \(text)") }
    return items.compactMap { if case .object(let object) = $0 { object } else { nil } }
  }

  struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }
}

extension JSONObject {
  func string(_ key: String) -> String? {
    if case .string(let value) = self[key] { value } else { nil }
  }
  func int(_ key: String) -> Int? {
    if case .number(let value) = self[key] { Int(value) } else { nil }
  }
}
