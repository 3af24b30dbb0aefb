import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsReports
import ClaimsRules

/// `claims audit JOURNAL ID [--rules DIR]`
enum AuditCommand: Subcommand {
  static let name = "audit"
  static let summary = "the trail behind a payment, claim, trainee or class: lines, rules, arithmetic"
  static let help = """
    Usage: claims audit JOURNAL ID [--rules DIR]

    ID is a payment, claim, class or trainee (resident ID number). Prints each journal line that
    bears on it (seq, recorded, actor, event), what each approval decided and under which
    ruleset (id and SHA-256), and for each trainee and class concerned the entitlement the rules
    give today, with the clauses applied and the arithmetic.

    """

  static func run(_ words: [String], _ terminal: Terminal) throws -> Int32 {
    let arguments = try Arguments(words, valued: ["rules"])
    try arguments.expectPositionals(2)
    let path = try arguments.positional(0, "JOURNAL")
    let id = try arguments.positional(1, "ID")
    let library = try RulesOption.library(arguments)
    let (_, state) = try CutOptions.state(path, arguments, terminal, command: name, checkpointRules: library)
    guard let subject = AuditTrail.subject(id, in: state) else {
      terminal.err("claims audit: refused: \"\(id)\" is no payment, claim, class or trainee in \(path)")
      return 1
    }
    let trail = try AuditTrail(subject, state: state, journal: path)
    terminal.out("Audit trail of \(describe(subject)) — \(trail.lines.count) journal lines\n")
    var table = TextTable(["seq", "recorded (UTC)", "actor", "event"])
    for line in trail.lines {
      table.add([String(line.frame.seq), line.frame.recorded.description, line.event.actor, EventDescription.describe(line.event)])
    }
    terminal.writeOut(table.render())
    for line in trail.lines {
      guard case .claimApproved(let approval) = line.event.body, let decision = approval.decision else { continue }
      terminal.out("\nLine \(line.frame.seq) approved claim \(approval.claim): \(decision.total.displayString)")
      for entry in decision.lines {
        let reasons = entry.reasons.isEmpty ? "" : " (\(entry.reasons.joined(separator: ", ")))"
        terminal.out("  \(entry.trainee.masked)  \(entry.amount.displayString) from \(Display.fund(entry.fund))\(reasons) — \(entry.ruleset) sha256 \(entry.rulesetSHA256)")
      }
    }
    let facts = state.classFacts(forTrainees: Set(trail.pairs.map(\.trainee)))
    let entitlements = EntitlementEngine(library: library).entitlements(of: facts, wages: state.minimumWages)
    for pair in trail.pairs {
      guard let e = entitlements.first(where: { $0.trainee == pair.trainee && $0.classID == pair.classID }) else { continue }
      terminal.out("\nEntitlement of \(e.trainee.masked) in \(e.classID) under \(e.ruleset ?? "no ruleset") today: \(e.status.rawValue) \(Display.money(e.amount)) \(Display.fund(e.fund))")
      if !e.reasons.isEmpty { terminal.out("  reasons: \(e.reasons.joined(separator: ", "))") }
      terminal.out("  arithmetic: \(e.arithmetic)")
      for rule in e.rules { terminal.out("  rule: \(rule)") }
    }
    return 0
  }

  static func describe(_ subject: AuditTrail.Subject) -> String {
    switch subject {
    case .payment(let id): "payment \(id)"
    case .claim(let id): "claim \(id)"
    case .classID(let id): "class \(id)"
    case .trainee(let trainee): "trainee \(trainee.masked)"
    }
  }
}
