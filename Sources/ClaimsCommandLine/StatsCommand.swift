import ClaimsLedger
import ClaimsReports
import ClaimsRules

/// `claims stats JOURNAL --year Y [--quarter Q] [--format table|csv|json] [--rules DIR]`
enum StatsCommand: Subcommand {
  static let name = "stats"
  static let summary = "quarterly person-times (人次) by region, category, fund, against plans"
  static let help = """
    Usage: claims stats JOURNAL --year Y [--quarter Q] [--format table|csv|json] [--rules DIR]

    Counts person-times (人次): eligible trainee × class pairs under the rulesets, each in the
    quarter of the exam that made it eligible, with the amounts, by region, training category
    and fund; by person category (a trainee in several categories counts under each); and
    against the year's plan.set targets. A plan's actual is the person-times of its region from
    1 January to the end of the period reported (Q4, or --quarter); a programme that names a
    training or person category (code or Chinese name) counts that category only, and any other
    programme has no actual. A target set again for the same region and programme replaces the
    earlier one. Targets are the journal's plan.set events only: the plans that the LC-2019 and
    LC-2025 rulesets transcribe are the published figures, for an admin to record as plan.set.
    Pending, unknown and ineligible pairs are not counted.
      --year Y       the calendar year (required)
      --quarter Q    1 to 4: that quarter only
      --format F     table (default), csv or json
      --rules DIR    rulesets from DIR instead of the shipped ones

    """

  static func run(_ words: [String], _ terminal: Terminal) throws -> Int32 {
    let arguments = try Arguments(words, valued: ["year", "quarter", "format", "rules"])
    try arguments.expectPositionals(1)
    let path = try arguments.positional(0, "JOURNAL")
    let year = try arguments.integer("year")
    guard let year else { throw UsageError("--year is required") }
    guard (1...9999).contains(year) else {
      throw UsageError("--year must be a year such as 2024, not \(year)")
    }
    let quarter = try arguments.integer("quarter")
    if let quarter, !(1...4).contains(quarter) {
      throw UsageError("--quarter must be 1, 2, 3 or 4, not \(quarter)")
    }
    let format = try RulesOption.format(arguments, ["table", "csv", "json"])
    let library = try RulesOption.library(arguments)
    let (_, state) = try CutOptions.state(path, arguments, terminal, command: name, checkpointRules: library)
    let plans = state.plans
    let entitlements = EntitlementEngine(library: library).entitlements(
      of: state.allClassFacts, wages: state.minimumWages)
    let stats = QuarterlyStats(
      personTimes: PersonTime.all(entitlements, state: state), plans: plans, year: year,
      quarter: quarter)
    switch format {
    case "json": terminal.writeOut(StatsReport.json(stats))
    case "csv": terminal.writeOut(StatsReport.csv(stats))
    default: terminal.writeOut(StatsReport.table(stats))
    }
    return 0
  }
}
