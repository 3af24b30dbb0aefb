import ClaimsDomain

/// Project-based training (SPEC §7.2, CC-2024): paid by the hour up to the occupation's cap, in
/// full to the employed, as a cost subsidy to the rest, and to nobody unless enough of the class
/// found work.
struct ProjectRules {
  let ruleset: Ruleset
  let facts: ClassFacts
  let wages: MinimumWages
  /// The class's full amount and the words for it: one catalogue search for all its trainees.
  let full: (Money, String)?
  let explains: Bool

  init(ruleset: Ruleset, facts: ClassFacts, wages: MinimumWages, explains: Bool) {
    (self.ruleset, self.facts, self.wages, self.explains) = (ruleset, facts, wages, explains)
    full = Self.fullAmount(ruleset, facts.approval)
  }

  var approval: ClassApproved { facts.approval }
  var parameters: Parameters { ruleset.parameters }

  /// How one employment record counts toward "employed".
  enum Employment {
    case qualifies(EmploymentRecorded)
    case belowMinimum
    case wageNotSet
    case notCounted
  }

  enum Gate { case open, closed, waitingOnWage }

  /// The entitlements of the trainees `wanted` picks, judged on the whole class's employment.
  func entitlements(of wanted: (ResidentID) -> Bool = { _ in true }) -> [Entitlement] {
    let statuses = facts.trainees.map(employment)
    let gate = self.gate(statuses)
    return zip(facts.trainees, statuses).filter { wanted($0.0.enrolment.trainee) }
      .map { entitlement(of: $0, employment: $1, gate: gate) }
  }

  /// The trainee's best employment record: qualifying, else waiting on a wage, else below it.
  func employment(_ trainee: TraineeFacts) -> Employment {
    var best = Employment.notCounted
    for record in trainee.employments {
      if parameters.flag("project.contract_after_start"), record.contractStart < approval.start { continue }
      if parameters.flag("project.social_insurance_required"), !record.socialInsurance { continue }
      guard let wage = wages.inForce(region: approval.region, on: record.contractStart) else {
        best = .wageNotSet
        continue
      }
      if record.monthlyWage >= wage.amount { return .qualifies(record) }
      if case .notCounted = best { best = .belowMinimum }
    }
    return best
  }

  /// The 70 % gate on the facts so far: open, closed, or closed only until a minimum wage is set.
  func gate(_ statuses: [Employment]) -> Gate {
    let ratio = parameters.ratio("project.min_employment_ratio") ?? Ratio(7, 10)
    let demand = approval.demand ?? 0
    let employed = statuses.filter { if case .qualifies = $0 { true } else { false } }.count
    let waiting = statuses.filter { if case .wageNotSet = $0 { true } else { false } }.count
    if ratio.isReached(by: employed, of: demand) { return .open }
    return ratio.isReached(by: employed + waiting, of: demand) ? .waitingOnWage : .closed
  }

  /// The full amount: rate × counted hours, capped by the occupation's class.
  static func fullAmount(_ ruleset: Ruleset, _ approval: ClassApproved) -> (Money, String)? {
    let parameters = ruleset.parameters
    guard let row = ruleset.catalogRow(.project, occupation: approval.occupation),
      let klass = row.klass, let cap = parameters.intMap("project.hours_cap")?[klass],
      let offlineRate = parameters.money("project.rate_offline"),
      let onlineRate = parameters.money("project.rate_online")
    else { return nil }
    let offlineFirst = parameters.flag("project.offline_first")
    let first = min(offlineFirst ? approval.hoursOffline : approval.hoursOnline, cap)
    let second = min(offlineFirst ? approval.hoursOnline : approval.hoursOffline, cap - first)
    let (offline, online) = offlineFirst ? (first, second) : (second, first)
    let amount = Money(fen: offlineRate.fen * Int64(offline) + onlineRate.fen * Int64(online))
    let words = "class \(klass) caps subsidised hours at \(cap); \(offline) offline h × "
      + "\(offlineRate.displayString) + \(online) online h × \(onlineRate.displayString) = \(amount.displayString)"
    return (amount, words)
  }

