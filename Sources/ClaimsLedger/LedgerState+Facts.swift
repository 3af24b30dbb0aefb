import ClaimsDomain
import ClaimsRules

extension LedgerState {
  /// The facts of the given classes (approved, not withdrawn) as the entitlement rules read
  /// them, classes and trainees in a fixed order so that output is deterministic. With `only`,
  /// a class's other trainees are left out, except in the classes the rules read whole
  /// (`EntitlementEngine.readsWholeClass`).
  public func classFacts(_ classIDs: some Sequence<String>, only: Set<ResidentID>? = nil) -> [ClassFacts] {
    Set(classIDs).sorted().compactMap { classID in
      guard let record = classes[classID], classWindows[classID]?.withdrawn == false else { return nil }
      let everyone = only == nil || EntitlementEngine.readsWholeClass(record.approval)
      let trainees = enrolments.inTraineeOrder(of: classID) { trainee, enrolment -> TraineeFacts? in
        guard everyone || only?.contains(trainee) == true else { return nil }
        return TraineeFacts(
          enrolment: enrolment.enrolment, attendedHours: enrolment.attendedHours,
          exam: enrolment.latestExam, employments: employments[trainee, default: []].map(\.record),
          claimSubmittedOn: enrolment.claimSubmittedOn)
      }
      return ClassFacts(approval: record.approval, approvedOn: record.approvedOn, trainees: trainees)
    }
  }

  /// Every class's facts.
  public var allClassFacts: [ClassFacts] { classFacts(classes.keys) }

  /// The facts that bear on the given trainees' entitlements: every class any of them attended
  /// (the limits look at a trainee's whole history).
  public func classFacts(forTrainees trainees: some Sequence<ResidentID>, only: Set<ResidentID>? = nil) -> [ClassFacts] {
    classFacts(trainees.flatMap { classes(ofTrainee: $0) }, only: only)
  }

  /// Every trainee's entitlements, or those of `trainees` alone: the engine judges them on the
  /// facts of all their classes (`EntitlementEngine`'s `only`, as an approval does), which gives
  /// them what it gives them among everyone, at the cost of their classes only.
  public func entitlements(library: RuleLibrary, of trainees: Set<ResidentID>? = nil) -> [Entitlement] {
    let engine = EntitlementEngine(library: library)
    guard let trainees else { return engine.entitlements(of: allClassFacts, wages: minimumWages) }
    return engine.entitlements(of: classFacts(forTrainees: trainees, only: trainees), wages: minimumWages, only: trainees)
  }
}
