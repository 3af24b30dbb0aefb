import ClaimsDomain

/// What the ledger knows of one approved class, as the entitlement rules need it. Voided facts
/// are already left out: they count as never having happened.
public struct ClassFacts: Sendable {
  public var approval: ClassApproved
  /// The effective date of the class's approval (CC-2024 pays only classes approved before
  /// they start).
  public var approvedOn: CivilDate
  public var trainees: [TraineeFacts]

  public init(approval: ClassApproved, approvedOn: CivilDate, trainees: [TraineeFacts]) {
    (self.approval, self.approvedOn, self.trainees) = (approval, approvedOn, trainees)
  }
}

/// One enrolled trainee of a class.
public struct TraineeFacts: Sendable {
  public var enrolment: TraineeEnrolled
  public var attendedHours: Int
  /// The latest exam for this trainee and class, by date then seq: a resit replaces a failure.
  public var exam: ExamFact?
  /// Every employment recorded for the trainee, in journal order.
  public var employments: [EmploymentRecorded]
  /// When a claim listing the trainee for this class was submitted, if one was.
  public var claimSubmittedOn: CivilDate?

  public init(
    enrolment: TraineeEnrolled, attendedHours: Int, exam: ExamFact?,
    employments: [EmploymentRecorded], claimSubmittedOn: CivilDate?
  ) {
    (self.enrolment, self.attendedHours, self.exam) = (enrolment, attendedHours, exam)
    (self.employments, self.claimSubmittedOn) = (employments, claimSubmittedOn)
  }
}

public struct ExamFact: Codable, Sendable, Equatable {
  // Largest first: 16 bytes a fact rather than 24.
  public var seq: Int
  public var date: CivilDate
  public var passed: Bool
  public init(date: CivilDate, seq: Int, passed: Bool) {
    (self.date, self.seq, self.passed) = (date, seq, passed)
  }
}

extension Sequence<ExamFact> {
  /// The latest by date, then seq: a resit that passes replaces a failure.
  public var latest: ExamFact? { self.max { ($0.date, $0.seq) < ($1.date, $1.seq) } }
}

/// Minimum wages by region, from `minimum_wage.published`: each in force from its date until the
/// next one for that region.
public struct MinimumWages: Codable, Equatable, Sendable {
  struct Publication: Codable, Equatable, Sendable {
    var date: CivilDate
    var seq: Int
    var amount: Money
    var reference: String
  }

  var published: [String: [Publication]] = [:]

  public init() {}

  public mutating func publish(region: String, on date: CivilDate, seq: Int, amount: Money, reference: String) {
    published[region, default: []].append(Publication(date: date, seq: seq, amount: amount, reference: reference))
  }

  /// The publications dated on or before `date`: what a replay of the lines dated by then holds.
  public func asOf(_ date: CivilDate) -> MinimumWages {
    var wages = MinimumWages()
    wages.published = published.mapValues { $0.filter { $0.date <= date } }.filter { !$0.value.isEmpty }
    return wages
  }

  /// The wage in force in `region` on `date`, with its reference; nil when none is.
  public func inForce(region: String, on date: CivilDate) -> (amount: Money, reference: String)? {
    let candidates = published[region, default: []].filter { $0.date <= date }
    guard let latest = candidates.max(by: { ($0.date, $0.seq) < ($1.date, $1.seq) }) else {
      return nil
    }
    return (latest.amount, latest.reference)
  }
}