  func entitlement(of trainee: TraineeFacts, employment: Employment, gate: Gate) -> Entitlement {
    var result = Entitlement.start(trainee, approval, ruleset: ruleset, explained: explains)
    result.fund = Fund(rawValue: parameters.string("project.fund") ?? "") ?? .skillsUpgradeAccount
    result.cite(parameters.reference("project.fund"))
    guard let (full, words) = full else {
      result.settle(.unknown, amount: nil, reason: Reason.noStandardInForce,
        words: "\(approval.occupation) is not in \(ruleset.id)'s project catalogue with a class")
      return result
    }
    result.cite(parameters.reference("project.hours_cap"))
    result.cite(parameters.reference("project.rate_offline"))
    result.note(words)
    if parameters.flag("project.approval_before_start"), facts.approvedOn > approval.start {
      result.cite(parameters.reference("project.approval_before_start"))
      return refused(result, Reason.classNotApprovedBeforeStart,
        "class approved on \(facts.approvedOn), after its start \(approval.start)")
    }
    let eligible = Set(parameters.strings("project.eligible_person_categories") ?? [])
    if !trainee.enrolment.categories.contains(where: { eligible.contains($0.rawValue) }) {
      result.cite(parameters.reference("project.eligible_person_categories"))
      return refused(result, Reason.personCategoryNotEligible, "trainee is in none of the eligible person categories")
    }
    guard let exam = trainee.exam else {
      result.settle(.pending, amount: nil, reason: Reason.examNotRecorded, words: "no exam recorded yet")
      return result
    }
    guard exam.passed else { return refused(result, Reason.examFailed, "exam on \(exam.date) not passed") }
    let total = approval.hoursTotal
    let attended = min(trainee.attendedHours, total)
    let minimum = parameters.ratio("project.min_attendance") ?? Ratio(70, 100)
    result.cite(parameters.reference("project.min_attendance"))
    guard minimum.isReached(by: attended, of: total) else {
      return refused(result, Reason.attendanceBelowMinimum,
        "attended \(attended) of \(total) h, below \(minimum)")
    }
    result.cite(parameters.reference("project.min_employment_ratio"))
    switch gate {
    case .closed:
      return refused(result, Reason.projectEmploymentBelow70pct,
        "fewer than \(parameters.ratio("project.min_employment_ratio") ?? Ratio(7, 10)) of the demand of \(approval.demand ?? 0) employed")
    case .waitingOnWage:
      result.settle(.pending, amount: nil, reason: Reason.minimumWageNotSet,
        words: "employment that could open the 70 % gate waits on a minimum wage for \(approval.region)")
      return result
    case .open:
      break
    }
    return paid(result, trainee: trainee, employment: employment, full: full, attended: attended, total: total)
  }

  func paid(_ start: Entitlement, trainee: TraineeFacts, employment: Employment, full: Money, attended: Int, total: Int)
    -> Entitlement
  {
    var result = start
    switch employment {
    case .qualifies(let record):
      result.settle(.eligible, amount: full, words: "employed by \(record.employer) from \(record.contractStart) and passed: full amount \(full.displayString)")
      flagLateClaim(&result, trainee: trainee, contractStart: record.contractStart)
      return result
    case .wageNotSet:
      result.settle(.pending, amount: nil, reason: Reason.minimumWageNotSet,
        words: "the trainee's employment waits on a minimum wage for \(approval.region)")
      return result
    case .belowMinimum, .notCounted:
      if case .belowMinimum = employment { result.reasons.append(Reason.wageBelowMinimum) }
      result.reasons.append(Reason.notEmployed)
      let share = parameters.ratio("project.cost_share") ?? Ratio(60, 100)
      let fullAttendance = parameters.ratio("project.full_attendance") ?? Ratio(90, 100)
      result.cite(parameters.reference("project.cost_share"))
      if fullAttendance.isReached(by: attended, of: total) {
        let amount = Money(fen: Self.halfUp(full.fen * Int64(share.numerator), Int64(share.denominator)))
        result.settle(.eligible, amount: amount,
          words: "passed, not employed, attended \(attended)/\(total) h ≥ \(fullAttendance): \(share) × \(full.displayString) = \(amount.displayString)")
      } else {
        result.cite(parameters.reference("project.cost_share_between"))
        let amount = Money(fen: Self.halfUp(
          full.fen * Int64(share.numerator) * Int64(attended), Int64(share.denominator) * Int64(total)))
        result.settle(.eligible, amount: amount,
          words: "passed, not employed, attended \(attended)/\(total) h: \(share) × \(attended)/\(total) × \(full.displayString) = \(amount.displayString) (half-up to the fen)")
      }
      return result
    }
  }

  /// SPEC §7.2 (6): a claim more than N working days after the contract start is a finding; the
  /// amount stands.
  func flagLateClaim(_ result: inout Entitlement, trainee: TraineeFacts, contractStart: CivilDate) {
    guard let submitted = trainee.claimSubmittedOn,
      let deadline = parameters.int("project.claim_deadline_working_days")
    else { return }
    let days = WorkingDays.between(contractStart, submitted)
    if days > deadline {
      result.reasons.append(Reason.claimLate)
      result.cite(parameters.reference("project.claim_deadline_working_days"))
      result.note("claim submitted \(days) working days after the contract start (more than \(deadline))")
    }
  }

  func refused(_ start: Entitlement, _ reason: String, _ words: String) -> Entitlement {
    var result = start
    result.settle(.ineligible, amount: .zero, reason: reason, words: words)
    return result
  }

  /// `numerator / denominator` rounded half-up to a whole fen (both positive).
  static func halfUp(_ numerator: Int64, _ denominator: Int64) -> Int64 {
    (2 * numerator + denominator) / (2 * denominator)
  }
}

/// Working days are Monday to Friday (SPEC §9: the seeds publish no holiday calendar).
public enum WorkingDays {
  /// Working days after `start` up to and including `end`; 0 when `end` is not after `start`.
  public static func between(_ start: CivilDate, _ end: CivilDate) -> Int {
    guard end > start else { return 0 }
    var count = 0
    var day = start.adding(days: 1)
    while day <= end {
      if day.isoWeekday <= 5 { count += 1 }
      day = day.adding(days: 1)
    }
    return count
  }
}
