import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsReports
import ClaimsRules

/// The walk through the demo journal: one numbered part per thing the ledger knows, each
/// introduced by what it shows and why, every figure computed from the journal just written.
/// The same journal gives the same text; only the folder's path differs from run to run.
struct DemoTour {
  let demo: DemoJournal
  let terminal: Terminal
  let snapshot: JournalSnapshot
  let state: LedgerState
  let entitlements: [Entitlement]

  init(_ demo: DemoJournal, _ terminal: Terminal) throws {
    self.demo = demo
    self.terminal = terminal
    snapshot = try JournalSnapshot.read(path: demo.journal)
    state = try Replay.state(of: snapshot)
    entitlements = EntitlementEngine(library: .shipped).entitlements(
      of: state.allClassFacts, wages: state.minimumWages)
  }

  func run() throws {
    introduction()
    verification()
    try contents()
    balances()
    entitlementSummary()
    try auditTrail()
    findings()
    try ruleChange()
    try htmlReport()
    nextCommands()
  }

  /// The HTML report (`claims report`) written into the demo folder, and where.
  func htmlReport() throws {
    let path = demo.folder + "/report.html"
    let size = try HTMLReportFile.write(journal: snapshot.path, scan: snapshot.scan, state: state, to: path)
    part(
      8, "The report for people who do not use a terminal",
      """
      One self-contained HTML file (no scripts, nothing fetched): fund balances month by month,
      payouts by category and fund, quarterly person-times (人次) against the plan targets, the
      findings, and the chain head to file with the monthly report. ID numbers are masked.
      """)
    terminal.out("  wrote \(path) (\(size) bytes); open it in a browser")
  }

  func introduction() {
    let regions = state.classes.values.map(\.approval.region)
    let liaocheng = regions.filter { $0.hasPrefix("liaocheng-") }
    terminal.out("ClaimsLedger demo")
    terminal.out("=================")
    let changchun = regions.filter { $0 == "changchun" }.count
    let jinan = regions.filter { $0 == "jinan" }.count
    say(
      """
      A made-up year (2024) of subsidised vocational training (补贴性职业技能培训), recorded event by
      event: \(liaocheng.count) classes in \(Set(liaocheng).count) Liaocheng counties under LC-2024, \(changchun) project class in Changchun
      under CC-2024, \(jinan) class in Jinan under JN-2023, and in November 2025 the yearly targets
      of LC-2025 (claims stats --year 2025). People, ID numbers and budgets are invented
      (Tools/demo-gen); the rules are the published ones (Journal/rules).
      """)
    terminal.out("\nFiles written to \(demo.folder):")
    terminal.out("  demo.journal, demo.journal.head   the journal and its head")
    terminal.out("  rules/                            the rulesets built into claims")
    terminal.out(
      "  rules-change/                     the same plus a hypothetical change (README.md)")
  }

  func verification() {
    part(
      1, "Is the journal intact?",
      """
      Each line carries the SHA-256 of the line before it, and demo.journal.head the SHA-256 of
      the last line, so a changed, removed or reordered line shows (Journal/FORMAT.md). Checked:
      """)
    let scan = snapshot.scan
    let head =
      scan.head == .matches ? "head matches" : "head: \(snapshot.warnings.joined(separator: "; "))"
    terminal.out("  \(scan.lineCount) lines, \(scan.completeLength) bytes: chain intact, \(head)")
    terminal.out("  chain head: line \(scan.lineCount) sha256 \(scan.lastHash.hex)")
    say(
      """
      Keep the chain head outside the ledger (a monthly report, an email to the auditor): a
      journal rewritten later will not match it.
      """)
  }

  func contents() throws {
    var counts: [EventType: Int] = [:]
    var first: CivilDate?
    var last: CivilDate?
    try snapshot.forEachLine { frame, bytes in
      let event = try JournalLine.decode(bytes, frame: frame).event
      counts[event.type, default: 0] += 1
      first = min(first ?? event.date, event.date)
      last = max(last ?? event.date, event.date)
    }
    part(
      2, "What the journal holds",
      """
      Each line is one event, appended by an actor whose role allows it: facts by clerks,
      decisions by reviewers, money by finance; auditors only read. Events dated \(first!) to \(last!):
      """)
    let types = EventType.allCases.filter { counts[$0] != nil }
    let half = (types.count + 1) / 2
    var table = TextTable(["event", "lines", "event", "lines"], rightAligned: [1, 3])
    for row in 0..<half {
      let right = row + half < types.count ? types[row + half] : nil
      table.add([
        types[row].rawValue, String(counts[types[row]]!), right?.rawValue ?? "",
        right.map { String(counts[$0]!) } ?? "",
      ])
    }
    indented(table.render())
  }

  func balances() {
    part(
      3, "Balances by fund (资金来源)",
      """
      Every money event posts double entry. Appropriated (拨付) is what finance received for a
      fund; committed (已核定), approved claims not yet paid; paid (已支付), payments less bank
      returns; recovered (已追回), money ordered back and received. Available (可用) is
      appropriated − committed − paid + recovered: an approval that would take it below zero is
      refused (以资金定人员). Regions added up:
      """)
    indented(BalancesReport.table(BalancesReport.rows(state.funds, byRegion: false)))
  }

  /// Prints `text` as it is: the explanations are written to fit 100 columns.
  func say(_ text: String) { terminal.out(text) }

  func part(_ number: Int, _ title: String, _ text: String) {
    terminal.out("\n\(number). \(title)")
    say(text)
  }

  /// Output of the tables, two spaces in.
  func indented(_ text: String) { terminal.writeOut(Self.indent(text)) }

  static func indent(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
  }
}
