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
    for facts in classes { entitlements(of: facts, wages: wages, only: only, into: &all) }
    // In place: an entitlement is a large value, and copies of every one were most of the cost.
    CrossTrainingLimits(library: library).apply(to: &all)
    all.sort { ($0.classID, $0.trainee) < ($1.classID, $1.trainee) }
    return all
  }

  /// Whether the rules may read all of a class's trainees to judge one (a project's employment
  /// rate); elsewhere a trainee's entitlement reads only their own facts.
  public static func readsWholeClass(_ approval: ClassApproved) -> Bool { approval.category == .project }

  /// The entitlements of one class before the limits across trainings, added to `all` (a
  /// class's own array, copied in, cost as much as computing them).
  func entitlements(of facts: ClassFacts, wages: MinimumWages, only: Set<ResidentID>?, into all: inout [Entitlement]) {
    let approval = facts.approval
    let wanted = { (trainee: ResidentID) in only?.contains(trainee) ?? true }
    switch library.ruleset(forRegion: approval.region, on: approval.start) {
    case .failure(let refusal):
      for trainee in facts.trainees where wanted(trainee.enrolment.trainee) {
        var result = Entitlement.start(trainee, approval, ruleset: nil, explained: explains)
        result.settle(.unknown, amount: nil, reason: refusal.code, words: refusal.message)
        all.append(result)
      }
    case .success(let ruleset):
      if Self.readsWholeClass(approval), ruleset.parameters["project.rate_offline"] != nil {
        all += ProjectRules(ruleset: ruleset, facts: facts, wages: wages, explains: explains).entitlements(of: wanted)
        return
      }
      let rules = CatalogRules(ruleset: ruleset, approval: approval, explains: explains)
      // Field by field: a trainee's facts copied whole (a retain and a release of each of
      // their strings and lists) were a fifth of the cost.
      for place in facts.trainees.indices where wanted(facts.trainees[place].enrolment.trainee) {
        all.append(
          rules.entitlement(
            of: facts.trainees[place].enrolment.trainee, exam: facts.trainees[place].exam,
            uiBenefit: facts.trainees[place].enrolment.uiBenefit))
      }
    }
  }
}

extension Entitlement {
  /// A blank entitlement for a trainee of a class, to be settled by the rules.
  static func start(_ trainee: TraineeFacts, _ approval: ClassApproved, ruleset: Ruleset?, explained: Bool)
    -> Entitlement
  {
    start(trainee.enrolment.trainee, exam: trainee.exam, approval, ruleset: ruleset, explained: explained)
  }

  static func start(
    _ trainee: ResidentID, exam: ExamFact?, _ approval: ClassApproved, ruleset: Ruleset?, explained: Bool
  ) -> Entitlement {
    Entitlement(
      trainee: trainee, classID: approval.classID, status: .pending, amount: nil,
      fund: nil, reasons: [], rules: [], arithmetic: "", ruleset: ruleset?.id,
      rulesetSHA256: ruleset?.sha256, exam: exam, occupation: approval.occupation,
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
  mutating func routeFund(uiBenefit: Bool, _ funds: ClassFunds) {
    if uiBenefit {
      fund = funds.uiBenefit
      cite(funds.uiBenefitReference)
    } else {
      fund = funds.others
    }
  }
}

/// Where a class's trainees are paid from (`Entitlement.routeFund`), read from the ruleset's
/// parameters once for the class rather than once a trainee.
struct ClassFunds {
  let uiBenefit: Fund
  let uiBenefitReference: String?
  let others: Fund

  init(_ approval: ClassApproved, _ ruleset: Ruleset) {
    uiBenefit = Fund(rawValue: ruleset.parameters.string("funds.ui_benefit") ?? "") ?? .unemploymentInsurance
    uiBenefitReference = ruleset.parameters.reference("funds.ui_benefit")
    others = approval.funding ?? Fund(rawValue: ruleset.parameters.string("funds.default") ?? "") ?? .employmentSubsidy
  }
}
