import ClaimsDomain

/// Catalogue training (SPEC §7.1, LC-2024): the standard for the category and level, class or
/// item, paid on a passed exam when the class plans the standard's subsidy hours.
struct CatalogRules {
  let ruleset: Ruleset
  let approval: ClassApproved
  /// The class's standard and the words that say why, looked up once for all its trainees.
  let standard: (Standard, String)?
  let funds: ClassFunds
  let explains: Bool

  init(ruleset: Ruleset, approval: ClassApproved, explains: Bool) {
    (self.ruleset, self.approval, self.explains) = (ruleset, approval, explains)
    standard = Self.standard(ruleset, approval)
    funds = ClassFunds(approval, ruleset)
  }

  /// A trainee's entitlement, from the facts these rules read: their exam and whether they
  /// receive UI benefits (passed alone, they are copied without a retain of the rest).
  func entitlement(of trainee: ResidentID, exam: ExamFact?, uiBenefit: Bool) -> Entitlement {
    var result = Entitlement.start(trainee, exam: exam, approval, ruleset: ruleset, explained: explains)
    guard let (standard, basis) = standard else {
      result.settle(
        .unknown, amount: nil, reason: Reason.noStandardInForce,
        words: "\(ruleset.id) publishes no subsidy standard for this class")
      result.cite(ruleset.parameters.reference("standards.published"))
      return result
    }
    result.cite(standard.reference)
    result.note(basis)
    guard let exam else {
      result.settle(.pending, amount: nil, reason: Reason.examNotRecorded, words: "no exam recorded yet")
      return result
    }
    guard exam.passed else {
      result.settle(.ineligible, amount: .zero, reason: Reason.examFailed, words: "exam on \(exam.date) not passed")
      return result
    }
    guard approval.hoursTotal >= standard.hours else {
      result.cite(ruleset.parameters.reference("standards.min_hours_are_subsidy_hours"))
      result.settle(
        .ineligible, amount: .zero, reason: Reason.hoursBelowStandard,
        words: "class plans \(approval.hoursTotal) h, below the \(standard.hours) subsidy hours")
      return result
    }
    result.routeFund(uiBenefit: uiBenefit, funds)
    let fund = result.fund!
    result.settle(
      .eligible, amount: standard.amount,
      words: "exam passed on \(exam.date); class plans \(approval.hoursTotal) h ≥ \(standard.hours) h; "
        + "pays \(standard.amount.displayString) from \(fund.rawValue)")
    return result
  }

  /// The standard that applies, and the words that say why.
  static func standard(_ ruleset: Ruleset, _ approval: ClassApproved) -> (Standard, String)? {
    let row = ruleset.catalogRow(approval.category, occupation: approval.occupation)
    let standards = ruleset.standards.filter { $0.category == approval.category }
    switch approval.category {
    case .green, .urgent, .manufacturing:
      let completionCategories = ruleset.parameters.strings("standards.completion_categories") ?? []
      let completionLevel = ruleset.parameters.string("standards.completion_level").flatMap(SkillLevel.init)
      if approval.assessment == .completion, completionCategories.contains(approval.category.rawValue),
        let completionLevel, let found = standards.first(where: { $0.level == completionLevel })
      {
        return (found, "completion assessment pays the \(completionLevel.rawValue) standard "
          + "\(found.amount.displayString) (\(ruleset.parameters.reference("standards.completion_level") ?? ""))")
      }
      guard let level = approval.level, let found = standards.first(where: { $0.level == level }) else {
        return nil
      }
      return (found, "\(approval.category.rawValue) \(level.rawValue) standard \(found.amount.displayString)")
    case .specialAbility:
      guard let klass = row?.klass, let found = standards.first(where: { $0.klass == klass }) else { return nil }
      return (found, "special ability, \(klass): standard \(found.amount.displayString)")
    case .featured, .entrepreneurship:
      guard let name = row?.name, let found = standards.first(where: { $0.item == name }) else { return nil }
      return (found, "\(name): standard \(found.amount.displayString)")
    case .general, .project:
      return nil
    }
  }
}
