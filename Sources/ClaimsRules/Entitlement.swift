import ClaimsDomain

/// What one trainee is entitled to for one class (SPEC §7), with the reasons, the clauses and
/// the arithmetic that justify it.
public struct Entitlement: Sendable, Equatable {
  public enum Status: String, Sendable, Comparable {
    case eligible, ineligible, pending, unknown

    public static func < (lhs: Status, rhs: Status) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  public var trainee: ResidentID
  public var classID: String
  public var status: Status
  /// The amount in fen: set for eligible (and 0 for ineligible); nil while pending or unknown.
  public var amount: Money?
  public var fund: Fund?
  /// Stable reason codes (`Reason`).
  public var reasons: [String]
  /// Clause references of every rule applied.
  public var rules: [String]
  /// The computation in words, for the audit trail.
  public var arithmetic: String
  public var ruleset: String?
  public var rulesetSHA256: String?
  /// For ordering the limits across trainings: the exam's date and seq.
  public var exam: ExamFact?
  public var occupation: String
  public var level: SkillLevel?
  /// Whether `rules` and `arithmetic` are written. An approval reads only the outcome, the
  /// amount, the fund and the reason codes, and building the words was most of its cost.
  public var explained = true
}

/// The stable reason codes of SPEC §7. Never renamed, never reused.
public enum Reason {
  public static let examFailed = "exam-failed"
  public static let examNotRecorded = "exam-not-recorded"
  public static let hoursBelowStandard = "hours-below-standard"
  public static let noStandardInForce = "no-standard-in-force"
  public static let classNotApprovedBeforeStart = "class-not-approved-before-start"
  public static let projectEmploymentBelow70pct = "project-employment-below-70pct"
  public static let minimumWageNotSet = "minimum-wage-not-set"
  public static let wageBelowMinimum = "wage-below-minimum"
  public static let attendanceBelowMinimum = "attendance-below-minimum"
  public static let personCategoryNotEligible = "person-category-not-eligible"
  public static let duplicateOccupationLevel = "duplicate-occupation-level"
  public static let lowerLevelAfterHigher = "lower-level-after-higher"
  public static let annualLimitExceeded = "annual-limit-exceeded"
  /// Informational, on an eligible project trainee paid the cost subsidy.
  public static let notEmployed = "not-employed"
  /// A finding for the reviewer, not a reason to refuse (SPEC §7.2 (6)).
  public static let claimLate = "claim-late"
}
