import ClaimsDomain
import ClaimsLedger
import ClaimsReports
import ClaimsRules

/// Part 4 of the tour: the entitlements, counted by status, with an example of each.
extension DemoTour {
  static let meanings: [(Entitlement.Status, String)] = [
    (.eligible, "the rules pay this amount from this fund"),
    (.ineligible, "a rule says no; the reason code says which"),
    (.pending, "a fact is still missing (an exam, an employment)"),
    (.unknown, "no standard is published to compute it"),
  ]

  func entitlementSummary() {
    part(
      4, "Entitlements: what each trainee is owed, and why",
      """
      For each trainee of each class, the ruleset in force on the class's first day decides.
      \(entitlements.count) enrolments (a trainee in a class) in \(state.classes.count) classes, under the shipped \
      rulesets:
      """)
    var table = TextTable(["status", "enrolments", "amount", "meaning"], rightAligned: [1, 2])
    for (status, meaning) in Self.meanings {
      let group = entitlements.filter { $0.status == status }
      let amount =
        status == .eligible
        ? group.reduce(Money.zero) { $0 + ($1.amount ?? .zero) }.displayString : "—"
      table.add([status.rawValue, String(group.count), amount, meaning])
    }
    indented(table.render())
    terminal.out("One of each (claims entitlements JOURNAL --trainee ID shows any trainee):")
    for example in examples() {
      let fund = example.fund.map { " from \(Display.fund($0))" } ?? ""
      let amount = example.amount.map { " \($0.displayString)" } ?? ""
      let reasons = example.reasons.isEmpty ? "" : " [\(example.reasons.joined(separator: ", "))]"
      let subject = "\(example.trainee.masked) in \(example.classID) (\(example.ruleset ?? "no ruleset"))"
      terminal.out(
        "- \(example.status.rawValue) \(subject):\(amount)\(fund)\(reasons); \(claimStatus(example))")
      terminal.out("    \(example.arithmetic)")
    }
  }

  /// An eligible and paid trainee under each ruleset that pays, an ineligible one for each
  /// reason, one pending, one unknown: the first of each in class and trainee order.
  func examples() -> [Entitlement] {
    var seen: Set<String> = []
    return entitlements.filter { e in
      let kind: String
      switch e.status {
      case .eligible:
        guard e.reasons.isEmpty, claimStatus(e).hasSuffix("and paid") else { return false }
        kind = "eligible " + (e.ruleset ?? "")
      case .ineligible: kind = "ineligible " + (e.reasons.first ?? "")
      case .pending, .unknown: kind = e.status.rawValue
      }
      return seen.insert(kind).inserted
    }.sorted { (rank($0), $0.classID, $0.trainee) < (rank($1), $1.classID, $1.trainee) }
  }

  func rank(_ e: Entitlement) -> Int { Self.meanings.firstIndex { $0.0 == e.status }! }

  /// Where the trainee's money stands: claimed or not, what the approval decided, paid or not.
  func claimStatus(_ e: Entitlement) -> String {
    let claims = state.claims.values.filter {
      $0.status != .rejected && $0.submission.classID == e.classID
        && $0.submission.trainees.contains(e.trainee)
    }
    guard let claim = claims.min(by: { $0.submission.claim < $1.submission.claim }) else {
      return "not claimed"
    }
    let id = claim.submission.claim
    guard claim.status == .approved, let money = state.claimMoney[id],
      let line = claim.decision?.lines.first(where: { $0.trainee == e.trainee })
    else { return "claimed on \(id), not yet decided" }
    guard line.amount.fen > 0 else { return "approved at ¥0.00 on \(id)" }
    let unpaid = Fund.allCases.reduce(Money.zero) { $0 + money.unpaid($1) }
    return unpaid.fen == 0
      ? "approved on \(id) and paid" : "approved on \(id), which has \(unpaid.displayString) unpaid"
  }
}
