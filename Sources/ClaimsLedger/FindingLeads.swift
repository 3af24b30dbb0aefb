import ClaimsDomain
import ClaimsRules

/// The trainees and payments a finding may name, noted as lines are folded, so that `findings`
/// judges these few rather than every trainee of the journal (a million at ten million events).
///
/// A superset, for every date: each lead is noted when the later of the lines behind it is
/// folded, against every line folded before it, voided since or not (`history`). So whatever
/// a replay cut at any date holds, its findings' trainees are here. The floors are what the
/// notes assume of the rulesets: a daily ceiling of at least 8 hours (SPEC §10's "more than 8
/// hours a day") and a claim deadline of at least 5 working days, as every shipped ruleset
/// has. Under a ruleset with less, `findings` judges everyone (`suffice(for:)`).
public struct FindingLeads: Codable, Equatable, Sendable {
  /// A line of more than `hoursFloor` hours, or a day with two lines, in one class or two.
  public internal(set) var attendance: Set<ResidentID> = []
  /// A claim dated more than `lateFloor` working days after one of their contracts' starts.
  public internal(set) var lateClaims: Set<ResidentID> = []
  /// The lines of the claims that held those trainees' enrolments, by claim.
  public internal(set) var claimLines: [String: Int] = [:]
  /// Payments that went, or as of some date went, to someone other than the claimant, with
  /// what their finding reads of the claim: the claims themselves are a large table.
  public internal(set) var payments: [PaymentLead] = []

  static let hoursFloor = 8
  static let lateFloor = 5

  public init() {}

  /// Whether the leads hold every finding `library`'s rulesets can give.
  static func suffice(for library: RuleLibrary) -> Bool {
    library.rulesets.allSatisfy { ruleset in
      (ruleset.parameters.int("findings.hours_per_day_max") ?? hoursFloor) >= hoursFloor
        && (ruleset.parameters.int("project.claim_deadline_working_days") ?? lateFloor) >= lateFloor
    }
  }

  /// Whether a claim dated `claim` is more than `lateFloor` working days after `contractStart`.
  static func isLate(_ claim: CivilDate, after contractStart: CivilDate) -> Bool {
    claim.daysSinceEpoch - contractStart.daysSinceEpoch > lateFloor
      && WorkingDays.between(contractStart, claim) > lateFloor
  }
}

/// A payment, and what `paymentFindings` reads of its claim.
public struct PaymentLead: Codable, Equatable, Sendable {
  public var record: PaymentRecord
  public var claimSeq: Int
  public var classID: String
  /// The trainee who claimed, for an individual's claim; nil for an institution's.
  public var trainee: String?

  init(_ record: PaymentRecord, claim: ClaimRecord) {
    (self.record, claimSeq, classID) = (record, claim.seq, claim.submission.classID)
    if case .individual = claim.submission.claimant { trainee = claim.submission.trainees.first?.value ?? "" }
  }
}

extension FindingLeads: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(attendance)
    try output.field(lateClaims)
    try output.field(claimLines)
    try output.field(general: payments)
  }

  public init(binary input: BinaryInput) throws {
    attendance = try input.field()
    lateClaims = try input.field()
    claimLines = try input.field()
    payments = try input.field(general: [PaymentLead].self)
  }
}

extension LedgerState {
  /// Adds an attendance line to the enrolment at `position`, its trainee a lead when the line is
  /// long or meets another of theirs that day; returns the enrolment's line.
  mutating func attend(_ fact: AttendanceFact, of trainee: ResidentID, at position: EnrolmentTable.Position, classDays: Int)
    -> Int
  {
    // Before the line joins: any of the trainee's lines that day, in any record, voided or not.
    let lead = fact.hours > FindingLeads.hoursFloor
      || (crossEnrolmentTrainees.contains(trainee) && anyLine(of: trainee, on: fact.date))
    // One access to the record, in place.
    let (subject, dayTaken) = enrolments[position].add(fact, classDays: classDays)
    if lead || dayTaken { findingLeads.attendance.insert(trainee) }
    return subject
  }

  /// Notes a trainee's enrolment in the roster numbered `roster`.
  mutating func noteEnrolment(of trainee: ResidentID, in roster: Int) {
    if rostersOfTrainee.insert(roster, for: trainee).isShared { crossEnrolmentTrainees.insert(trainee) }
  }

