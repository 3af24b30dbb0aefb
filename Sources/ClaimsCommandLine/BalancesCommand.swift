import ClaimsLedger
import ClaimsReports

/// `claims balances JOURNAL [--as-of D] [--known-at TS] [--by fund|region] [--format …] [--rules DIR]`
enum BalancesCommand: Subcommand {
  static let name = "balances"
  static let summary = "appropriated, committed, paid, recovered and available money by fund"
  static let help = """
    Usage: claims balances JOURNAL [--as-of D] [--known-at TS] [--by fund|region] [--format table|csv|json] [--rules DIR]

    Replays the journal's money: appropriations, approved claims (committed), payments less bank
    returns (paid), recovery receipts (recovered), and what is available:
    appropriated − committed − paid + recovered.
      --as-of D      only events whose effective date is on or before D
      --known-at TS  only lines recorded on or before TS: what the books said then
      --by fund      one row per fund (default); --by region: per fund and region
      --format F     table (default), csv or json
      --rules DIR    accepted for symmetry; balances come from what the journal recorded

    """

  static func run(_ words: [String], _ terminal: Terminal) throws -> Int32 {
    let arguments = try Arguments(words, valued: CutOptions.names.union(["by", "format", "rules"]))
    try arguments.expectPositionals(1)
    let path = try arguments.positional(0, "JOURNAL")
    let format = try RulesOption.format(arguments, ["table", "csv", "json"])
    let by = arguments.options["by"] ?? "fund"
    guard by == "fund" || by == "region" else { throw UsageError("--by must be fund or region, not \"\(by)\"") }
    let library = try RulesOption.library(arguments)
    let cut = try CutOptions.cut(arguments)
    // The money of the whole journal (from the checkpoint's money section when it is current,
    // else from the whole state, which refreshes the checkpoint) or of the lines --known-at
    // selects; as of a date, by its daily movements.
    let funds: [FundKey: FundBalance]
    if cut.knownAt == nil, let current = try Checkpoint.currentMoney(path: path, library: library, asOf: cut.asOf) {
      for warning in current.end.warnings { terminal.err("claims \(name): warning: \(warning)") }
      funds = current.funds
    } else {
      let ledger = try CutOptions.state(path, arguments, terminal, command: name, checkpointRules: library).1.fundLedger
      funds = cut.asOf.map(ledger.balances(asOf:)) ?? ledger.balances
    }
    let rows = BalancesReport.rows(funds, byRegion: by == "region")
    switch format {
    case "json": terminal.writeOut(BalancesReport.json(rows))
    case "csv": terminal.writeOut(BalancesReport.csv(rows))
    default: terminal.writeOut(BalancesReport.table(rows))
    }
    return 0
  }
}
