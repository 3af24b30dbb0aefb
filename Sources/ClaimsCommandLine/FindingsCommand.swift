import ClaimsDomain
import ClaimsLedger
import ClaimsReports

/// `claims findings JOURNAL [--as-of D] [--known-at TS] [--format table|json] [--rules DIR]`
enum FindingsCommand: Subcommand {
  static let name = "findings"
  static let summary = "what an auditor should look at, with the lines behind each finding"
  static let help = """
    Usage: claims findings JOURNAL [--as-of D] [--known-at TS] [--format table|json] [--rules DIR]

    Lists: double-attendance (one trainee in two classes on one day), over-8-hours (more hours
    in a day than the ruleset allows), over-planned-size, claim-late (a project claim more than
    5 working days after the contract start), payee-not-claimant, recovery-overdue (not fully
    received 90 days after the order, counted to --as-of or to the day of the last line).
    Findings never refuse anything; each names the journal lines behind it.

    """

  static func run(_ words: [String], _ terminal: Terminal) throws -> Int32 {
    let arguments = try Arguments(words, valued: CutOptions.names.union(["format", "rules"]))
    try arguments.expectPositionals(1)
    let path = try arguments.positional(0, "JOURNAL")
    let format = try RulesOption.format(arguments, ["table", "json"])
    let library = try RulesOption.library(arguments)
    // As of a date, from the whole state (the checkpoint's, unless --known-at cuts it) and its
    // facts' history. The findings name their lines from the records, without the id index.
    let cut = try CutOptions.cut(arguments)
    let (end, state) = try CutOptions.state(
      path, arguments, terminal, command: name, checkpointRules: library)
    let today = cut.asOf ?? (state.lastRecorded ?? end.scan.lastRecorded!).chinaDate
    let findings = state.findings(library: library, today: today, asOf: cut.asOf)
    terminal.writeOut(format == "json" ? FindingsReport.json(findings) : FindingsReport.table(findings))
    return 0
  }
}
