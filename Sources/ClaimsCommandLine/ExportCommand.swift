import ClaimsJournal
import ClaimsLedger
import ClaimsReports
import ClaimsRules

/// `claims export JOURNAL --format hledger|beancount|csv [--rules DIR]`
enum ExportCommand: Subcommand {
  static let name = "export"
  static let summary =
    "the postings for hledger, ledger-cli or Beancount; events and entitlements as CSV"
  static let help = """
    Usage: claims export JOURNAL --format hledger|beancount|csv [--rules DIR]

    Replays the whole journal, every line through the checks of an append, and writes to
    standard output:
      --format hledger    a journal that hledger and ledger-cli read (hledger -f FILE balance,
                          ledger -f FILE balance): one transaction per money event, dated by
                          its effective date, described by its type and id, with seq, recorded
                          time and actor in a comment; amounts in CNY; at the end a transaction
                          of zero amounts asserting every account's balance
      --format beancount  the same postings for Beancount (bean-check FILE): option
                          "operating_currency" "CNY", each account opened on its first day,
                          seq/recorded/actor/event as metadata, balance directives the day
                          after the last event
      --format csv        the events, then the entitlements, in one CSV (RFC 4180, resident IDs
                          whole); the first column, record, is event or entitlement; columns:
                          record,seq,recorded,type,id,date,actor,class,trainee,claim,payment,
                          recovery,fund,region,amount,bank_ref,status,reasons,ruleset,fields
                          (event: the subject columns it has, its other fields as JSON in
                          fields; entitlement: trainee, class, region, status, amount, fund,
                          reasons, ruleset, and rules and arithmetic as JSON in fields)
      --rules DIR         entitlements (csv) under the rulesets in DIR, not the shipped ones

    Accounts (F a fund code, R a region; Beancount writes F in CamelCase and R with a capital:
    Assets:Funds:EmploymentSubsidy:Available:Liaocheng). Each figure of claims balances
    --by region is one account's balance; the figure of a whole fund (claims balances) is that
    of the account without ":R", e.g. hledger balance --flat --depth 4 assets expenses, and
    --depth 3 equity (ledger the same, without --flat):
      appropriated = − equity:appropriations:F:R          (Equity:Appropriations:F:R)
      available    =   assets:funds:F:available:R         (Assets:Funds:F:Available:R)
      committed    =   assets:funds:F:committed:R         (Assets:Funds:F:Committed:R)
      paid         =   expenses:subsidies:F:paid:R        (Expenses:Subsidies:F:Paid:R)
      recovered    = − expenses:subsidies:F:recovered:R   (Expenses:Subsidies:F:Recovered:R)
    expenses:subsidies:F is what was paid out net of recoveries. Postings: appropriation
    available/appropriations; approval committed/available; payment paid/committed; bank return
    committed/paid; recovery receipt available/recovered. A recovery order posts nothing.

    """

  static func run(_ words: [String], _ terminal: Terminal) throws -> Int32 {
    let arguments = try Arguments(words, valued: ["format", "rules"])
    try arguments.expectPositionals(1)
    let path = try arguments.positional(0, "JOURNAL")
    let format = try arguments.required("format")
    guard ["hledger", "beancount", "csv"].contains(format) else {
      throw UsageError("--format must be one of hledger, beancount, csv, not \"\(format)\"")
    }
    let library = try RulesOption.library(arguments)
    if format != "csv" {
      // Only the money lines: streamed, the journal never held whole.
      let money = try PostingsReplay.moneyLines(ofJournal: path)
      for warning in money.end.warnings { terminal.err("claims \(name): warning: \(warning)") }
      terminal.writeOut(
        format == "hledger"
          ? HledgerExport.journal(money.lines, lineCount: money.lineCount)
          : BeancountExport.journal(money.lines, lineCount: money.lineCount))
      return 0
    }
    // Every event is a row: every line, decoded, streamed a second time after the whole
    // journal's state (from the checkpoint when it matches) is known; rows go out as they are
    // made. Lines a writer appends between the two reads are left out.
    let (end, state) = try CutOptions.state(path, arguments, terminal, command: name, checkpointRules: library)
    let entitlements = EntitlementEngine(library: library).entitlements(
      of: state.allClassFacts, wages: state.minimumWages)
    var file = EventsCSVExport.File(state: state)
    _ = try PostingsReplay.forEachLine(ofJournal: path) { line in
      guard line.seq <= end.scan.lineCount, let part = file.add(line) else { return }
      terminal.writeOut(part)
    }
    terminal.writeOut(file.finish(entitlements: entitlements))
    return 0
  }
}
