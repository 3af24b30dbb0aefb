import ClaimsDomain

/// Everything the ledger knows after folding a journal prefix: the facts and decisions that the
/// next event is validated against. Its memory grows with actors, classes, trainees and claims;
/// per event it keeps only the id index that idempotency needs.
public struct LedgerState: Sendable {
  public internal(set) var lastSeq = 0
  public internal(set) var lastRecorded: Timestamp?
  public internal(set) var admin: String?
  /// Every event id in the journal: the idempotency keys.
  public internal(set) var events: [String: EventRef] = [:]
  public internal(set) var voided: Set<String> = []
  public internal(set) var actors: [String: ActorRecord] = [:]
  public internal(set) var institutions: [String: InstitutionRegistered] = [:]
  public internal(set) var classes: [String: ClassRecord] = [:]
  public internal(set) var classesByApprovalEvent: [String: String] = [:]
  public internal(set) var rejectedClasses: Set<String> = []
  public internal(set) var enrolments: [EnrolmentKey: EnrolmentRecord] = [:]
  public internal(set) var enrolmentsByEvent: [String: EnrolmentKey] = [:]
  public internal(set) var traineesSeen: Set<ResidentID> = []
  public internal(set) var claims: [String: ClaimRecord] = [:]
  /// The open or approved claim that holds each enrolment.
  public internal(set) var claimedEnrolments: [EnrolmentKey: String] = [:]
  public internal(set) var payments: [String: PaymentRecord] = [:]
  public internal(set) var bankRefs: Set<String> = []
  public internal(set) var recoveries: [String: RecoveryRecord] = [:]

  public init() {}
}

/// Where an event id was recorded, and what it was.
public struct EventRef: Equatable, Sendable {
  public var seq: Int
  public var type: EventType
}

public struct ActorRecord: Equatable, Sendable {
  public var role: Role
  public var name: String
}

public struct ClassRecord: Equatable, Sendable {
  public var approval: ClassApproved
  public var approvalEventID: String
  /// Withdrawn by voiding its approval.
  public var withdrawn = false
  /// Claims ever submitted for it, whatever became of them.
  public var claimCount = 0
}

public struct EnrolmentKey: Hashable, Sendable {
  public var classID: String
  public var trainee: ResidentID
}

public struct EnrolmentRecord: Equatable, Sendable {
  public var eventID: String
  public var enrolment: TraineeEnrolled
}

public struct ClaimRecord: Equatable, Sendable {
  public enum Status: String, Sendable { case open, approved, rejected }
  public var submission: ClaimSubmitted
  public var submittedBy: String
  public var status: Status = .open
  public var approvedBy: String?
  public var decision: ApprovalDecision?
}

public struct PaymentRecord: Equatable, Sendable {
  public var payment: PaymentMade
  public var returned = false
}

public struct RecoveryRecord: Equatable, Sendable {
  public var order: RecoveryOrdered
  public var received = Money.zero
  public var outstanding: Money { order.amount - received }
}
