import ClaimsDomain

/// The checks that need the rulesets (SPEC §6, §7): whether a class may be approved, and what a
/// claim's approval pays. The state machine asks; a rule book answers. With no rulesets loaded,
/// `OpenRuleBook` approves every class and decides no amounts.
public protocol RuleBook: Sendable {
  /// A refusal when `approval` breaks a ruleset's catalogue or approval limits.
  func checkClassApproval(_ approval: ClassApproved, on date: CivilDate) -> Refusal?

  /// The approved lines for a claim, computed from the ledger's facts; nil when amounts are not
  /// yet decided by any ruleset.
  func decideApproval(of claim: String, in state: LedgerState, on date: CivilDate)
    -> Result<ApprovalDecision?, Refusal>
}

/// The rule book before any ruleset is loaded: the structural checks of the state machine only.
public struct OpenRuleBook: RuleBook {
  public init() {}

  public func checkClassApproval(_ approval: ClassApproved, on date: CivilDate) -> Refusal? { nil }

  public func decideApproval(of claim: String, in state: LedgerState, on date: CivilDate)
    -> Result<ApprovalDecision?, Refusal>
  { .success(nil) }
}
