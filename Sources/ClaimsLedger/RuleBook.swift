import ClaimsDomain
import ClaimsRules

/// The checks that need the rulesets (SPEC §6, §7): whether a class may be approved, and what a
/// claim's approval pays. The state machine asks; a rule book answers.
public protocol RuleBook: Sendable {
  /// A refusal when `approval` breaks a ruleset's catalogue or approval limits.
  func checkClassApproval(_ approval: ClassApproved, on date: CivilDate) -> Refusal?

  /// The approved lines for a claim, computed from the ledger's facts; nil when amounts are not
  /// decided by any ruleset.
  func decideApproval(of claim: String, in state: LedgerState, on date: CivilDate)
    -> Result<ApprovalDecision?, Refusal>
}

/// The structural checks of the state machine only: approves every class and decides no
/// amounts. Replay uses it for class approvals, which were judged at append under the rules then
/// in force; a rule change is shown by `diff`, never by refusing history.
public struct OpenRuleBook: RuleBook {
  public init() {}

  public func checkClassApproval(_ approval: ClassApproved, on date: CivilDate) -> Refusal? { nil }

  public func decideApproval(of claim: String, in state: LedgerState, on date: CivilDate)
    -> Result<ApprovalDecision?, Refusal>
  { .success(nil) }
}

/// The rule book of the rulesets: catalogues and approval limits for classes, the entitlement
/// engine for claims.
public struct RulesetBook: RuleBook {
  public let library: RuleLibrary

  public init(library: RuleLibrary = .shipped) { self.library = library }

  public func checkClassApproval(_ approval: ClassApproved, on date: CivilDate) -> Refusal? {
    library.checkClassApproval(approval)
  }

  /// Each trainee of the claim with the entitlement the rules give on the facts recorded so far;
  /// trainees with none are listed at 0 with their reasons.
  public func decideApproval(of claim: String, in state: LedgerState, on date: CivilDate)
    -> Result<ApprovalDecision?, Refusal>
  {
    guard let record = state.claims[claim] else { return .success(nil) }
    let submission = record.submission
    let trainees = Set(submission.trainees)
    let facts = state.classFacts(forTrainees: trainees, only: trainees)
    let entitlements = EntitlementEngine(library: library, explains: false).entitlements(
      of: facts, wages: state.minimumWages, only: trainees)
    let ofThisClass = Dictionary(
      entitlements.lazy.filter { $0.classID == submission.classID }.map { ($0.trainee, $0) },
      uniquingKeysWith: { first, _ in first })
    let defaultFund = state.classes[submission.classID]?.approval.funding ?? .employmentSubsidy
    var lines: [ApprovedLine] = []
    for trainee in submission.trainees {
      guard let entitlement = ofThisClass[trainee] else { continue }
      let paid = entitlement.status == .eligible
      lines.append(
        ApprovedLine(
          trainee: trainee, amount: paid ? entitlement.amount ?? .zero : .zero,
          fund: entitlement.fund ?? defaultFund, ruleset: entitlement.ruleset ?? "none",
          rulesetSHA256: entitlement.rulesetSHA256 ?? String(repeating: "0", count: 64),
          reasons: entitlement.reasons))
    }
    let total = lines.reduce(Money.zero) { $0 + $1.amount }
    return .success(ApprovalDecision(lines: lines, total: total))
  }
}
