import ClaimsDomain
import ClaimsLedger
import ClaimsReports
import ClaimsRules

/// `claims rebuild JOURNAL [--rules DIR]`: replays from line 1 and recomputes every projection.
enum RebuildCommand: Subcommand {
  static let name = "rebuild"
  static let summary = "replay the journal from line 1 and recompute every projection"
  static let help = """
    Usage: claims rebuild JOURNAL [--rules DIR]

    Verifies the chain, replays every line through the state machine (the checks an append
    runs), and recomputes balances, entitlements and findings under the rulesets (shipped, or
    DIR). Prints what it found; exit 1 names the first line the ledger would refuse.

    It ignores JOURNAL.checkpoint (the cache other commands start from), says whether that
    checkpoint agrees with the replay up to its line, and saves a fresh one.

    """

  static func run(_ words: [String], _ terminal: Terminal) throws -> Int32 {
    let arguments = try Arguments(words, valued: ["rules"])
    try arguments.expectPositionals(1)
    let path = try arguments.positional(0, "JOURNAL")
    let library = try RulesOption.library(arguments)
    let (end, state, verdict) = try Checkpoint.rebuild(path: path, library: library)
    ProcessEnd.keep(state)
    CutOptions.warn(end.warnings, terminal, command: name)
    // Counted by status, and handed to the findings, which word only the late claims': the
    // words of the rest would be thrown away.
    let entitlements = EntitlementEngine(library: library, explains: false)
      .entitlements(of: state.allClassFacts, wages: state.minimumWages)
    let today = end.scan.lastRecorded!.chinaDate
    let findings = state.findings(library: library, today: today, entitlements: entitlements)
    var byStatus: [Entitlement.Status: Int] = [:]
    for e in entitlements { byStatus[e.status, default: 0] += 1 }
    terminal.out("rebuilt \(path) from line 1 to \(end.scan.lineCount), chain head sha256 \(end.scan.lastHash.hex)")
    terminal.out(
      "\(state.actors.count) actors, \(state.institutions.count) institutions, \(state.classes.count) classes, "
        + "\(state.rostersOfTrainee.count) trainees, \(state.claims.count) claims, \(state.payments.count) payments, "
        + "\(state.recoveries.count) recoveries")
    let statuses = [Entitlement.Status.eligible, .ineligible, .pending, .unknown]
      .map { "\($0.rawValue) \(byStatus[$0] ?? 0)" }.joined(separator: ", ")
    terminal.out("entitlements: \(statuses)")
    terminal.out("findings: \(findings.count)")
    terminal.out("checkpoint: " + verdict)
    terminal.writeOut(BalancesReport.table(BalancesReport.rows(state.funds, byRegion: false)))
    return 0
  }
}
