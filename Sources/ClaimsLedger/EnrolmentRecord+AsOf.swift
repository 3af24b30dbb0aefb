import ClaimsDomain
import ClaimsRules

extension EnrolmentRecord {
  /// One trainee's enrolment in one class as a replay of the lines dated on or before `date`
  /// leaves it (`ReplayCut.asOf`), from the enrolment as it stands now (`live`) and what voids
  /// and rejections took from it (`history`); nil when that replay leaves none.
  ///
  /// Such a replay folds its lines unchecked, in journal order, as `apply` does: an enrolment
  /// starts a record afresh, a void takes the record or a fact, a claim marks the record and
  /// its rejection clears the mark; a void or rejection dated after `date` is not folded, nor is
  /// a line that names a line not folded. Without history the answer is the record's facts up
  /// to the date; with it, the lines that bear on the enrolment are folded here in that way.
  static func asOf(_ date: CivilDate, live: EnrolmentRecord?, history: EnrolmentHistory?) -> EnrolmentRecord? {
    guard let history else {
      guard let live, live.enrolledOn <= date else { return nil }
      var record = live.startedAfresh
      record.attendance = live.attendance.filter { $0.date <= date }
      record.exams = live.exams.filter { $0.date <= date }
      if let on = live.claimSubmittedOn, on <= date { record.mark(claim: live.claim, submittedOn: on) }
      return record
    }
    var lines: [(seq: Int, step: Step)] = []
    func add(_ taken: DatedLine?, _ step: Step) {
      if let taken, taken.date <= date { lines.append((taken.seq, step)) }
    }
    // Every record the enrolment had, each with the void that took it (none for the live one).
    let records = history.records.map { ($0.value, Optional($0.by)) } + (live.map { [($0, nil)] } ?? [])
    for (record, voided) in records where record.enrolledOn <= date {
      lines.append((record.seq, .enrol(record.startedAfresh)))
      add(voided, .unenrol)
    }
    for fact in records.flatMap(\.0.attendance) + history.attendance where fact.date <= date {
      lines.append((fact.seq, .attend(fact)))
    }
    for fact in records.flatMap(\.0.exams) + history.exams where fact.date <= date { lines.append((fact.seq, .exam(fact))) }
    // A void of a fact not folded takes nothing: its date need not be looked at.
    for taken in history.factVoids { add(taken.by, .unrecord(seq: taken.value)) }
    for taken in history.claims where taken.value.line.date <= date {
      lines.append((taken.value.line.seq, .claim(taken.value.claim, taken.value.line.date)))
      add(taken.by, .claim(nil, nil))
    }
    var current: EnrolmentRecord?
    for (_, step) in lines.sorted(by: { $0.seq < $1.seq }) {
      switch step {
      case .enrol(let record): current = record
      case .unenrol: current = nil
      case .attend(let fact): current?.attendance.append(fact)
      case .exam(let fact): current?.exams.append(fact)
      case .unrecord(let seq):
        current?.attendance.removeAll { $0.seq == seq }
        current?.exams.removeAll { $0.seq == seq }
      case .claim(let claim, let on): current?.mark(claim: claim, submittedOn: on)
      }
    }
    // The claim that holds the enrolment now came after every line above that bears on a claim
    // or a record (a claimed enrolment is neither voided nor claimed again): it is folded last.
    if let live, let on = live.claimSubmittedOn, on <= date { current?.mark(claim: live.claim, submittedOn: on) }
    return current
  }

  /// The enrolment alone, as its line made it.
  private var startedAfresh: EnrolmentRecord {
    EnrolmentRecord(eventID: eventID, seq: seq, enrolment: enrolment, enrolledOn: enrolledOn)
  }

  /// What a line does to an enrolment's record.
  private enum Step {
    case enrol(EnrolmentRecord), unenrol
    case attend(AttendanceFact), exam(ExamFact), unrecord(seq: Int)
    /// A claim's mark, or a rejection's clearing of it.
    case claim(String?, CivilDate?)
  }
}
