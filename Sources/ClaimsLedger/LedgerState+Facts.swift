import ClaimsDomain
import ClaimsRules

extension LedgerState {
  /// The facts of the given classes (approved, not withdrawn) as the entitlement rules read
  /// them, classes and trainees in a fixed order so that output is deterministic.
  public func classFacts(_ classIDs: some Sequence<String>) -> [ClassFacts] {
    Set(classIDs).sorted().compactMap { classID in
      guard let record = classes[classID], classWindows[classID]?.withdrawn == false else { return nil }
      let trainees = (traineesOfClass[classID] ?? []).sorted().compactMap { trainee -> TraineeFacts? in
        let key = EnrolmentKey(classID: classID, trainee: trainee)
        guard let enrolment = enrolments[key] else { return nil }
        return TraineeFacts(
          enrolment: enrolment.enrolment, attendedHours: enrolment.attendedHours,
          exam: enrolment.latestExam, employments: employments[trainee, default: []].map(\.record),
          claimSubmittedOn: claimedEnrolments[key].flatMap { claims[$0]?.submittedOn })
      }
      return ClassFacts(approval: record.approval, approvedOn: record.approvedOn, trainees: trainees)
    }
  }

  /// Every class's facts.
  public var allClassFacts: [ClassFacts] { classFacts(classes.keys) }

  /// The facts that bear on the given trainees' entitlements: every class any of them attended
  /// (the limits look at a trainee's whole history).
  public func classFacts(forTrainees trainees: some Sequence<ResidentID>) -> [ClassFacts] {
    classFacts(trainees.flatMap { classesOfTrainee[$0] ?? [] })
  }
}
