import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsReports
import ClaimsRules
import Foundation

/// `claims report JOURNAL --html OUT.html [--rules DIR]`
enum ReportCommand: Subcommand {
  static let name = "report"
  static let summary =
    "a self-contained HTML report: chain head, balances, payouts, plans, findings"
  static let help = """
    Usage: claims report JOURNAL --html OUT.html [--rules DIR]

    Writes one HTML file that needs nothing else to open (inline CSS and SVG, no scripts, no
    links): the journal's chain head (line and SHA-256, to record outside the ledger) and the
    dates it spans; each fund's available, committed and paid money by month end; payouts by
    training category and fund; person-times (人次) by quarter against the plan.set targets,
    per region and year (as claims stats counts them); and the findings. Resident ID numbers
    are masked. The same journal gives the same bytes. Prints where the file was written.
      --html FILE    where to write the report (replaced if it exists)
      --rules DIR    rulesets from DIR instead of the shipped ones

    """

  static func run(_ words: [String], _ terminal: Terminal) throws -> Int32 {
    let arguments = try Arguments(words, valued: ["html", "rules"])
    try arguments.expectPositionals(1)
    let path = try arguments.positional(0, "JOURNAL")
    let output = try arguments.required("html")
    guard !output.isEmpty else { throw UsageError("--html needs a file name") }
    // A slip of the keyboard must not replace the journal (or its head) with a report.
    let resolved = { (file: String) in URL(fileURLWithPath: file).resolvingSymlinksInPath().path }
    guard resolved(output) != resolved(path),
      resolved(output) != resolved(JournalHead.path(forJournal: path))
    else { throw UsageError("--html \(output) is the journal or its head; name another file") }
    let library = try RulesOption.library(arguments)
    let (end, state) = try CutOptions.state(
      path, arguments, terminal, command: name, checkpointRules: library)
    let bytes = try HTMLReportFile.write(journal: path, scan: end.scan, state: state, library: library, to: output)
    terminal.out("wrote the report to \(output) (\(bytes) bytes; chain head line \(end.scan.lineCount))")
    return 0
  }
}

/// The HTML report of a journal, for `claims report` and for any command (the demo) that has a
/// snapshot and its replayed state at hand.
public enum HTMLReportFile {
  /// The report's text. `state` must be the fold of the journal's complete prefix that `scan`
  /// describes.
  public static func render(journal path: String, scan: JournalScan, state: LedgerState, library: RuleLibrary = .shipped)
    throws -> String
  {
    let history = LedgerHistory(state: state)
    let entitlements = EntitlementEngine(library: library).entitlements(
      of: state.allClassFacts, wages: state.minimumWages)
    let today = (state.lastRecorded ?? scan.lastRecorded!).chinaDate
    let name = path.split(separator: "/").last.map(String.init) ?? path
    return HTMLReport(
      journalName: name, headSeq: scan.lineCount, headSHA256: scan.lastHash.hex,
      state: state, history: history, entitlements: entitlements,
      findings: state.findings(library: library, today: today, entitlements: entitlements)
    ).render()
  }

  /// The same, for a snapshot and its replayed state (the demo has them at hand).
  public static func render(snapshot: JournalSnapshot, state: LedgerState, library: RuleLibrary = .shipped) throws
    -> String
  {
    try render(journal: snapshot.path, scan: snapshot.scan, state: state, library: library)
  }

  /// Writes the report to `path` (atomically, replacing any file there); returns its size in bytes.
  @discardableResult
  public static func write(
    journal: String, scan: JournalScan, state: LedgerState, library: RuleLibrary = .shipped, to path: String
  ) throws -> Int {
    let bytes = Array(try render(journal: journal, scan: scan, state: state, library: library).utf8)
    try FilePaths.replaceAtomically(path, with: bytes)
    return bytes.count
  }
}
