import ClaimsDomain
import ClaimsRules

/// What the fast lane learnt from the last fact lines: runs of lines share their actor and
/// class, so their names are looked up once a run. Forgotten whenever a line takes the general
/// way, the only way actors and classes change.
struct FactLaneMemo {
  var actor: [UInt8] = []
  var actorRole: Role?
  var classBytes: [UInt8] = []
  var classID = ""
  var window: ClassWindow?
  /// The class's roster in `enrolments`; nil until it has one.
  var roster: Int?

  mutating func forget() { self = FactLaneMemo() }
}

extension LedgerState {
  /// The fast lane of a replay: folds an enrolment, attendance or exam line that every check accepts,
  /// straight from its bytes; false when anything is not plainly so — an unknown actor, a class
  /// withdrawn, a date outside the class — and the line must take the general way (decode,
  /// `admit`, `apply`), which reaches the same verdict and words the refusal. It mirrors those
  /// steps for these three types exactly; `ReplayLaneTests` holds both lanes to the same state.
  mutating func foldFact(
    _ fact: FactLine, in line: UnsafeRawBufferPointer, seq: Int, recorded: Timestamp, recordedDay: CivilDate,
    memo: inout FactLaneMemo
  ) -> Bool {
    guard seq > lastSeq, fact.date <= recordedDay else { return false }
    let (actor, classID) = (fact.actor(in: line), fact.classID(in: line))
    if !memo.actor.withUnsafeBytes({ $0.sameBytes(as: actor) }) {
      memo.actor = Array(actor)
      memo.actorRole = actors[String(decoding: actor, as: UTF8.self)]?.role
    }
    guard let role = memo.actorRole, role != .none, role == RoleTable.role(for: fact.type) else { return false }
    if !memo.classBytes.withUnsafeBytes({ $0.sameBytes(as: classID) }) {
      memo.classBytes = Array(classID)
      memo.classID = String(decoding: classID, as: UTF8.self)
      memo.window = classWindows[memo.classID]
      memo.roster = enrolments.roster(of: memo.classID)
    }
    guard let window = memo.window, !window.withdrawn else { return false }
    let position = memo.roster.flatMap { enrolments.position(in: $0, of: fact.trainee) }
    var subject = 0
    switch fact.type {
    case .traineeEnrolled:
      // `checkEnrolment`, then `apply`'s enrolment.
      guard let enrolment = fact.enrolment, position == nil else { return false }
      let roster = memo.roster ?? enrolments.rosterNumber(for: memo.classID)
      memo.roster = roster
      enrolments.append(
        EnrolmentRecord(eventID: String(decoding: fact.id(in: line), as: UTF8.self), seq: seq, enrolment: enrolment,
          enrolledOn: fact.date),
        of: fact.trainee, to: roster)
      enrolmentsBySeq.append(EnrolmentKey(classID: memo.classID, trainee: fact.trainee), at: seq)
      noteEnrolment(of: fact.trainee, in: roster)
    case .attendanceRecorded:
      guard let position, window.start <= fact.date, fact.date <= window.end else { return false }
      subject = attend(
        AttendanceFact(seq: seq, date: fact.date, hours: fact.hours), of: fact.trainee, at: position,
        classDays: window.days)
    default:
      guard let position, fact.date >= window.start else { return false }
      subject = enrolments[position].add(ExamFact(date: fact.date, seq: seq, passed: fact.passed))
    }
    lastSeq = seq
    lastRecorded = recorded
    span.include(date: fact.date, recorded: recorded)
    events.insert(bytes: fact.id(in: line), seq: seq, type: fact.type, subject: subject)
    return true
  }

  /// The append's fact lane: folds an enrolment, attendance or exam input line in the canonical
  /// form (`AppendInput.isCanonicalFact`) as line `seq`, when its id is new and `foldFact`
  /// accepts it; false otherwise, and the line takes the general way, which finds the repeated
  /// id or words the refusal.
  mutating func foldNewFact(
    _ input: CanonicalFact, seq: Int, recorded: Timestamp, recordedDay: CivilDate, memo: inout FactLaneMemo
  ) -> Bool {
    input.line.withUnsafeBytes { line in
      guard events.find(input.fact.id(in: line)) == nil else { return false }
      return foldFact(input.fact, in: line, seq: seq, recorded: recorded, recordedDay: recordedDay, memo: &memo)
    }
  }
}
