/// An input event of SPEC §5: what happened, on which day, recorded by whom.
public struct Event: Equatable, Sendable {
  /// The idempotency key: unique in the journal.
  public var id: String
  /// The effective date: the day it happened in the world (China Standard Time).
  public var date: CivilDate
  /// The registered actor who records it.
  public var actor: String
  public var body: EventBody

  public init(id: String, date: CivilDate, actor: String, body: EventBody) {
    self.id = id
    self.date = date
    self.actor = actor
    self.body = body
  }

  public var type: EventType { body.type }

  /// The event as its author wrote it, without what the ledger adds on append. Two events with
  /// the same id are the same event exactly when their input content is equal.
  public var inputContent: Event {
    guard case .claimApproved(var approval) = body else { return self }
    approval.decision = nil
    return Event(id: id, date: date, actor: actor, body: .claimApproved(approval))
  }
}

/// The event types, spelled as in the journal.
public enum EventType: String, Codable, CaseIterable, Sendable {
  case journalOpened = "journal.opened"
  case actorRegistered = "actor.registered"
  case institutionRegistered = "institution.registered"
  case planSet = "plan.set"
  case minimumWagePublished = "minimum_wage.published"
  case fundAppropriated = "fund.appropriated"
  case classApproved = "class.approved"
  case classRejected = "class.rejected"
  case traineeEnrolled = "trainee.enrolled"
  case attendanceRecorded = "attendance.recorded"
  case examRecorded = "exam.recorded"
  case employmentRecorded = "employment.recorded"
  case claimSubmitted = "claim.submitted"
  case claimApproved = "claim.approved"
  case claimRejected = "claim.rejected"
  case paymentMade = "payment.made"
  case paymentReturned = "payment.returned"
  case recoveryOrdered = "recovery.ordered"
  case recoveryReceived = "recovery.received"
  case eventVoided = "event.voided"

  /// The type named by the bytes of its spelling, without making a string of them.
  public init?(utf8 bytes: UnsafeRawBufferPointer) {
    for (spelling, type) in Self.spellings where spelling.count == bytes.count {
      if spelling.withUnsafeBytes({ $0.sameBytes(as: bytes) }) {
        self = type
        return
      }
    }
    return nil
  }

  /// The spellings, the most frequent in a journal first.
  static let spellings = [attendanceRecorded, examRecorded, traineeEnrolled]
    .followed(by: allCases).map { (Array($0.rawValue.utf8), $0) }

  /// Facts may be voided; money events and decisions are reversed instead (SPEC §5).
  public var isVoidableFact: Bool {
    switch self {
    case .traineeEnrolled, .attendanceRecorded, .examRecorded, .employmentRecorded,
      .classApproved:
      true
    default: false
    }
  }
}

/// The fields particular to each event type.
public enum EventBody: Equatable, Sendable {
  case journalOpened(JournalOpened)
  case actorRegistered(ActorRegistered)
  case institutionRegistered(InstitutionRegistered)
  case planSet(PlanSet)
  case minimumWagePublished(MinimumWagePublished)
  case fundAppropriated(FundAppropriated)
  case classApproved(ClassApproved)
  case classRejected(ClassRejected)
  case traineeEnrolled(TraineeEnrolled)
  case attendanceRecorded(AttendanceRecorded)
  case examRecorded(ExamRecorded)
  case employmentRecorded(EmploymentRecorded)
  case claimSubmitted(ClaimSubmitted)
  case claimApproved(ClaimApproved)
  case claimRejected(ClaimRejected)
  case paymentMade(PaymentMade)
  case paymentReturned(PaymentReturned)
  case recoveryOrdered(RecoveryOrdered)
  case recoveryReceived(RecoveryReceived)
  case eventVoided(EventVoided)

  public var type: EventType {
    switch self {
    case .journalOpened: .journalOpened
    case .actorRegistered: .actorRegistered
    case .institutionRegistered: .institutionRegistered
    case .planSet: .planSet
    case .minimumWagePublished: .minimumWagePublished
    case .fundAppropriated: .fundAppropriated
    case .classApproved: .classApproved
    case .classRejected: .classRejected
    case .traineeEnrolled: .traineeEnrolled
    case .attendanceRecorded: .attendanceRecorded
    case .examRecorded: .examRecorded
    case .employmentRecorded: .employmentRecorded
    case .claimSubmitted: .claimSubmitted
    case .claimApproved: .claimApproved
    case .claimRejected: .claimRejected
    case .paymentMade: .paymentMade
    case .paymentReturned: .paymentReturned
    case .recoveryOrdered: .recoveryOrdered
    case .recoveryReceived: .recoveryReceived
    case .eventVoided: .eventVoided
    }
  }
}

extension Array where Element: Equatable {
  /// The elements, then those of `others` not already among them.
  fileprivate func followed(by others: some Sequence<Element>) -> [Element] {
    self + others.filter { !contains($0) }
  }
}
