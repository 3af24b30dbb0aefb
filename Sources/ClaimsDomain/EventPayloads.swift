/// The payload of each event type, field for field as SPEC §5 lists them.

public struct JournalOpened: Equatable, Sendable {
  public var format: Int
  public var admin: String
  public init(format: Int, admin: String) { (self.format, self.admin) = (format, admin) }
}

public struct ActorRegistered: Equatable, Sendable {
  public var actorID: String
  public var role: Role
  public var name: String
  public init(actorID: String, role: Role, name: String) {
    (self.actorID, self.role, self.name) = (actorID, role, name)
  }
}

public struct InstitutionRegistered: Equatable, Sendable {
  public var institution: String
  public var name: String
  public var region: String
}

public struct PlanSet: Equatable, Sendable {
  public var region: String
  public var year: Int
  public var target: Int
  public var program: String?
}

public struct MinimumWagePublished: Equatable, Sendable {
  public var region: String
  public var amount: Money
  public var reference: String
}

public struct FundAppropriated: Equatable, Sendable {
  public var fund: Fund
  public var region: String
  public var amount: Money
  public var reference: String
}

public struct ClassApproved: Equatable, Sendable {
  public var classID: String
  public var institution: String
  public var region: String
  public var category: TrainingCategory
  public var occupation: String
  public var level: SkillLevel?
  public var assessment: Assessment
  public var start: CivilDate
  public var end: CivilDate
  public var hoursOffline: Int
  public var hoursOnline: Int
  public var theoryHours: Int
  public var plannedSize: Int
  public var funding: Fund?
  /// Project classes only (CC-2024): the enterprise that demands the trainees, and how many.
  public var enterprise: String?
  public var demand: Int?

  public var hoursTotal: Int { hoursOffline + hoursOnline }
}

public struct ClassRejected: Equatable, Sendable {
  public var classID: String
  public var reason: String
}

public struct TraineeEnrolled: Equatable, Sendable {
  public var trainee: ResidentID
  public var name: String
  public var classID: String
  public var categories: [PersonCategory]
  public var uiBenefit: Bool
}

public struct AttendanceRecorded: Equatable, Sendable {
  public var classID: String
  public var trainee: ResidentID
  public var hours: Int
}

public struct ExamRecorded: Equatable, Sendable {
  public var classID: String
  public var trainee: ResidentID
  public var passed: Bool
  public var certificateType: CertificateType
  public var certificateNo: String?
  public var level: SkillLevel?
}

public struct EmploymentRecorded: Equatable, Sendable {
  public var trainee: ResidentID
  public var employer: String
  public var contractStart: CivilDate
  public var contractMonths: Int
  public var monthlyWage: Money
  public var socialInsurance: Bool
}

public struct ClaimSubmitted: Equatable, Sendable {
  public var claim: String
  public var classID: String
  public var trainees: [ResidentID]
  public var claimant: Claimant
}

public struct ClaimApproved: Equatable, Sendable {
  public var claim: String
  /// Written by the ledger on append (SPEC §5), never by the author of the event.
  public var decision: ApprovalDecision?
}

/// What the ledger decided on approval, under which exact rules.
public struct ApprovalDecision: Equatable, Sendable {
  public var lines: [ApprovedLine]
  public var total: Money
  public init(lines: [ApprovedLine], total: Money) { (self.lines, self.total) = (lines, total) }
}

public struct ApprovedLine: Equatable, Sendable {
  public var trainee: ResidentID
  public var amount: Money
  public var fund: Fund
  public var ruleset: String
  public var rulesetSHA256: String
  public var reasons: [String]
  public init(
    trainee: ResidentID, amount: Money, fund: Fund, ruleset: String, rulesetSHA256: String,
    reasons: [String]
  ) {
    (self.trainee, self.amount, self.fund) = (trainee, amount, fund)
    (self.ruleset, self.rulesetSHA256, self.reasons) = (ruleset, rulesetSHA256, reasons)
  }
}

public struct ClaimRejected: Equatable, Sendable {
  public var claim: String
  public var reason: String
}

public struct PaymentMade: Equatable, Sendable {
  public var payment: String
  public var claim: String
  public var fund: Fund
  public var amount: Money
  public var payee: String
  public var bankRef: String
}

public struct PaymentReturned: Equatable, Sendable {
  public var payment: String
  public var reason: String
}

public struct RecoveryOrdered: Equatable, Sendable {
  public var recovery: String
  public var claim: String
  public var trainee: ResidentID
  public var fund: Fund
  public var amount: Money
  public var reason: String
}

public struct RecoveryReceived: Equatable, Sendable {
  public var recovery: String
  public var amount: Money
}

public struct EventVoided: Equatable, Sendable {
  public var target: String
  public var reason: String
}
