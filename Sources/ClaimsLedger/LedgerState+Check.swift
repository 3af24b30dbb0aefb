import ClaimsDomain

extension LedgerState {
  /// Whether `event` may follow the events folded so far: a flat ladder of the rules of SPEC §4
  /// and §5 in order of precedence. The same check runs on append and on replay.
  public func check(_ event: Event, rules: any RuleBook) -> Refusal? {
    if let refusal = checkActor(event) { return refusal }
    if let refusal = checkFacts(event, rules: rules) { return refusal }
    if let refusal = checkDateOrder(event) { return refusal }
    return checkMoney(event)
  }

  /// The references and states an event needs, type by type.
  func checkFacts(_ event: Event, rules: any RuleBook) -> Refusal? {
    switch event.body {
    case .journalOpened, .actorRegistered, .planSet, .minimumWagePublished, .fundAppropriated:
      return nil
    case .institutionRegistered(let e):
      return institutions[e.institution] == nil
        ? nil
        : Refusal("institution-exists", "institution \"\(e.institution)\" is already registered")
    case .classApproved(let e): return checkClassApproved(e, on: event.date, rules: rules)
    case .classRejected(let e): return checkClassRejected(e)
    case .traineeEnrolled(let e): return checkEnrolment(e)
    case .attendanceRecorded(let e): return checkAttendance(e, on: event.date)
    case .examRecorded(let e): return checkExam(e, on: event.date)
    case .employmentRecorded(let e):
      return rostersOfTrainee.contains(e.trainee)
        ? nil
        : Refusal("unknown-trainee", "trainee \(e.trainee.masked) was never enrolled in a class")
    case .claimSubmitted(let e): return checkClaimSubmitted(e)
    case .claimApproved(let e): return checkClaimDecision(e.claim, by: event.actor, approving: true)
    case .claimRejected(let e): return checkClaimDecision(e.claim, by: event.actor, approving: false)
    case .paymentMade(let e): return checkPayment(e, by: event.actor)
    case .paymentReturned(let e): return checkPaymentReturned(e)
    case .recoveryOrdered(let e): return checkRecoveryOrdered(e)
    case .recoveryReceived(let e): return checkRecoveryReceived(e)
    case .eventVoided(let e): return checkVoid(e)
    }
  }

  /// An approved class that has not been withdrawn: its dates. The per-event checks read the
  /// class's `window`, which copies no strings.
  func activeClass(_ id: String) -> Result<ClassWindow, Refusal> {
    guard let window = classWindows[id], !window.withdrawn else {
      let why = classWindows[id] != nil ? "was withdrawn" : rejectedClasses.contains(id) ? "was rejected" : "is not approved"
      return .failure(Refusal("class-not-approved", "class \"\(id)\" \(why)"))
    }
    return .success(window)
  }

  func checkClassApproved(_ e: ClassApproved, on date: CivilDate, rules: any RuleBook) -> Refusal? {
    guard classes[e.classID] == nil, !rejectedClasses.contains(e.classID) else {
      return Refusal("class-exists", "class \"\(e.classID)\" was already decided")
    }
    guard institutions[e.institution] != nil else {
      return Refusal("unknown-institution", "institution \"\(e.institution)\" is not registered")
    }
    return rules.checkClassApproval(e, on: date)
  }

  func checkClassRejected(_ e: ClassRejected) -> Refusal? {
    guard classes[e.classID] == nil, !rejectedClasses.contains(e.classID) else {
      return Refusal(
        "class-exists",
        "class \"\(e.classID)\" was already decided; withdraw an approved class with event.voided")
    }
    return nil
  }

  func checkEnrolment(_ e: TraineeEnrolled) -> Refusal? {
    if case .failure(let refusal) = activeClass(e.classID) { return refusal }
    guard enrolments.position(of: EnrolmentKey(classID: e.classID, trainee: e.trainee)) == nil else {
      return Refusal(
        "already-enrolled", "trainee \(e.trainee.masked) is already enrolled in class \"\(e.classID)\"")
    }
    return nil
  }

  func enrolled(_ classID: String, _ trainee: ResidentID) -> Result<ClassWindow, Refusal> {
    activeClass(classID).flatMap { record in
      enrolments.position(of: EnrolmentKey(classID: classID, trainee: trainee)) == nil
        ? .failure(notEnrolled(classID, trainee)) : .success(record)
    }
  }

  func notEnrolled(_ classID: String, _ trainee: ResidentID) -> Refusal {
    Refusal("not-enrolled", "trainee \(trainee.masked) is not enrolled in class \"\(classID)\"")
  }

  func checkAttendance(_ e: AttendanceRecorded, on date: CivilDate) -> Refusal? {
    switch enrolled(e.classID, e.trainee) {
    case .failure(let refusal): return refusal
    case .success(let window):
      guard window.start <= date, date <= window.end else {
        return Refusal(
          "outside-class-dates",
          "attendance on \(date) is outside class \"\(e.classID)\" (\(window.start) to \(window.end))")
      }
      return nil
    }
  }

  func checkExam(_ e: ExamRecorded, on date: CivilDate) -> Refusal? {
    switch enrolled(e.classID, e.trainee) {
    case .failure(let refusal): return refusal
    case .success(let window):
      guard date >= window.start else {
        return Refusal(
          "exam-before-class-start",
          "an exam on \(date) is before class \"\(e.classID)\" starts (\(window.start))")
      }
      return nil
    }
  }

