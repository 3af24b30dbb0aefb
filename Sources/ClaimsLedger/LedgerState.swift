import ClaimsDomain
import ClaimsRules

/// Everything the ledger knows after folding a journal prefix: the facts and decisions that the
/// next event is validated against. Its memory grows with actors, classes, trainees and claims;
/// the id index that idempotency needs, the one table with an entry per event, keeps its
/// newest million in memory and moves the rest to scratch files. The larger tables a command
/// may not need are `Deferred`: read from a checkpoint only when asked for.
public struct LedgerState: Codable, Equatable, Sendable {
  public internal(set) var lastSeq = 0
  public internal(set) var lastRecorded: Timestamp?
  /// The earliest and latest effective dates of the lines folded, and when the first was recorded.
  public internal(set) var span = LineSpan()
  /// Every `plan.set`, in journal order: the targets the statistics compare against.
  public internal(set) var plans: [LedgerHistory.PlanRecord] = []
  public internal(set) var admin: String?
  public internal(set) var voided: Set<String> = []
  public internal(set) var actors: [String: ActorRecord] = [:]
  public internal(set) var institutions: [String: InstitutionRegistered] = [:]
  public internal(set) var classes: [String: ClassRecord] = [:]
  /// Each approved class's dates and standing, apart from its record: what the per-event checks
  /// read, in a form that copies no strings. The one place that says a class was withdrawn.
  public internal(set) var classWindows: [String: ClassWindow] = [:]
  public internal(set) var classesByApprovalEvent: [String: String] = [:]
  public internal(set) var rejectedClasses: Set<String> = []
  public internal(set) var enrolments = EnrolmentTable()
  /// Enrolments by the line that made them: how a void of the enrolment, or of an attendance
  /// or exam that belongs to it (`EventIndex.subject`), finds it.
  @Deferred public internal(set) var enrolmentsBySeq = LineTable<EnrolmentKey>()
  @Deferred public internal(set) var claims: [String: ClaimRecord] = [:]
  @Deferred public internal(set) var payments: [String: PaymentRecord] = [:]
  @Deferred public internal(set) var bankRefs: Set<String> = []
  @Deferred public internal(set) var recoveries: [String: RecoveryRecord] = [:]
  /// Employment records by trainee, in journal order (voided ones removed).
  @Deferred public internal(set) var employments: [ResidentID: [EmploymentFact]] = [:]
  public internal(set) var minimumWages = MinimumWages()
  /// Balances by fund and region, kept by the postings of every money event.
  public internal(set) var fundLedger = FundLedger()
  public var funds: [FundKey: FundBalance] { fundLedger.balances }
  @Deferred public internal(set) var claimMoney: [String: ClaimMoney] = [:]
  var employmentSubjects: [String: ResidentID] = [:]
  /// The classes each trainee was ever enrolled in, by their rosters in `enrolments`
  /// (`classes(ofTrainee:)` names them).
  public internal(set) var rostersOfTrainee = TraineeRosterTable()
  /// Trainees whose lines of one day may lie in more than one enrolment record: enrolled in two
  /// classes, or with a record or fact taken from an enrolment by a void. An attendance
  /// of theirs is held against all their records (`attend`); apart from the deferred leads, as
  /// every attendance line asks.
  var crossEnrolmentTrainees: Set<ResidentID> = []
  /// What voids and rejected claims took from the tables above, with the lines that took it:
  /// what a date before those lines still shows (`LedgerState+AsOf`).
  @Deferred public internal(set) var history = FactHistory()
  /// The trainees a finding may name (`findings` judges these alone).
  @Deferred public internal(set) var findingLeads = FindingLeads()
  /// Every event id in the journal: the idempotency keys. The one table with an entry per
  /// event, in memory only its newest (`EventIndex.spillLimit`); last, so that a checkpoint can
  /// keep it apart (`writeBinaryWithoutIndex`).
  public internal(set) var events = EventIndex()
  /// Whether `events` holds the journal's ids: false only for a state read from a checkpoint
  /// without them (`Checkpoint.IndexNeed.toFoldLines`); every line has an id.
  public var hasEventIndex: Bool { lastSeq == 0 || events.count > 0 }
  /// The trainees enrolled (and not voided) in each class: the enrolments' rosters.
  public var traineesOfClass: EnrolmentTable.Rosters { enrolments.rosterSets }
  /// Every trainee ever enrolled, in order.
  public var traineesSeen: [ResidentID] { rostersOfTrainee.trainees }

  /// The classes a trainee was ever enrolled in, in the order of their first enrolments.
  public func classes(ofTrainee trainee: ResidentID) -> [String] {
    rostersOfTrainee[trainee]?.map { enrolments.classIDs[$0] } ?? []
  }

  public init() {}
}

/// The effective dates and recorded times a journal's lines span.
public struct LineSpan: Codable, Equatable, Sendable {
  public var firstDate: CivilDate?
  public var lastDate: CivilDate?
  public var firstRecorded: Timestamp?

  mutating func include(date: CivilDate, recorded: Timestamp) {
    if firstRecorded == nil { firstRecorded = recorded }
    if firstDate.map({ date < $0 }) ?? true { firstDate = date }
    if lastDate.map({ date > $0 }) ?? true { lastDate = date }
  }
}

/// Where an event id was recorded, and what it was.
public struct EventRef: Codable, Equatable, Sendable {
  public var seq: Int
  public var type: EventType
}

