import ClaimsDomain
import ClaimsRules

/// The facts the entitlement rules read: as they stand after the last line, or as of a date
/// (`--as-of`), as a replay of the lines dated on or before it would leave them, read from the
/// facts now and what voids and rejections took from them (`history`) — a date's answer
/// without a replay from line 1.
extension LedgerState {
  /// The facts of the given classes (approved, not withdrawn) as the entitlement rules read
  /// them, classes and trainees in a fixed order so that output is deterministic. With `only`,
  /// a class's other trainees are left out, except in the classes the rules read whole
  /// (`EntitlementEngine.readsWholeClass`).
  public func classFacts(_ classIDs: some Sequence<String>, only: Set<ResidentID>? = nil, asOf date: CivilDate? = nil)
    -> [ClassFacts]
  {
    Set(classIDs).sorted().compactMap { classID in
      guard let record = classes[classID], classStands(classID, asOf: date) else { return nil }
      let everyone = only == nil || EntitlementEngine.readsWholeClass(record.approval)
      func facts(_ trainee: ResidentID, _ enrolment: EnrolmentRecord) -> TraineeFacts? {
        guard everyone || only!.contains(trainee) else { return nil }
        return TraineeFacts(
          enrolment: enrolment.enrolment, attendedHours: enrolment.attendedHours, exam: enrolment.latestExam,
          employments: employmentFacts(of: trainee, asOf: date).map(\.record), claimSubmittedOn: enrolment.claimSubmittedOn)
      }
      // Now, read from the rosters in place; as of a date, each enrolment folded back to it.
      let trainees = date.map { enrolments(ofClass: classID, asOf: $0).compactMap(facts) }
        ?? enrolments.inTraineeOrder(of: classID, facts)
      return ClassFacts(approval: record.approval, approvedOn: record.approvedOn, trainees: trainees)
    }
  }

  /// Every class's facts.
  public var allClassFacts: [ClassFacts] { classFacts(classes.keys) }

  /// The facts that bear on the given trainees' entitlements: every class any of them attended
  /// (the limits look at a trainee's whole history).
  public func classFacts(
    forTrainees trainees: some Sequence<ResidentID>, only: Set<ResidentID>? = nil, asOf date: CivilDate? = nil
  ) -> [ClassFacts] {
    classFacts(trainees.flatMap { classes(ofTrainee: $0) }, only: only, asOf: date)
  }

  /// Every trainee's entitlements, or those of `trainees` alone: the engine judges them on the
  /// facts of all their classes (`EntitlementEngine`'s `only`, as an approval does), which gives
  /// them what it gives them among everyone, at the cost of their classes only. With a date,
  /// the entitlements as of that date.
  public func entitlements(library: RuleLibrary, of trainees: Set<ResidentID>? = nil, asOf date: CivilDate? = nil)
    -> [Entitlement]
  {
    let engine = EntitlementEngine(library: library)
    let wages = minimumWages(asOf: date)
    guard let trainees else { return engine.entitlements(of: classFacts(classes.keys, asOf: date), wages: wages) }
    return engine.entitlements(
      of: classFacts(forTrainees: trainees, only: trainees, asOf: date), wages: wages, only: trainees)
  }

  /// The trainees enrolled in a class, now or as of a date.
  public func trainees(ofClass classID: String, asOf date: CivilDate? = nil) -> Set<ResidentID> {
    guard let date else { return traineesOfClass[classID] ?? [] }
    return Set(enrolments(ofClass: classID, asOf: date).map(\.trainee))
  }

  /// Whether a class was approved, and not withdrawn, by `date` (nil: now).
  func classStands(_ classID: String, asOf date: CivilDate?) -> Bool {
    guard let record = classes[classID], let window = classWindows[classID] else { return false }
    guard let date else { return !window.withdrawn }
    return record.approvedOn <= date && !(window.withdrawnOn.map { $0 <= date } ?? false)
  }

  /// An enrolment now, or as of `date`; `live`, when given, is its record now, found already.
  func enrolment(_ key: EnrolmentKey, asOf date: CivilDate?, live: EnrolmentRecord?? = nil) -> EnrolmentRecord? {
    let live = live ?? enrolments[key]
    guard let date else { return live }
    return EnrolmentRecord.asOf(date, live: live, history: history.enrolments[key.classID]?[key.trainee])
  }

  /// A class's enrolments as of `date`, in the order of their trainees.
  func enrolments(ofClass classID: String, asOf date: CivilDate) -> [(trainee: ResidentID, record: EnrolmentRecord)] {
    let past = history.enrolments[classID] ?? [:]
    var trainees = Set(past.keys)
    if let roster = enrolments.roster(of: classID) { trainees.formUnion(enrolments.roster(roster).trainees) }
    return trainees.sorted().compactMap { trainee in
      let live = enrolments[EnrolmentKey(classID: classID, trainee: trainee)]
      return EnrolmentRecord.asOf(date, live: live, history: past[trainee]).map { (trainee, $0) }
    }
  }

  /// A trainee's employment records now, or as of `date`, in journal order. Inlined: a call
  /// per enrolment made every class's facts a tenth slower.
  @inline(__always) func employmentFacts(of trainee: ResidentID, asOf date: CivilDate?) -> [EmploymentFact] {
    guard let date else { return employments[trainee, default: []] }
    let voidedLater = history.employments[trainee, default: []].filter { $0.by.date > date }.map(\.value)
    return (employments[trainee, default: []] + voidedLater).filter { $0.line.date <= date }
      .sorted { $0.line.seq < $1.line.seq }
  }

  /// The minimum wages published by `date` (nil: now).
  func minimumWages(asOf date: CivilDate?) -> MinimumWages { date.map(minimumWages.asOf) ?? minimumWages }
}