  /// Records what a void takes from an enrolment (the record, or one of its facts): its
  /// trainee's days are held against every record from now on.
  mutating func recordTaken(from key: EnrolmentKey, _ change: (inout EnrolmentHistory) -> Void) {
    history.record(key, change)
    crossEnrolmentTrainees.insert(key.trainee)
  }

  /// Notes a claim for these trainees, against every contract they ever had.
  mutating func noteClaim(_ claim: ClaimSubmitted, seq: Int, on date: CivilDate) {
    for trainee in claim.trainees {
      let starts = employments[trainee, default: []].map(\.record.contractStart)
        + history.employments[trainee, default: []].map(\.value.record.contractStart)
      if findingLeads.lateClaims.contains(trainee) || starts.contains(where: { FindingLeads.isLate(date, after: $0) }) {
        noteLateClaims(of: trainee)
        findingLeads.claimLines[claim.claim] = seq
      }
    }
  }

  /// Notes a contract, against every claim that ever held one of its trainee's enrolments.
  mutating func noteEmployment(_ record: EmploymentRecorded) {
    if claimMarks(of: record.trainee).contains(where: { FindingLeads.isLate($0.date, after: record.contractStart) }) {
      noteLateClaims(of: record.trainee)
    }
  }

  /// Makes a trainee a lead for late claims, with the lines of every claim that held them.
  private mutating func noteLateClaims(of trainee: ResidentID) {
    guard findingLeads.lateClaims.insert(trainee).inserted else { return }
    for mark in claimMarks(of: trainee) { findingLeads.claimLines[mark.claim] = claims[mark.claim]?.seq }
  }

  /// Every claim that held one of the trainee's enrolments, with its date: held now, rejected, or
  /// held by an enrolment voided since.
  private func claimMarks(of trainee: ResidentID) -> [(claim: String, date: CivilDate)] {
    var marks: [(claim: String, date: CivilDate)] = []
    for roster in rostersOfTrainee[trainee] ?? TraineeRosters() {
      if let position = enrolments.position(in: roster, of: trainee), let claim = enrolments[position].claim,
        let on = enrolments[position].claimSubmittedOn
      {
        marks.append((claim, on))
      }
      if let past = history.enrolments[enrolments.classIDs[roster]]?[trainee] {
        marks += past.claims.map { ($0.value.claim, $0.value.line.date) }
        for taken in past.records {
          if let claim = taken.value.claim, let on = taken.value.claimSubmittedOn { marks.append((claim, on)) }
        }
      }
    }
    return marks
  }

  /// Notes a payment just made: a lead when it went to someone other than the claimant, or
  /// was made before the class's approval (as of a date between the two, the class has no
  /// institution yet). A class's approval never changes, nor a claim's claimant.
  mutating func notePayment(_ record: PaymentRecord) {
    guard let claim = claims[record.payment.claim] else { return }
    let lead = PaymentLead(record, claim: claim)
    if claimant(of: lead, asOf: record.date) != record.payment.payee { findingLeads.payments.append(lead) }
  }

  /// Who made a payment's claim, as of a date (nil: now): a trainee, or the class's institution
  /// once the class is approved; empty when neither.
  func claimant(of lead: PaymentLead, asOf date: CivilDate?) -> String {
    if let trainee = lead.trainee { return trainee }
    return classes[lead.classID].flatMap { approved in
      (date.map { approved.approvedOn <= $0 } ?? true) ? approved.approval.institution : nil
    } ?? ""
  }

  /// Whether any line of the trainee's, in any of their classes, voided or not, falls on `date`.
  func anyLine(of trainee: ResidentID, on date: CivilDate) -> Bool {
    for roster in rostersOfTrainee[trainee] ?? TraineeRosters() {
      if let position = enrolments.position(in: roster, of: trainee), enrolments.attended(at: position, on: date) {
        return true
      }
      if let past = history.enrolments[enrolments.classIDs[roster]]?[trainee],
        past.attendance.contains(where: { $0.date == date })
          || past.records.contains(where: { $0.value.attendance.contains { $0.date == date } })
      {
        return true
      }
    }
    return false
  }
}
