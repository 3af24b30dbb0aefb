import ClaimsDomain
import ClaimsRules

extension LedgerState {
  /// The fast lane of a replay: folds an attendance or exam line that every check accepts,
  /// straight from its bytes; false when anything is not plainly so — an unknown actor, a class
  /// withdrawn, a date outside the class — and the line must take the general way (decode,
  /// `admit`, `apply`), which reaches the same verdict and words the refusal. It mirrors those
  /// steps for these two types exactly; the replay tests compare both lanes' states.
  mutating func foldFact(_ fact: FactLine, seq: Int, recorded: Timestamp, recordedDay: CivilDate) -> Bool {
    guard seq > lastSeq, fact.date <= recordedDay,
      let actor = actors[String(decoding: fact.actor, as: UTF8.self)],
      actor.role != .none, actor.role == RoleTable.role(for: fact.type)
    else { return false }
    let classID = String(decoding: fact.classID, as: UTF8.self)
    guard let window = classWindows[classID], !window.withdrawn,
      let index = enrolments.index(forKey: EnrolmentKey(classID: classID, trainee: fact.trainee))
    else { return false }
    if fact.type == .attendanceRecorded {
      guard window.start <= fact.date, fact.date <= window.end else { return false }
      enrolments.values[index].attendance.append(AttendanceFact(seq: seq, date: fact.date, hours: fact.hours))
    } else {
      guard fact.date >= window.start else { return false }
      enrolments.values[index].exams.append(ExamFact(date: fact.date, seq: seq, passed: fact.passed))
    }
    lastSeq = seq
    lastRecorded = recorded
    events.insert(bytes: fact.id, seq: seq, type: fact.type, subject: enrolments.values[index].seq)
    return true
  }
}
