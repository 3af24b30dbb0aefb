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
    // Each trainee's eligible trainings in order of exam: one sort of small keys, then a run per
    // trainee. The keys carry the limits of the training's ruleset, found in the pass in order
    // of `result` (most are under the ruleset of the one before); in the trainee's order an
    // entitlement is read only to weigh it against earlier ones — out of order, each read of
    // these large values was a cache miss.
    var rulesets: [(id: String, limits: Limits?)] = []
    var last = -1
    func number(ofRuleset id: String) -> Int {
      if last < 0 || rulesets[last].id != id {
        last = rulesets.firstIndex { $0.id == id } ?? rulesets.count
        if last == rulesets.count { rulesets.append((id, library.ruleset(id: id).map { Limits($0.parameters) })) }
      }
      return last
    }
    var trainings: [(trainee: ResidentID, date: CivilDate, seq: Int, index: Int, ruleset: Int)] = []
    for index in result.indices where result[index].status == .eligible {
      let exam = result[index].exam!
      trainings.append((result[index].trainee, exam.date, exam.seq, index, result[index].ruleset.map(number) ?? -1))
    }
    trainings.sort { ($0.trainee, $0.date, $0.seq) < ($1.trainee, $1.date, $1.seq) }
    // The earlier subsidised trainings of the trainee, by their places in `result`.
    var subsidised: [Int] = []
    for (position, training) in trainings.enumerated() {
      if position == 0 || trainings[position - 1].trainee != training.trainee { subsidised.removeAll(keepingCapacity: true) }
      let index = training.index
      let limits = training.ruleset < 0 ? nil : rulesets[training.ruleset].limits
      if let limits, let (reason, reference, words) = limit(index, limits, earlier: subsidised, in: result) {
        result[index].cite(reference)
        result[index].settle(.ineligible, amount: .zero, reason: reason, words: words)
      } else {
        subsidised.append(index)
      }
    }
  }

  /// The first limit `training` breaks, if any.
  func limit(_ index: Int, _ limits: Limits, earlier: [Int], in all: [Entitlement]) -> (String, String?, String)? {
    let parameters = limits.parameters
    // Nothing to weigh against (a first training): only a limit of none a year could refuse it.
    if earlier.isEmpty, limits.trainingsPerYearMax.map({ $0 > 0 }) ?? true { return nil }
    let training = all[index]
    let sameOccupation = earlier.lazy.map { all[$0] }.filter { $0.occupation == training.occupation }
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
      let sameYear = earlier.lazy.filter { all[$0].exam?.date.year == exam.date.year }
      if sameYear.count >= maximum {
        return (Reason.annualLimitExceeded, parameters.reference("limits.trainings_per_year_max"),
          "\(sameYear.count) trainings already subsidised in \(exam.date.year), at most \(maximum) a year")
      }
    }
    return nil
  }
}
