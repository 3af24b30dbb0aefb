import ClaimsDomain
import ClaimsRules

/// A journal line by its place and its effective date.
public struct DatedLine: Codable, Equatable, Sendable {
  public var seq: Int
  public var date: CivilDate
}

/// Something a later line took from the state, and that line.
public struct Taken<Value: Codable & Equatable & Sendable>: Codable, Equatable, Sendable {
  public var value: Value
  public var by: DatedLine
}

/// What voids and claim rejections took from the state's facts, each with the line that took
/// it. The state holds facts as they stand after the last line; a replay cut at an earlier date
/// (`--as-of`) folds only the lines dated on or before it, so a void dated after it has not
/// happened there yet. With what the voids took, the state answers for any date
/// (`LedgerState+Facts`, `EnrolmentRecord+AsOf`). One entry per void or rejection: small
/// beside the facts.
public struct FactHistory: Codable, Equatable, Sendable {
  /// By class, then trainee.
  public internal(set) var enrolments: [String: [ResidentID: EnrolmentHistory]] = [:]
  /// Employment records voided, by trainee.
  public internal(set) var employments: [ResidentID: [Taken<EmploymentFact>]] = [:]

  public init() {}

  mutating func record(_ key: EnrolmentKey, _ change: (inout EnrolmentHistory) -> Void) {
    change(&enrolments[key.classID, default: [:]][key.trainee, default: EnrolmentHistory()])
  }
}

/// What was taken from one trainee's enrolments in one class.
public struct EnrolmentHistory: Codable, Equatable, Sendable {
  /// Enrolments voided whole, with the facts they held then.
  public var records: [Taken<EnrolmentRecord>] = []
  /// Attendance and exams voided while their enrolment stood, taken from it.
  public var attendance: [AttendanceFact] = []
  public var exams: [ExamFact] = []
  /// Every void of one of its attendance or exam lines (the line voided), whether or not the
  /// enrolment still stood: a replay cut before the enrolment's own void still holds the fact.
  public var factVoids: [Taken<Int>] = []
  /// The submissions of rejected claims that held the enrolment, taken by their rejections.
  public var claims: [Taken<ClaimMark>] = []
}

/// A claim's hold on an enrolment: the claim, and the line that submitted it.
public struct ClaimMark: Codable, Equatable, Sendable {
  public var claim: String
  public var line: DatedLine
}
