import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsReports
import ClaimsRules

/// `claims entitlements JOURNAL [--trainee ID] [--class ID] [--format table|csv|json] [--rules DIR]`
enum EntitlementsCommand: Subcommand {
  static let name = "entitlements"
  static let summary = "what each trainee is entitled to for each class, and why"
  static let help = """
    Usage: claims entitlements JOURNAL [--trainee ID] [--class ID] [--as-of D] [--known-at TS] [--format table|csv|json] [--rules DIR]

    Replays the journal and computes, for every enrolled trainee of every class, the status
    (eligible, ineligible, pending, unknown), the amount, the fund, the reason codes, the clauses
    applied and the arithmetic, under the ruleset in force at the class's start.
      --trainee ID  one trainee (resident ID number)
      --class ID    one class
      --as-of D     only events whose effective date is on or before D
      --known-at TS only lines recorded on or before TS
      --format F    table (default, IDs masked), csv or json (IDs whole)
      --rules DIR   compute under the rulesets in DIR instead of the shipped ones

    """

  static func run(_ words: [String], _ terminal: Terminal) throws -> Int32 {
    let arguments = try Arguments(words, valued: CutOptions.names.union(["trainee", "class", "format", "rules"]))
    try arguments.expectPositionals(1)
    let path = try arguments.positional(0, "JOURNAL")
    let format = try RulesOption.format(arguments, ["table", "csv", "json"])
    let library = try RulesOption.library(arguments)
    // As of a date, from the whole state (the checkpoint's, unless --known-at cuts it) and its
    // facts' history: what a replay of the lines dated by then gives, without that replay.
    let asOf = try CutOptions.cut(arguments).asOf
    let (_, state) = try CutOptions.state(path, arguments, terminal, command: name, checkpointRules: library)
    // Only the trainees asked about are judged (on all their classes), not everyone; of theirs,
    // only the class asked about is shown.
    var entitlements = state.entitlements(
      library: library,
      of: Self.trainees(in: state, trainee: arguments.options["trainee"], classID: arguments.options["class"], asOf: asOf),
      asOf: asOf)
    if let classID = arguments.options["class"] { entitlements = entitlements.filter { $0.classID == classID } }
    switch format {
    case "json": terminal.writeOut(EntitlementsReport.json(entitlements))
    case "csv": terminal.writeOut(EntitlementsReport.csv(entitlements))
    default: terminal.writeOut(EntitlementsReport.table(entitlements))
    }
    return 0
  }

  /// The trainees `--trainee` and `--class` name (both: the trainee, if in the class); nil
  /// for every trainee.
  static func trainees(in state: LedgerState, trainee: String?, classID: String?, asOf: CivilDate?) -> Set<ResidentID>? {
    var trainees: Set<ResidentID>?
    if let trainee { trainees = ResidentID(trainee).map { [$0] } ?? [] }
    if let classID {
      let roster = state.trainees(ofClass: classID, asOf: asOf)
      trainees = trainees.map { $0.intersection(roster) } ?? roster
    }
    return trainees
  }
}
