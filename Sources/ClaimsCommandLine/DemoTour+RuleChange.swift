import ClaimsDomain
import ClaimsLedger
import ClaimsReports
import ClaimsRules

/// Part 7 of the tour, what a rule change would do, and the commands to try next.
extension DemoTour {
  func ruleChange() throws {
    // Read the two folders just written, as `claims diff --rules … --with …` reads them.
    let baseline = try RulesOption.library(Arguments(["--rules", demo.rules], valued: ["rules"]))
    let changed = try RulesOption.library(
      Arguments(["--rules", demo.ruleChange], valued: ["rules"]))
    part(
      7, "A rule change, before anyone adopts it",
      """
      rules-change/ holds the shipped rulesets and one more, a hypothetical revision that no bureau
      published (rules-change/README.md says why it is there):
      """)
    for ruleset in changed.rulesets where baseline.ruleset(id: ruleset.id)?.sha256 != ruleset.sha256
    {
      terminal.out("  \(ruleset.id) (\(ruleset.region), from \(ruleset.from)): \(ruleset.document)")
      guard
        case .success(let before) = baseline.ruleset(forRegion: ruleset.region, on: ruleset.from)
      else { continue }
      for (old, new) in Self.changedStandards(before, ruleset) {
        let was = "\(old.hours) h \(old.amount.displayString) in \(before.id)"
        terminal.out("    \(Self.key(new)): \(was) → \(new.hours) h \(new.amount.displayString)")
      }
    }
    let impact = RuleChangeImpact(state: state, baseline: baseline, changed: changed)
    say(
      """
      The journal does not change: each approval recorded its amounts and its ruleset's SHA-256.
      Replaying the same facts under both folders shows whom the change reaches, and what would
      have to be paid (positive) or recovered (negative) against what was approved (claims diff):
      """)
    indented(Self.changeGroups(impact).render())
    var totals = TextTable(
      ["fund", "before", "after", "delta", "adjustment"], rightAligned: [1, 2, 3, 4])
    for total in impact.totals {
      totals.add([
        Display.fund(total.fund), total.old.displayString, total.new.displayString,
        total.delta.displayString,
        total.adjustment.displayString,
      ])
    }
    terminal.out("")
    indented(totals.render())
    let topUps = impact.changes.map(\.adjustment).filter { $0.fen > 0 }.reduce(Money.zero, +)
    let recoveries = impact.changes.map(\.adjustment).filter { $0.fen < 0 }.reduce(Money.zero, -)
    say(
      "Adopting it would mean \(topUps.displayString) of top-ups to pay and \(recoveries.displayString) to recover."
    )
  }

  /// Standards both rulesets publish for the same key, with other hours or amount.
  static func changedStandards(_ before: Ruleset, _ after: Ruleset) -> [(Standard, Standard)] {
    after.standards.compactMap { new in
      before.standards.first {
        key($0) == key(new) && ($0.hours != new.hours || $0.amount != new.amount)
      }
      .map { ($0, new) }
    }
  }

  static func key(_ standard: Standard) -> String {
    [standard.category.rawValue, standard.level?.rawValue, standard.klass, standard.item]
      .compactMap { $0 }.joined(separator: " ")
  }

  /// The changes grouped by class and by what changed: trainees, before, after, adjustment.
  static func changeGroups(_ impact: RuleChangeImpact) -> TextTable {
    func describe(_ e: Entitlement) -> String {
      "\(e.status.rawValue) \(Display.money(e.amount))"
        + (e.reasons.isEmpty ? "" : " \(e.reasons.joined(separator: ", "))")
    }
    var groups: [(key: [String], trainees: Int, adjustment: Money?)] = []
    for change in impact.changes {
      let key = [change.classID, describe(change.old), describe(change.new)]
      let adjustment = change.approved == nil ? nil : change.adjustment
      if let index = groups.firstIndex(where: { $0.key == key }) {
        groups[index].trainees += 1
        if let adjustment {
          groups[index].adjustment = (groups[index].adjustment ?? .zero) + adjustment
        }
      } else {
        groups.append((key, 1, adjustment))
      }
    }
    var table = TextTable(
      ["class", "trainees", "before", "after", "adjustment"], rightAligned: [1, 4])
    for group in groups {
      table.add([
        group.key[0], String(group.trainees), group.key[1], group.key[2],
        Display.money(group.adjustment),
      ])
    }
    return table
  }

  func nextCommands() {
    let journal = demo.journal
    let jinan = state.classes.values.filter { $0.approval.region == "jinan" }.map(
      \.approval.classID
    ).sorted().first
    let payment = auditedPayment().payment
    terminal.out("\nTry it yourself; the files stay in \(demo.folder):")
    for command in [
      "claims verify \(journal)",
      "claims balances \(journal) --by region --known-at 2024-06-30T16:00:00.000Z",
      jinan.map { "claims entitlements \(journal) --class \($0)" },
      "claims audit \(journal) \(payment)",
      "claims findings \(journal) --format json",
      "claims stats \(journal) --year 2024",
      "claims export \(journal) --format hledger > demo.hledger",
      "claims diff \(journal) --rules \(demo.rules) --with \(demo.ruleChange)",
      "claims rules --region liaocheng --on 2024-11-04 --rules \(demo.ruleChange)",
    ].compactMap({ $0 }) {
      terminal.out("  \(command)")
    }
  }
}
