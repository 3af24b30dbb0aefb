import ClaimsDomain
import ClaimsJournal

/// The journal lines that bear on one payment, claim, trainee or class (SPEC §10 `audit`).
public struct AuditTrail: Sendable {
  public enum Subject: Equatable, Sendable {
    case payment(String), claim(String), trainee(ResidentID), classID(String)
  }

  public var subject: Subject
  public var lines: [JournalLine]
  /// The (trainee, class) pairs whose entitlement explains the money.
  public var pairs: [EnrolmentKey]

  /// Finds what `id` names in the state, or nil when it names nothing the ledger knows.
  public static func subject(_ id: String, in state: LedgerState) -> Subject? {
    if state.payments[id] != nil { return .payment(id) }
    if state.claims[id] != nil { return .claim(id) }
    if state.classes[id] != nil || state.rejectedClasses.contains(id) { return .classID(id) }
    if let trainee = ResidentID(id), state.rostersOfTrainee.contains(trainee) { return .trainee(trainee) }
    return nil
  }

  /// Collects the trail from the journal in one streamed pass, up to the state's last line.
  /// Enrolment, attendance and exam lines — nearly all — are judged from their fact line
  /// (`FactLine`), without decoding; only the lines that bear on the subject, and the others'
  /// few, are decoded.
  public init(_ subject: Subject, state: LedgerState, journal path: String) throws(JournalError) {
    self.subject = subject
    let scope = Scope(subject, state)
    pairs = scope.pairs.sorted { ($0.classID, $0.trainee) < ($1.classID, $1.trainee) }
    var lines: [JournalLine] = []
    var included: Set<String> = []
    let last = state.lastSeq
    _ = try JournalSnapshot.stream(path: path) { (frame, bytes) throws(JournalError) in
      guard frame.seq <= last else { return }
      if let fact = FactLine.read(bytes, bodyOffset: frame.bodyOffset) {
        let classID = String(decoding: fact.classID(in: bytes), as: UTF8.self)
        guard scope.fact(classID, fact.trainee) else { return }
      }
      let line = try JournalLine.decode(bytes, frame: frame)
      if scope.bears(on: line.event, alreadyIncluded: included) {
        lines.append(line)
        included.insert(line.event.id)
      }
    }
    self.lines = lines
  }

  /// What the subject reaches: its claims, payments, recoveries, classes and trainees.
  struct Scope {
    var claims: Set<String> = []
    var payments: Set<String> = []
    var recoveries: Set<String> = []
    var pairs: Set<EnrolmentKey> = []
    var classIDs: Set<String> = []

    init(_ subject: Subject, _ state: LedgerState) {
      switch subject {
      case .payment(let id):
        if let claim = state.payments[id]?.payment.claim { addClaim(claim, state) }
        payments = [id]
      case .claim(let id):
        addClaim(id, state)
      case .classID(let id):
        classIDs = [id]
        for (claimID, claim) in state.claims where claim.submission.classID == id { addClaim(claimID, state) }
        for trainee in state.traineesOfClass[id] ?? [] { pairs.insert(EnrolmentKey(classID: id, trainee: trainee)) }
      case .trainee(let trainee):
        for classID in state.classes(ofTrainee: trainee) {
          pairs.insert(EnrolmentKey(classID: classID, trainee: trainee))
          classIDs.insert(classID)
        }
        for (claimID, claim) in state.claims where claim.submission.trainees.contains(trainee) {
          claims.insert(claimID)
          addMoney(of: claimID, state)
        }
      }
    }

    mutating func addClaim(_ claimID: String, _ state: LedgerState) {
      guard let claim = state.claims[claimID] else { return }
      claims.insert(claimID)
      classIDs.insert(claim.submission.classID)
      for trainee in claim.submission.trainees {
        pairs.insert(EnrolmentKey(classID: claim.submission.classID, trainee: trainee))
      }
      addMoney(of: claimID, state)
    }

    mutating func addMoney(of claimID: String, _ state: LedgerState) {
      payments.formUnion(state.payments.values.filter { $0.payment.claim == claimID }.map(\.payment.payment))
      recoveries.formUnion(state.recoveries.values.filter { $0.order.claim == claimID }.map(\.order.recovery))
    }

    func fact(_ classID: String, _ trainee: ResidentID) -> Bool {
      pairs.contains(EnrolmentKey(classID: classID, trainee: trainee))
    }

    var trainees: Set<ResidentID> { Set(pairs.map(\.trainee)) }

    func bears(on event: Event, alreadyIncluded: Set<String>) -> Bool {
      switch event.body {
      case .classApproved(let e): return classIDs.contains(e.classID)
      case .classRejected(let e): return classIDs.contains(e.classID)
      case .traineeEnrolled(let e): return fact(e.classID, e.trainee)
      case .attendanceRecorded(let e): return fact(e.classID, e.trainee)
      case .examRecorded(let e): return fact(e.classID, e.trainee)
      case .employmentRecorded(let e): return trainees.contains(e.trainee)
      case .claimSubmitted(let e): return claims.contains(e.claim)
      case .claimApproved(let e): return claims.contains(e.claim)
      case .claimRejected(let e): return claims.contains(e.claim)
      case .paymentMade(let e): return payments.contains(e.payment)
      case .paymentReturned(let e): return payments.contains(e.payment)
      case .recoveryOrdered(let e): return recoveries.contains(e.recovery)
      case .recoveryReceived(let e): return recoveries.contains(e.recovery)
      case .eventVoided(let e): return alreadyIncluded.contains(e.target)
      default: return false
      }
    }
  }
}
