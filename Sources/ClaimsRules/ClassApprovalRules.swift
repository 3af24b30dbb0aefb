import ClaimsDomain

extension RuleLibrary {
  /// Whether a class may be approved (SPEC §5): a ruleset in force for its region and start, its
  /// occupation in that ruleset's catalogue for the category, and the ruleset's approval limits.
  public func checkClassApproval(_ approval: ClassApproved) -> Refusal? {
    let ruleset: Ruleset
    switch self.ruleset(forRegion: approval.region, on: approval.start) {
    case .failure(let refusal): return refusal
    case .success(let found): ruleset = found
    }
    guard ruleset.catalogRow(approval.category, occupation: approval.occupation) != nil
    else {
      return Refusal(
        "occupation-not-in-catalog",
        "\(approval.occupation) is not in \(ruleset.id)'s \(approval.category.rawValue) catalogue (\(ruleset.document))")
    }
    if [.green, .urgent, .manufacturing].contains(approval.category), approval.level == nil,
      approval.assessment == .evaluation
    {
      return Refusal(
        "level-required", "a \(approval.category.rawValue) class assessed by evaluation needs a level")
    }
    return approval.category == .project ? projectLimits(approval, ruleset.parameters) : nil
  }

  /// CC-2024's approval limits: demand, planned size against demand, hours, theory share.
  func projectLimits(_ approval: ClassApproved, _ p: Parameters) -> Refusal? {
    let demand = approval.demand ?? 0
    if let minimum = p.int("project.min_demand"), demand < minimum {
      return Refusal("project-demand-below-minimum",
        "demand \(demand) is below the minimum of \(minimum) (\(p.reference("project.min_demand") ?? ""))")
    }
    if let ratio = p.ratio("project.planned_size_max_of_demand"),
      approval.plannedSize * ratio.denominator > demand * ratio.numerator
    {
      return Refusal("planned-size-above-limit",
        "planned size \(approval.plannedSize) exceeds \(ratio) of the demand \(demand) (\(p.reference("project.planned_size_max_of_demand") ?? ""))")
    }
    if let minimum = p.int("project.min_hours"), approval.hoursTotal < minimum {
      return Refusal("hours-below-minimum",
        "\(approval.hoursTotal) class hours are below the minimum of \(minimum) (\(p.reference("project.min_hours") ?? ""))")
    }
    if let ratio = p.ratio("project.theory_max_share"),
      approval.theoryHours * ratio.denominator > approval.hoursTotal * ratio.numerator
    {
      return Refusal("theory-share-above-limit",
        "\(approval.theoryHours) theory hours exceed \(ratio) of \(approval.hoursTotal) (\(p.reference("project.theory_max_share") ?? ""))")
    }
    return nil
  }
}
