import ClaimsDomain

/// The classes of the demo year, each from approval to payment, with what went wrong in them.
extension DemoYear {
  static func day(_ text: String) -> CivilDate { CivilDate(text)! }

  static let categories = [
    ["registered-unemployed"], ["rural-migrant"], ["rural-migrant"], ["graduate"],
    ["hard-to-employ", "registered-unemployed"], ["school-leaver"], ["veteran"],
    ["employed-worker"],
  ]

  /// Approves the class, enrols everyone on its first day, records each day's attendance (now
  /// and then someone misses a day, never those at `present`) and the exams; the trainees at
  /// `failing` fail.
  mutating func runClass(
    _ plan: ClassPlan, approvedOn: CivilDate, _ group: [Enrolee], failing: Set<Int>,
    examOn: CivilDate,
    present: Set<Int> = []
  ) -> (passed: [Enrolee], failed: [Enrolee]) {
    approveClass(plan, on: approvedOn)
    for enrolee in group { enrol(enrolee, in: plan) }
    let absent = group.indices.map { index in
      random.below(6) == 0 && !present.contains(index) ? 1 + random.below(plan.days - 1) : -1
    }
    for (index, day) in plan.trainingDays.enumerated() {
      for (trainee, enrolee) in group.enumerated() where absent[trainee] != index {
        attend(enrolee, plan, on: day)
      }
    }
    var passed: [Enrolee] = []
    var failed: [Enrolee] = []
    for (index, enrolee) in group.enumerated() {
      exam(enrolee, plan, on: examOn, passed: !failing.contains(index))
      if failing.contains(index) { failed.append(enrolee) } else { passed.append(enrolee) }
    }
    return (passed, failed)
  }

  /// CC-2024 project class: 120 hours (24 online) of a class-B occupation for an enterprise
  /// that asked for 12 workers. Most find work with a contract at or above the minimum wage; two
  /// contracts started early enough that the claim comes late; one wage is below the minimum;
  /// one trainee is an employed worker, a category the scheme does not pay for.
  mutating func changchunProjectClass() {
    let place = Self.changchun
    let plan = ClassPlan(
      id: "CC-2024-001", place: place, category: "project", occupation: "6-22-01-01", level: nil,
      assessment: "completion", start: Self.day("2024-04-15"), days: 15, theoryHours: 40,
      plannedSize: 14,
      certificate: "training-certificate", reviewer: "reviewer-wu",
      project: (enterprise: "长春恒达汽车部件有限公司", demand: 12, hoursOnline: 24))
    var group = enrolees(13, of: place, categories: Array(Self.categories.prefix(6)))
    group += enrolees(1, of: place, categories: [["employed-worker"]])
    approveClass(plan, on: Self.day("2024-04-08"))
    for enrolee in group { enrol(enrolee, in: plan) }
    for (index, day) in plan.trainingDays.enumerated() {
      // Trainee 12 misses three days: 96 of 120 hours.
      for (trainee, enrolee) in group.enumerated() where trainee != 12 || index % 4 != 3 {
        attend(enrolee, plan, on: day)
      }
    }
    for enrolee in group { exam(enrolee, plan, on: Self.day("2024-04-30"), passed: true) }
    let employers = ["长春恒达汽车部件有限公司", "长春市宏远汽车零部件有限公司"]
    for trainee in 0...11 {
      let early = trainee == 9 || trainee == 10
      let start = Self.day(early ? "2024-05-06" : "2024-05-13")
      let wage = trainee == 11 ? "1700" : String(2600 + 100 * random.below(11))
      employ(
        group[trainee], by: place.clerk, on: start.adding(days: 2),
        employer: employers[trainee < 7 ? 0 : 1],
        from: start, wage: wage)
    }
    let claim = "CL-CC-2024-001"
    submitClaim(claim, plan, group, on: Self.day("2024-05-17"))
    approveClaim(claim, on: Self.day("2024-05-27"), by: "reviewer-wu")
    // Paid in two tranches: part on account, the rest a month later.
    pay(
      claim, .skillsUpgradeAccount, "13000", to: place.institution, on: Self.day("2024-06-07"),
      by: "finance-liu")
    payInFull(claim, to: place.institution, on: Self.day("2024-07-05"), by: "finance-liu")
    // The contract ended in probation: the subsidy is ordered back, and only part comes in.
    orderRecovery(
      "REC-2024-001", claim, group[9], reason: "error", on: Self.day("2024-08-12"),
      by: "reviewer-wu")
    receiveRecovery("REC-2024-001", "1000", on: Self.day("2024-09-20"), by: "finance-liu")
  }

  /// JN-2023 class: Jinan publishes a catalogue but no amounts, so every entitlement is
  /// `unknown` and the school has nothing to claim yet.
  mutating func jinanClass() {
    let plan = ClassPlan(
      id: "JN-2024-001", place: Self.jinan, category: "general", occupation: "4-03-02-02",
      level: "junior",
      assessment: "evaluation", start: Self.day("2024-06-03"), days: 5, theoryHours: 10,
      plannedSize: 12,
      certificate: "skill-level")
    let group = enrolees(10, of: Self.jinan, categories: Self.categories)
    _ = runClass(
      plan, approvedOn: Self.day("2024-05-27"), group, failing: [4], examOn: Self.day("2024-06-12"))
  }
}
