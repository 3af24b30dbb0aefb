import ClaimsDomain

/// A class from approval to exams: enrolments, a day of attendance per trainee per class day,
/// exams and resits, and for project classes the trainees' jobs.
extension WorkloadYear {
  static let personCategories = [
    #"["registered-unemployed"]"#, #"["rural-migrant"]"#, #"["rural-migrant"]"#, #"["graduate"]"#,
    #"["hard-to-employ","registered-unemployed"]"#, #"["school-leaver"]"#,
    #"["poverty-monitored"]"#,
    #"["veteran"]"#, #"["employed-worker"]"#,
  ]

  func approveClass(_ index: Int) {
    let planned = classes[index]
    var fields =
      #""class":"\#(planned.id)","institution":"\#(planned.institution)","region":"\#(planned.placeInfo.region)","category":"\#(planned.category)","occupation":\#(quoted(planned.occupation))"#
    if let level = planned.level { fields += #","level":"\#(level)""# }
    fields +=
      #","assessment":"\#(planned.assessment)","start":"\#(planned.start)","end":"\#(planned.end)","hours_offline":\#(planned.hours - planned.hoursOnline),"hours_online":\#(planned.hoursOnline),"theory_hours":\#(planned.theoryHours),"planned_size":\#(planned.plannedSize)"#
    if let funding = planned.funding { fields += #","funding":"\#(funding.rawValue)""# }
    if let project = planned.project {
      fields += #","enterprise":"\#(project.enterprise)","demand":\#(project.demand)"#
    }
    classes[index].approvalEventID = record(
      "class.approved", "cls", pick(WorkloadStaff.reviewers), fields)
    if planned.withdrawn {
      // Too few sign up: the class is withdrawn the day before it would start.
      schedule(
        planned.start.adding(days: -1), .void(classes[index].approvalEventID, reason: "报名人数不足，取消开班")
      )
    } else {
      schedule(planned.start, .startClass(index))
    }
  }

  /// Enrols the class on its first day and records that day's attendance. One trainee in
  /// twelve has trained before (the cross-training limits judge them): someone whose last class
  /// started at least 45 days ago, or, one time in twenty, anyone (then the auditor may find
  /// them in two classes on one day).
  func startClass(_ index: Int) {
    let planned = classes[index]
    let day = today.daysSinceEpoch
    var people = Set<Int>()
    for _ in 0..<planned.size {
      var person = lastClassDay[planned.place].count
      if person > 0, chance(12) {
        let anyone = chance(20)
        let settled = anyone ? person : firstStartedBefore(day - 45, in: planned.place)
        if settled > 0 {
          let earlier = random.below(settled)
          if !people.contains(earlier), anyone || lastClassDay[planned.place][earlier] <= day - 45 {
            person = earlier
          }
        }
      }
      if person == lastClassDay[planned.place].count {
        lastClassDay[planned.place].append(day)
        firstClassDay[planned.place].append(day)
      } else {
        lastClassDay[planned.place][person] = day
      }
      people.insert(person)
      classes[index].trainees.append(person)
      classes[index].traineeIDs.append(
        WorkloadPeople.residentID(area: planned.placeInfo.area, number: person))
      classes[index].outcomes.append(outcome(planned.kind))
      classes[index].uiBenefit.append(
        planned.kind == .catalog ? chance(6) : planned.kind == .jinan && chance(8))
    }
    let clerk = pick(planned.placeInfo.clerks)
    for trainee in classes[index].trainees.indices {
      let categories =
        planned.kind == .project
        ? (chance(30) ? #"["employed-worker"]"# : Self.personCategories[random.below(7)])
        : Self.personCategories[random.below(Self.personCategories.count)]
      let person = classes[index].trainees[trainee]
      let id = record(
        "trainee.enrolled", "enr", clerk,
        #""trainee":"\#(classes[index].traineeIDs[trainee])","name":"\#(WorkloadPeople.name(person))","class":"\#(planned.id)","categories":\#(categories),"ui_benefit":\#(classes[index].uiBenefit[trainee])"#
      )
      if classes[index].outcomes[trainee] == .droppedOut {
        schedule(today.adding(days: 1), .void(id, reason: "学员退学"))
      }
    }
    trainingDay(index, 1)
  }

  /// How many of the place's people first trained before `day`: people are numbered in the
  /// order they first come, so a binary search over the days of their latest classes would not
  /// do; their first days are kept apart.
  func firstStartedBefore(_ day: Int, in place: Int) -> Int {
    let firsts = firstClassDay[place]
    var (low, high) = (0, firsts.count)
    while low < high {
      let middle = (low + high) / 2
      if firsts[middle] <= day { low = middle + 1 } else { high = middle }
    }
    return low
  }

  func outcome(_ kind: WorkloadClass.Kind) -> WorkloadClass.Outcome {
    if chance(kind == .project ? 100 : 70) { return .droppedOut }
    let draw = random.below(100)
    if kind == .project { return draw < 93 ? .passed : .failed }
    return draw < 88 ? .passed : draw < 92 ? .failed : draw < 98 ? .resitPassed : .resitFailed
  }

  /// Eight hours for each trainee present. Project trainees differ in how often they come:
  /// most nearly always, some often enough for the cost subsidy, a few too rarely.
  func trainingDay(_ index: Int, _ day: Int) {
    let planned = classes[index]
    let clerk = planned.placeInfo.clerks[day % planned.placeInfo.clerks.count]
    for trainee in planned.trainees.indices {
      if planned.outcomes[trainee] == .droppedOut && day > 1 { continue }
      let absentOneIn =
        planned.kind != .project ? 30 : trainee % 20 == 7 ? 2 : trainee % 7 == 3 ? 5 : 25
      if day > 1, chance(absentOneIn) { continue }
      let id = record(
        "attendance.recorded", "att", clerk,
        #""class":"\#(planned.id)","trainee":"\#(planned.traineeIDs[trainee])","hours":8"#)
      if chance(500) { schedule(today.adding(days: 1), .void(id, reason: "考勤录入错误")) }
    }
    if day < planned.days {
      schedule(today.adding(days: 1), .trainingDay(index, day: day + 1))
    } else {
      later(1, 4, .exams(index))
    }
  }

  func exams(_ index: Int) {
    let planned = classes[index]
    for trainee in planned.trainees.indices where planned.outcomes[trainee] != .droppedOut {
      exam(index, trainee, passed: planned.outcomes[trainee] == .passed)
    }
    if planned.outcomes.contains(where: { $0 == .resitPassed || $0 == .resitFailed }) {
      later(20, 30, .resits(index))
    }
    switch planned.kind {
    case .catalog: later(3, 8, .submitClaim(index, resits: false))
    case .jinan: break
    case .project:
      // Most who passed find a job within weeks; the claim comes when the contracts are in.
      for trainee in planned.trainees.indices where planned.outcomes[trainee] != .droppedOut {
        if chance(planned.outcomes[trainee] == .passed ? 7 : 2) { continue }
        later(8, 12, .employment(index, trainee: trainee))
      }
      later(13, 15, .submitClaim(index, resits: false))
    }
  }

  func resits(_ index: Int) {
    let planned = classes[index]
    for trainee in planned.trainees.indices {
      let outcome = planned.outcomes[trainee]
      if outcome == .resitPassed || outcome == .resitFailed {
        exam(index, trainee, passed: outcome == .resitPassed)
      }
    }
    if planned.kind == .catalog { later(3, 8, .submitClaim(index, resits: true)) }
  }

  func exam(_ index: Int, _ trainee: Int, passed: Bool) {
    let planned = classes[index]
    var fields =
      #""class":"\#(planned.id)","trainee":"\#(planned.traineeIDs[trainee])","passed":\#(passed),"certificate_type":"\#(planned.certificate)""#
    if passed {
      fields += #","certificate_no":"\#(nextID("C\(today.year)"))""#
      if let level = planned.level { fields += #","level":"\#(level)""# }
    }
    record("exam.recorded", "exm", pick(planned.placeInfo.clerks), fields)
  }

  /// A job found after a project class: the contract started in the last few days; one wage in
  /// thirty is below Changchun's minimum, one contract in fifty without social insurance.
  func employment(_ index: Int, _ trainee: Int) {
    let planned = classes[index]
    let wage = chance(30) ? "1700.00" : "\(2000 + 100 * random.below(26)).00"
    let employer = chance(3) ? pick(WorkloadPlanner.enterprises) : planned.project!.enterprise
    record(
      "employment.recorded", "emp", pick(planned.placeInfo.clerks),
      #""trainee":"\#(planned.traineeIDs[trainee])","employer":"\#(employer)","contract_start":"\#(today.adding(days: -random.below(3)))","contract_months":12,"monthly_wage":"\#(wage)","social_insurance":\#(!chance(50))"#
    )
  }
}
