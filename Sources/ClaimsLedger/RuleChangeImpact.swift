import ClaimsDomain
import ClaimsRules

/// What a rule change does (SPEC §10 `diff`): every trainee and class whose entitlement changes,
/// and per fund the totals and the adjustments needed against what was already approved.
public struct RuleChangeImpact: Sendable {
  public struct Change: Equatable, Sendable {
    public var trainee: ResidentID
    public var classID: String
    public var fund: Fund?
    public var old: Entitlement
    public var new: Entitlement
    /// The amount approved for this trainee and class, if a claim was approved.
    public var approved: Money?
    /// To pay (positive) or recover (negative) against the approval.
    public var adjustment: Money {
      guard let approved else { return .zero }
      return (new.status == .eligible ? new.amount ?? .zero : .zero) - approved
    }
  }

  public struct Total: Equatable, Sendable {
    public var fund: Fund
    public var old = Money.zero
    public var new = Money.zero
    public var adjustment = Money.zero
    public var delta: Money { new - old }
  }

  public var changes: [Change]
  public var totals: [Total]

  public init(state: LedgerState, baseline: RuleLibrary, changed: RuleLibrary) {
    let facts = state.allClassFacts
    let before = EntitlementEngine(library: baseline).entitlements(of: facts, wages: state.minimumWages)
    let after = EntitlementEngine(library: changed).entitlements(of: facts, wages: state.minimumWages)
    var approved: [EnrolmentKey: Money] = [:]
    for claim in state.claims.values where claim.status == .approved {
      for line in claim.decision?.lines ?? [] {
        approved[EnrolmentKey(classID: claim.submission.classID, trainee: line.trainee), default: .zero] += line.amount
      }
    }
    var totals: [Fund: Total] = [:]
    var changes: [Change] = []
    // Both lists hold every enrolled trainee of every class, in the same order.
    for (old, new) in zip(before, after) {
      precondition(old.trainee == new.trainee && old.classID == new.classID, "entitlements align")
      let oldPaid = old.status == .eligible ? old.amount ?? .zero : .zero
      let newPaid = new.status == .eligible ? new.amount ?? .zero : .zero
      if let fund = old.fund, oldPaid.fen > 0 { totals[fund, default: Total(fund: fund)].old += oldPaid }
      if let fund = new.fund, newPaid.fen > 0 { totals[fund, default: Total(fund: fund)].new += newPaid }
      guard old.status != new.status || old.amount != new.amount || old.fund != new.fund else { continue }
      let change = Change(
        trainee: new.trainee, classID: new.classID, fund: new.fund ?? old.fund, old: old, new: new,
        approved: approved[EnrolmentKey(classID: new.classID, trainee: new.trainee)])
      if let fund = change.fund, change.approved != nil {
        totals[fund, default: Total(fund: fund)].adjustment += change.adjustment
      }
      changes.append(change)
    }
    self.changes = changes
    self.totals = totals.keys.sorted().map { totals[$0]! }
  }
}