public struct ActorRecord: Codable, Equatable, Sendable {
  public var role: Role
  public var name: String
}

public struct ClassRecord: Codable, Equatable, Sendable {
  public var approval: ClassApproved
  public var approvalEventID: String
  /// The approval's line.
  public var approvalSeq: Int
  public var approvedOn: CivilDate
  /// Claims ever submitted for it, whatever became of them.
  public var claimCount = 0
}

/// An approved class's dates, and whether it was withdrawn (by voiding its approval).
public struct ClassWindow: Codable, Equatable, Sendable {
  public var start: CivilDate
  public var end: CivilDate
  /// The date of the void that withdrew it.
  public var withdrawnOn: CivilDate?

  public var withdrawn: Bool { withdrawnOn != nil }

  /// The days from start to end, both counted.
  var days: Int { max(1, end.daysSinceEpoch - start.daysSinceEpoch + 1) }
}

public struct EnrolmentKey: Codable, Hashable, Sendable {
  public var classID: String
  public var trainee: ResidentID

  /// The trainee alone: a person is in few classes, so this spreads keys as well as hashing the
  /// class's name too, at a fraction of the cost on the replay's hottest lookup.
  public func hash(into hasher: inout Hasher) { hasher.combine(trainee) }
  public func _rawHashValue(seed: Int) -> Int { trainee._rawHashValue(seed: seed) }

  /// The trainee first: one word, where the class is a string.
  public static func == (lhs: EnrolmentKey, rhs: EnrolmentKey) -> Bool {
    lhs.trainee == rhs.trainee && lhs.classID == rhs.classID
  }
}

public struct EnrolmentRecord: Codable, Equatable, Sendable {
  public var eventID: String
  public var seq: Int
  public var enrolment: TraineeEnrolled
  /// The enrolment's effective date.
  public var enrolledOn: CivilDate
  /// Attendance events not voided: line, day, hours.
  public var attendance: [AttendanceFact] = []
  /// Exams not voided, in journal order.
  public var exams: [ExamFact] = []
  /// The open or approved claim that lists it: while there is one, it cannot be voided or
  /// claimed again.
  public var claim: String?
  /// That claim's date, which the rules read (a trainee's entitlement then needs no claim).
  public var claimSubmittedOn: CivilDate?

  public var attendedHours: Int { attendance.reduce(0) { $0 + $1.hours } }

  mutating func mark(claim: String?, submittedOn: CivilDate?) {
    (self.claim, claimSubmittedOn) = (claim, submittedOn)
  }

  /// Records an attendance; returns the enrolment's line, and whether a line of that day was
  /// there already. At most a day's attendance per day of the class, so the first reserves that:
  /// one allocation, not six doublings.
  mutating func add(_ day: AttendanceFact, classDays: Int) -> (seq: Int, dayTaken: Bool) {
    let dayTaken = attendance.contains { $0.date == day.date }
    if attendance.isEmpty { attendance.reserveCapacity(min(classDays, 366)) }
    attendance.append(day)
    return (seq, dayTaken)
  }

  /// Records an exam; returns the enrolment's line.
  mutating func add(_ exam: ExamFact) -> Int {
    exams.append(exam)
    return seq
  }

  /// The latest exam by date, then seq: a resit that passes replaces a failure.
  public var latestExam: ExamFact? { exams.latest }
}

/// One attendance line: 12 bytes, for there is one per trainee and day of every class.
public struct AttendanceFact: Codable, Equatable, Sendable {
  /// The line, in 32 bits as the event index keeps it (a journal of over 4 G lines is refused
  /// there first).
  private var storedSeq: UInt32
  public var date: CivilDate
  /// A day's hours, 1 to 24 (the journal's check), kept in a byte.
  private var storedHours: UInt8

  public var seq: Int {
    get { Int(storedSeq) }
    set { storedSeq = UInt32(newValue) }
  }

  public var hours: Int {
    get { Int(storedHours) }
    set { storedHours = UInt8(newValue) }
  }

  public init(seq: Int, date: CivilDate, hours: Int) {
    (self.storedSeq, self.date, self.storedHours) = (UInt32(seq), date, UInt8(hours))
  }
}

public struct EmploymentFact: Codable, Equatable, Sendable {
  public var eventID: String
  public var line: DatedLine
  public var record: EmploymentRecorded
}

public struct ClaimRecord: Codable, Equatable, Sendable {
  public enum Status: String, Codable, Sendable { case open, approved, rejected }
  public var submission: ClaimSubmitted
  public var submittedBy: String
  public var submittedOn: CivilDate
  public var eventID: String
  /// The submission's line.
  public var seq: Int
  public var status: Status = .open
  public var approvedBy: String?
  public var decidedOn: CivilDate?
  public var decision: ApprovalDecision?
}

public struct PaymentRecord: Codable, Equatable, Sendable {
  public var payment: PaymentMade
  public var date: CivilDate
  public var eventID: String
  public var seq: Int
  public var returned = false
}

public struct RecoveryRecord: Codable, Equatable, Sendable {
  public var order: RecoveryOrdered
  public var date: CivilDate
  public var eventID: String
  public var seq: Int
  /// The receipts against it, in journal order.
  public var receipts: [Receipt] = []
  public var received: Money { receipts.reduce(.zero) { $0 + $1.amount } }
  public var outstanding: Money { order.amount - received }

  public struct Receipt: Codable, Equatable, Sendable {
    public var eventID: String
    public var seq: Int
    public var date: CivilDate
    public var amount: Money
  }
}