  func checkClaimSubmitted(_ e: ClaimSubmitted) -> Refusal? {
    guard claims[e.claim] == nil else {
      return Refusal("claim-exists", "claim \"\(e.claim)\" was already submitted")
    }
    if case .failure(let refusal) = activeClass(e.classID) { return refusal }
    guard !e.trainees.isEmpty else {
      return Refusal("claim-without-trainees", "claim \"\(e.claim)\" lists no trainees")
    }
    guard e.claimant == .institution || e.trainees.count == 1 else {
      return Refusal(
        "individual-claim-one-trainee", "an individual claim is made by one trainee for themself")
    }
    var seen: Set<ResidentID> = []
    // The class is active (above): each trainee is looked for in its roster, found once.
    let roster = enrolments.roster(of: e.classID)
    for trainee in e.trainees {
      guard seen.insert(trainee).inserted else {
        return Refusal("duplicate-trainee-in-claim", "trainee \(trainee.masked) is listed twice")
      }
      guard let roster, let position = enrolments.position(in: roster, of: trainee) else {
        return notEnrolled(e.classID, trainee)
      }
      if let other = enrolments[position].claim {
        return Refusal(
          "trainee-already-claimed",
          "trainee \(trainee.masked) is already in claim \"\(other)\" for class \"\(e.classID)\"")
      }
    }
    return nil
  }

  func checkClaimDecision(_ claim: String, by actor: String, approving: Bool) -> Refusal? {
    guard let record = claims[claim] else {
      return Refusal("unknown-claim", "claim \"\(claim)\" was never submitted")
    }
    guard record.status == .open else {
      return Refusal("claim-not-open", "claim \"\(claim)\" was already \(record.status.rawValue)")
    }
    guard !approving || record.submittedBy != actor else {
      return Refusal(
        "four-eyes-submitter-approves",
        "actor \"\(actor)\" submitted claim \"\(claim)\" and may not approve it")
    }
    return nil
  }

  func approvedClaim(_ claim: String) -> Result<ClaimRecord, Refusal> {
    guard let record = claims[claim] else {
      return .failure(Refusal("unknown-claim", "claim \"\(claim)\" was never submitted"))
    }
    guard record.status == .approved else {
      return .failure(
        Refusal("claim-not-approved", "claim \"\(claim)\" is \(record.status.rawValue), not approved"))
    }
    return .success(record)
  }

  func checkPayment(_ e: PaymentMade, by actor: String) -> Refusal? {
    guard payments[e.payment] == nil else {
      return Refusal("payment-exists", "payment \"\(e.payment)\" was already made")
    }
    guard !bankRefs.contains(e.bankRef) else {
      return Refusal("bank-ref-used", "bank reference \"\(e.bankRef)\" is already on another payment")
    }
    switch approvedClaim(e.claim) {
    case .failure(let refusal): return refusal
    case .success(let record):
      guard record.approvedBy != actor else {
        return Refusal(
          "four-eyes-approver-pays", "actor \"\(actor)\" approved claim \"\(e.claim)\" and may not pay it")
      }
      return nil
    }
  }

  func checkPaymentReturned(_ e: PaymentReturned) -> Refusal? {
    guard let record = payments[e.payment] else {
      return Refusal("unknown-payment", "payment \"\(e.payment)\" was never made")
    }
    guard !record.returned else {
      return Refusal("payment-already-returned", "payment \"\(e.payment)\" was already returned")
    }
    return nil
  }

  func checkRecoveryOrdered(_ e: RecoveryOrdered) -> Refusal? {
    guard recoveries[e.recovery] == nil else {
      return Refusal("recovery-exists", "recovery \"\(e.recovery)\" was already ordered")
    }
    switch approvedClaim(e.claim) {
    case .failure(let refusal): return refusal
    case .success(let record):
      guard record.submission.trainees.contains(e.trainee) else {
        return Refusal(
          "trainee-not-on-claim", "trainee \(e.trainee.masked) is not on claim \"\(e.claim)\"")
      }
      return nil
    }
  }

  func checkRecoveryReceived(_ e: RecoveryReceived) -> Refusal? {
    guard let record = recoveries[e.recovery] else {
      return Refusal("unknown-recovery", "recovery \"\(e.recovery)\" was never ordered")
    }
    guard e.amount <= record.outstanding else {
      return Refusal(
        "recovery-exceeds-outstanding",
        "\(e.amount.displayString) is more than the \(record.outstanding.displayString) outstanding "
          + "on recovery \"\(e.recovery)\"")
    }
    return nil
  }

  func checkVoid(_ e: EventVoided) -> Refusal? {
    guard let target = events[e.target] else {
      return Refusal("unknown-event", "there is no event \"\(e.target)\" to void")
    }
    guard target.type.isVoidableFact else {
      return Refusal(
        "not-a-fact",
        "\(target.type.rawValue) \"\(e.target)\" is a decision or money event: reverse it, never void it")
    }
    guard !voided.contains(e.target) else {
      return Refusal("already-voided", "event \"\(e.target)\" was already voided")
    }
    if let classID = classesByApprovalEvent[e.target], let record = classes[classID],
      record.claimCount > 0
    {
      return Refusal(
        "class-has-claims", "class \"\(record.approval.classID)\" has claims and cannot be withdrawn")
    }
    if let key = enrolmentsBySeq[target.seq], let claim = enrolments[key]?.claim {
      return Refusal(
        "enrolment-claimed", "the enrolment is on claim \"\(claim)\"; reject or reverse the claim first")
    }
    return nil
  }
}
