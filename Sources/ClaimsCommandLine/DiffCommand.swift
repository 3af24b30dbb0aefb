import ClaimsLedger
import ClaimsReports

/// `claims diff JOURNAL --rules DIR --with DIR [--format table|json]`
enum DiffCommand: Subcommand {
  static let name = "diff"
  static let summary = "what a rule change does to every entitlement, and the adjustments due"
  static let help = """
    Usage: claims diff JOURNAL --rules DIR --with DIR [--format table|json]

    Replays the journal under the rulesets of --rules (the baseline) and of --with (the change)
    and lists every trainee and class whose entitlement changes: old and new status and amount,
    what was approved, and the adjustment (positive: top-up to pay; negative: to recover). Totals
    per fund: old, new, delta, adjustment.

    """

  static func run(_ words: [String], _ terminal: Terminal) throws -> Int32 {
    let arguments = try Arguments(words, valued: ["rules", "with", "format"])
    try arguments.expectPositionals(1)
    let path = try arguments.positional(0, "JOURNAL")
    _ = try arguments.required("rules")
    let format = try RulesOption.format(arguments, ["table", "json"])
    let baseline = try RulesOption.library(arguments)
    var changedArguments = arguments
    changedArguments.options["rules"] = try arguments.required("with")
    let changed = try RulesOption.library(changedArguments)
    let (_, state) = try CutOptions.state(path, arguments, terminal, command: name, checkpointRules: baseline)
    let impact = RuleChangeImpact(state: state, baseline: baseline, changed: changed)
    terminal.writeOut(format == "json" ? DiffReport.json(impact) : DiffReport.table(impact))
    return 0
  }
}
