import ClaimsDomain
import ClaimsRules

extension LedgerState {
  /// Folds an event that `check` accepted into the state. Never refuses: by now the event is in
  /// the journal (replay) or about to be (append).
  public mutating func apply(_ event: Event, seq: Int, recorded: Timestamp) {
    precondition(seq > lastSeq, "events are applied in journal order")
    lastSeq = seq
    lastRecorded = recorded
    span.include(date: event.date, recorded: recorded)
    var subject = 0
    // Money first: postings read the state as it was before this event.
    applyMoney(event, postings: postings(for: event))
    switch event.body {
    case .journalOpened(let e):
      admin = e.admin
      actors[e.admin] = ActorRecord(role: .admin, name: e.admin)
    case .actorRegistered(let e):
      actors[e.actorID] = ActorRecord(role: e.role, name: e.name)
    case .institutionRegistered(let e):
      institutions[e.institution] = e
    case .planSet(let e):
      plans.append(LedgerHistory.PlanRecord(plan: e, seq: seq, date: event.date))
    case .fundAppropriated:
      break
    case .minimumWagePublished(let e):
      minimumWages.publish(region: e.region, on: event.date, seq: seq, amount: e.amount, reference: e.reference)
    case .attendanceRecorded(let e):
      if let position = enrolments.position(of: EnrolmentKey(classID: e.classID, trainee: e.trainee)) {
        subject = attend(
          AttendanceFact(seq: seq, date: event.date, hours: e.hours), of: e.trainee, at: position,
          classDays: classWindows[e.classID]?.days ?? 1)
      }
    case .examRecorded(let e):
      if let position = enrolments.position(of: EnrolmentKey(classID: e.classID, trainee: e.trainee)) {
        enrolments[position].exams.append(ExamFact(date: event.date, seq: seq, passed: e.passed))
        subject = enrolments[position].seq
      }
    case .employmentRecorded(let e):
      employments[e.trainee, default: []].append(
        EmploymentFact(eventID: event.id, line: DatedLine(seq: seq, date: event.date), record: e))
      employmentSubjects[event.id] = e.trainee
      noteEmployment(e)
    case .classApproved(let e):
      classes[e.classID] = ClassRecord(approval: e, approvalEventID: event.id, approvalSeq: seq, approvedOn: event.date)
      classWindows[e.classID] = ClassWindow(start: e.start, end: e.end)
      classesByApprovalEvent[event.id] = e.classID
    case .classRejected(let e):
      rejectedClasses.insert(e.classID)
    case .traineeEnrolled(let e):
      let key = EnrolmentKey(classID: e.classID, trainee: e.trainee)
      enrolments[key] = EnrolmentRecord(eventID: event.id, seq: seq, enrolment: e, enrolledOn: event.date)
      enrolmentsBySeq.append(key, at: seq)
      noteEnrolment(of: e.trainee, in: enrolments.rosterNumber(for: e.classID))
    case .claimSubmitted(let e):
      claims[e.claim] = ClaimRecord(
        submission: e, submittedBy: event.actor, submittedOn: event.date, eventID: event.id, seq: seq)
      classes[e.classID]?.claimCount += 1
      mark(e.trainees, of: e.classID, claim: e.claim, submittedOn: event.date)
      noteClaim(e, seq: seq, on: event.date)
    case .claimApproved(let e):
      claims[e.claim]?.status = .approved
      claims[e.claim]?.approvedBy = event.actor
      claims[e.claim]?.decision = e.decision
      claims[e.claim]?.decidedOn = event.date
    case .claimRejected(let e):
      claims[e.claim]?.status = .rejected
      claims[e.claim]?.decidedOn = event.date
      if let record = claims[e.claim] {
        let submitted = DatedLine(seq: record.seq, date: record.submittedOn)
        let rejected = Taken(value: ClaimMark(claim: e.claim, line: submitted), by: DatedLine(seq: seq, date: event.date))
        let cleared = mark(record.submission.trainees, of: record.submission.classID, claim: nil, submittedOn: nil)
        // A rejection takes no fact: the trainees' days stay judged as they were.
        for key in cleared { history.record(key) { $0.claims.append(rejected) } }
      }
    case .paymentMade(let e):
      payments[e.payment] = PaymentRecord(payment: e, date: event.date, eventID: event.id, seq: seq)
      notePayment(payments[e.payment]!)
      bankRefs.insert(e.bankRef)
    case .paymentReturned(let e):
      payments[e.payment]?.returned = true
    case .recoveryOrdered(let e):
      recoveries[e.recovery] = RecoveryRecord(order: e, date: event.date, eventID: event.id, seq: seq)
    case .recoveryReceived(let e):
      recoveries[e.recovery]?.receipts.append(.init(eventID: event.id, seq: seq, date: event.date, amount: e.amount))
    case .eventVoided(let e):
      voided.insert(e.target)
      applyVoid(of: e.target, by: DatedLine(seq: seq, date: event.date))
    }
    events.insert(event.id, seq: seq, type: event.type, subject: subject)
  }

  /// Sets (or clears) the claim that holds these trainees' enrolments in a class; returns the
  /// enrolments it changed.
  @discardableResult
  private mutating func mark(_ trainees: [ResidentID], of classID: String, claim: String?, submittedOn: CivilDate?)
    -> [EnrolmentKey]
  {
    guard let roster = enrolments.roster(of: classID) else { return [] }
    return trainees.compactMap { trainee in
      guard let position = enrolments.position(in: roster, of: trainee) else { return nil }
      enrolments[position].mark(claim: claim, submittedOn: submittedOn)
      return EnrolmentKey(classID: classID, trainee: trainee)
    }
  }

  /// Withdraws a class, or takes an enrolment, an attendance, an exam or an employment record
  /// from the state; what it takes goes to `history` with the void's line.
  private mutating func applyVoid(of targetID: String, by line: DatedLine) {
    if let classID = classesByApprovalEvent[targetID] { classWindows[classID]?.withdrawnOn = line.date }
    let target = events[targetID]
    if let target, let key = enrolmentsBySeq[target.seq], let record = enrolments[key] {
      recordTaken(from: key) { $0.records.append(Taken(value: record, by: line)) }
      enrolments[key] = nil
    }
    if let target, let enrolmentSeq = events.subject(of: targetID), let key = enrolmentsBySeq[enrolmentSeq] {
      let record = enrolments[key]
      recordTaken(from: key) {
        $0.attendance += record?.attendance.filter { $0.seq == target.seq } ?? []
        $0.exams += record?.exams.filter { $0.seq == target.seq } ?? []
        $0.factVoids.append(Taken(value: target.seq, by: line))
      }
      enrolments[key]?.attendance.removeAll { $0.seq == target.seq }
      enrolments[key]?.exams.removeAll { $0.seq == target.seq }
    }
    if let trainee = employmentSubjects[targetID] {
      let taken = employments[trainee, default: []].filter { $0.eventID == targetID }
      history.employments[trainee, default: []] += taken.map { Taken(value: $0, by: line) }
      employments[trainee]?.removeAll { $0.eventID == targetID }
    }
  }
}
