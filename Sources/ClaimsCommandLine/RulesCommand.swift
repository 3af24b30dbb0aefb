import ClaimsDomain
import ClaimsReports
import ClaimsRules

/// `claims rules [--region R] [--on D] [--format table|json] [--rules DIR]`
enum RulesCommand: Subcommand {
  static let name = "rules"
  static let summary = "list the rulesets: catalogues, standards, periods in force"
  static let help = """
    Usage: claims rules [--region R] [--on D] [--format table|json] [--rules DIR]

    Lists the rulesets transcribed from the policy documents, each with its period in force, its
    document and the SHA-256 of its file; as JSON, every catalogue row and standard with its
    clause reference.
      --region R   only rulesets covering region R (e.g. liaocheng)
      --on D       only rulesets in force on date D (YYYY-MM-DD)
      --format F   table (default) or json
      --rules DIR  read the rulesets from DIR instead of the shipped ones

    """

  static func run(_ words: [String], _ terminal: Terminal) throws -> Int32 {
    let arguments = try Arguments(words, valued: ["region", "on", "format", "rules"])
    try arguments.expectPositionals(0)
    let format = try RulesOption.format(arguments, ["table", "json"])
    var rulesets = try RulesOption.library(arguments).rulesets
    if let region = arguments.options["region"] { rulesets = rulesets.filter { $0.covers(region: region) } }
    if let text = arguments.options["on"] {
      guard let date = CivilDate(text) else { throw UsageError("--on must be a date YYYY-MM-DD, not \"\(text)\"") }
      rulesets = rulesets.filter { $0.isInForce(on: date) }
    }
    terminal.writeOut(format == "json" ? RulesReport.json(rulesets) : RulesReport.table(rulesets))
    return 0
  }
}
