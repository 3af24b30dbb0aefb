import ClaimsDomain

/// The limits across a trainee's trainings (SPEC §7.3, LC-2019 (二十一), LC-2024 §五): applied in
/// order of exam date, ties by seq, by the ruleset of the training being judged, against every
/// earlier subsidised (eligible) training of the trainee in any region.
struct CrossTrainingLimits {
  let library: RuleLibrary

  /// One ruleset's limits, read from its parameters once per call of `apply` rather than once a
  /// training: a parameter is found by its name, and these are asked for every eligible one.
  struct Limits {
    let parameters: Parameters
    let sameOccupationLevelOnce: Bool
    let noLowerLevelAfterHigher: Bool
    let trainingsPerYearMax: Int?

    init(_ parameters: Parameters) {
      self.parameters = parameters
      sameOccupationLevelOnce = parameters.flag("limits.same_occupation_level_once")
      noLowerLevelAfterHigher = parameters.flag("limits.no_lower_level_after_higher")
      trainingsPerYearMax = parameters.int("limits.trainings_per_year_max")
    }
  }

  func apply(to result: inout [Entitlement]) {
    let byTrainee = Dictionary(grouping: result.indices.filter { result[$0].status == .eligible }) {
      result[$0].trainee
    }
    var limitsByRuleset: [String: Limits?] = [:]
    for (_, indices) in byTrainee {
      let ordered = indices.sorted {
        let a = result[$0].exam!, b = result[$1].exam!
        return (a.date, a.seq) < (b.date, b.seq)
      }
      var subsidised: [Entitlement] = []
      for index in ordered {
        let limits = result[index].ruleset.flatMap { id in
          if let known = limitsByRuleset[id] { return known }
          let limits = library.ruleset(id: id).map { Limits($0.parameters) }
          limitsByRuleset[id] = limits
          return limits
        }
        if let limits, let (reason, reference, words) = limit(result[index], limits, subsidised) {
          result[index].cite(reference)
          result[index].settle(.ineligible, amount: .zero, reason: reason, words: words)
        } else {
          subsidised.append(result[index])
        }
      }
    }
  }

  /// The first limit `training` breaks, if any.
  func limit(_ training: Entitlement, _ limits: Limits, _ earlier: [Entitlement])
    -> (String, String?, String)?
  {
    let parameters = limits.parameters
    let sameOccupation = earlier.filter { $0.occupation == training.occupation }
    if limits.sameOccupationLevelOnce, let first = sameOccupation.first(where: { $0.level == training.level }) {
      return (Reason.duplicateOccupationLevel, parameters.reference("limits.same_occupation_level_once"),
        "\(training.occupation) \(training.level?.rawValue ?? "") was already subsidised in class \(first.classID)")
    }
    if limits.noLowerLevelAfterHigher, let level = training.level,
      let higher = sameOccupation.first(where: { ($0.level.map { $0 > level }) ?? false })
    {
      return (Reason.lowerLevelAfterHigher, parameters.reference("limits.no_lower_level_after_higher"),
        "\(higher.level!.rawValue) \(training.occupation) was already subsidised in class \(higher.classID)")
    }
    if let maximum = limits.trainingsPerYearMax, let exam = training.exam {
      let sameYear = earlier.filter { $0.exam?.date.year == exam.date.year }
      if sameYear.count >= maximum {
        return (Reason.annualLimitExceeded, parameters.reference("limits.trainings_per_year_max"),
          "\(sameYear.count) trainings already subsidised in \(exam.date.year), at most \(maximum) a year")
      }
    }
    return nil
  }
}
