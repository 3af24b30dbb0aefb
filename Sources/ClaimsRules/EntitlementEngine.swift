import ClaimsDomain

/// Computes entitlements (SPEC §7): per class under the ruleset in force at its start, then the
/// limits across a trainee's trainings. A pure function of the facts and the rulesets.
public struct EntitlementEngine: Sendable {
  public let library: RuleLibrary
  /// Whether the entitlements carry their clauses and arithmetic (`Entitlement.explained`).
  public let explains: Bool

  public init(library: RuleLibrary, explains: Bool = true) { (self.library, self.explains) = (library, explains) }

  /// Every enrolled trainee of every class, ordered by class then trainee; with `only`, the
  /// same entitlements for those trainees alone. The limits across trainings read one trainee's
  /// own classes, so `classes` must hold all of theirs; a class's other trainees are then judged
  /// only where a rule reads the whole class (a project's employment rate).
  public func entitlements(of classes: [ClassFacts], wages: MinimumWages, only: Set<ResidentID>? = nil)
    -> [Entitlement]
  {
    var all: [Entitlement] = []
    all.reserveCapacity(classes.reduce(0) { $0 + $1.trainees.count })
    for facts in classes { all += entitlements(of: facts, wages: wages, only: only) }
    // In place: an entitlement is a large value, and copies of every one were most of the cost.
    CrossTrainingLimits(library: library).apply(to: &all)
    all.sort { ($0.classID, $0.trainee) < ($1.classID, $1.trainee) }
    return all
  }

  /// Whether the rules may read all of a class's trainees to judge one (a project's employment
  /// rate); elsewhere a trainee's entitlement reads only their own facts.
  public static func readsWholeClass(_ approval: ClassApproved) -> Bool { approval.category == .project }

  /// The entitlements of one class before the limits across trainings.
  func entitlements(of facts: ClassFacts, wages: MinimumWages, only: Set<ResidentID>?) -> [Entitlement] {
    let approval = facts.approval
    let wanted = { (trainee: TraineeFacts) in only?.contains(trainee.enrolment.trainee) ?? true }
    switch library.ruleset(forRegion: approval.region, on: approval.start) {
    case .failure(let refusal):
      return facts.trainees.filter(wanted).map { trainee in
        var result = Entitlement.start(trainee, approval, ruleset: nil, explained: explains)
        result.settle(.unknown, amount: nil, reason: refusal.code, words: refusal.message)
        return result
      }
    case .success(let ruleset):
      if Self.readsWholeClass(approval), ruleset.parameters["project.rate_offline"] != nil {
        let whole = ProjectRules(ruleset: ruleset, facts: facts, wages: wages, explains: explains).entitlements()
        return only.map { only in whole.filter { only.contains($0.trainee) } } ?? whole
      }
      let rules = CatalogRules(ruleset: ruleset, approval: approval, explains: explains)
      guard only != nil else { return facts.trainees.map(rules.entitlement) }
      return facts.trainees.filter(wanted).map(rules.entitlement)
    }
  }
}

extension Entitlement {
  /// A blank entitlement for a trainee of a class, to be settled by the rules.
  static func start(_ trainee: TraineeFacts, _ approval: ClassApproved, ruleset: Ruleset?, explained: Bool)
    -> Entitlement
  {
    Entitlement(
      trainee: trainee.enrolment.trainee, classID: approval.classID, status: .pending, amount: nil,
      fund: nil, reasons: [], rules: [], arithmetic: "", ruleset: ruleset?.id,
      rulesetSHA256: ruleset?.sha256, exam: trainee.exam, occupation: approval.occupation,
      level: approval.level, explained: explained)
  }

  /// Sets the outcome, adding a reason code and words to the arithmetic.
  mutating func settle(_ status: Status, amount: Money?, reason: String? = nil, words: @autoclosure () -> String) {
    self.status = status
    self.amount = amount
    if let reason { reasons.append(reason) }
    note(words())
  }

  /// Adds words to the arithmetic; they are not even built when the entitlement is not explained.
  mutating func note(_ words: @autoclosure () -> String) {
    guard explained else { return }
    arithmetic += arithmetic.isEmpty ? words() : "; " + words()
  }

  mutating func cite(_ reference: @autoclosure () -> String?) {
    guard explained, let reference = reference(), !rules.contains(reference) else { return }
    rules.append(reference)
  }

  /// SPEC §7.4: a trainee receiving UI benefits is paid from unemployment insurance, anyone
  /// else from the class's funding (default: the employment subsidy fund).
  mutating func routeFund(_ trainee: TraineeFacts, _ approval: ClassApproved, _ ruleset: Ruleset) {
    if trainee.enrolment.uiBenefit {
      fund = Fund(rawValue: ruleset.parameters.string("funds.ui_benefit") ?? "") ?? .unemploymentInsurance
      cite(ruleset.parameters.reference("funds.ui_benefit"))
    } else {
      fund = approval.funding ?? Fund(rawValue: ruleset.parameters.string("funds.default") ?? "")
        ?? .employmentSubsidy
    }
  }
}
