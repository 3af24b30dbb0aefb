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

public struct InstitutionRegistered: Codable, Equatable, Sendable {
  public var institution: String
  public var name: String
  public var region: String

  public init(institution: String, name: String, region: String) {
    self.institution = institution
    self.name = name
    self.region = region
  }
}

public struct PlanSet: Codable, Equatable, Sendable {
  public var region: String
  public var year: Int
  public var target: Int
  public var program: String?

  public init(region: String, year: Int, target: Int, program: String? = nil) {
    self.region = region
    self.year = year
    self.target = target
    self.program = program
  }
}

public struct MinimumWagePublished: Equatable, Sendable {
  public var region: String
  public var amount: Money
  public var reference: String

  public init(region: String, amount: Money, reference: String) {
    self.region = region
    self.amount = amount
    self.reference = reference
  }
}

public struct FundAppropriated: Equatable, Sendable {
  public var fund: Fund
  public var region: String
  public var amount: Money
  public var reference: String

  public init(fund: Fund, region: String, amount: Money, reference: String) {
    self.fund = fund
    self.region = region
    self.amount = amount
    self.reference = reference
  }
}

public struct ClassApproved: Codable, Equatable, Sendable {
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

  public init(classID: String, institution: String, region: String, category: TrainingCategory, occupation: String, level: SkillLevel? = nil, assessment: Assessment, start: CivilDate, end: CivilDate, hoursOffline: Int, hoursOnline: Int, theoryHours: Int, plannedSize: Int, funding: Fund? = nil, enterprise: String? = nil, demand: Int? = nil) {
    self.classID = classID
    self.institution = institution
    self.region = region
    self.category = category
    self.occupation = occupation
    self.level = level
    self.assessment = assessment
    self.start = start
    self.end = end
    self.hoursOffline = hoursOffline
    self.hoursOnline = hoursOnline
    self.theoryHours = theoryHours
    self.plannedSize = plannedSize
    self.funding = funding
    self.enterprise = enterprise
    self.demand = demand
  }
}

public struct ClassRejected: Equatable, Sendable {
  public var classID: String
  public var reason: String

  public init(classID: String, reason: String) {
    self.classID = classID
    self.reason = reason
  }
}

public struct TraineeEnrolled: Codable, Equatable, Sendable {
  public var trainee: ResidentID
  public var name: String
  public var classID: String
  public var categories: [PersonCategory]
  public var uiBenefit: Bool

  public init(trainee: ResidentID, name: String, classID: String, categories: [PersonCategory], uiBenefit: Bool) {
    self.trainee = trainee
    self.name = name
    self.classID = classID
    self.categories = categories
    self.uiBenefit = uiBenefit
  }
}

public struct AttendanceRecorded: Equatable, Sendable {
  public var classID: String
  public var trainee: ResidentID
  public var hours: Int

  public init(classID: String, trainee: ResidentID, hours: Int) {
    self.classID = classID
    self.trainee = trainee
    self.hours = hours
  }
}

public struct ExamRecorded: Equatable, Sendable {
  public var classID: String
  public var trainee: ResidentID
  public var passed: Bool
  public var certificateType: CertificateType
  public var certificateNo: String?
  public var level: SkillLevel?

  public init(classID: String, trainee: ResidentID, passed: Bool, certificateType: CertificateType, certificateNo: String? = nil, level: SkillLevel? = nil) {
    self.classID = classID
    self.trainee = trainee
    self.passed = passed
    self.certificateType = certificateType
    self.certificateNo = certificateNo
    self.level = level
  }
}

public struct EmploymentRecorded: Codable, Equatable, Sendable {
  public var trainee: ResidentID
  public var employer: String
  public var contractStart: CivilDate
  public var contractMonths: Int
  public var monthlyWage: Money
  public var socialInsurance: Bool

  public init(trainee: ResidentID, employer: String, contractStart: CivilDate, contractMonths: Int, monthlyWage: Money, socialInsurance: Bool) {
    self.trainee = trainee
    self.employer = employer
    self.contractStart = contractStart
    self.contractMonths = contractMonths
    self.monthlyWage = monthlyWage
    self.socialInsurance = socialInsurance
  }
}

public struct ClaimSubmitted: Codable, Equatable, Sendable {
  public var claim: String
  public var classID: String
  public var trainees: [ResidentID]
  public var claimant: Claimant

  public init(claim: String, classID: String, trainees: [ResidentID], claimant: Claimant) {
    self.claim = claim
    self.classID = classID
    self.trainees = trainees
    self.claimant = claimant
  }
}

public struct ClaimApproved: Equatable, Sendable {
  public var claim: String
  /// Written by the ledger on append (SPEC §5), never by the author of the event.
  public var decision: ApprovalDecision?

  public init(claim: String, decision: ApprovalDecision? = nil) {
    self.claim = claim
    self.decision = decision
  }
}

/// What the ledger decided on approval, under which exact rules.
public struct ApprovalDecision: Codable, Equatable, Sendable {
  public var lines: [ApprovedLine]
  public var total: Money
  public init(lines: [ApprovedLine], total: Money) { (self.lines, self.total) = (lines, total) }
}

public struct ApprovedLine: Codable, Equatable, Sendable {
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

  public init(claim: String, reason: String) {
    self.claim = claim
    self.reason = reason
  }
}

public struct PaymentMade: Codable, Equatable, Sendable {
  public var payment: String
  public var claim: String
  public var fund: Fund
  public var amount: Money
  public var payee: String
  public var bankRef: String

  public init(payment: String, claim: String, fund: Fund, amount: Money, payee: String, bankRef: String) {
    self.payment = payment
    self.claim = claim
    self.fund = fund
    self.amount = amount
    self.payee = payee
    self.bankRef = bankRef
  }
}

public struct PaymentReturned: Equatable, Sendable {
  public var payment: String
  public var reason: String

  public init(payment: String, reason: String) {
    self.payment = payment
    self.reason = reason
  }
}

public struct RecoveryOrdered: Codable, Equatable, Sendable {
  public var recovery: String
  public var claim: String
  public var trainee: ResidentID
  public var fund: Fund
  public var amount: Money
  public var reason: String

  public init(recovery: String, claim: String, trainee: ResidentID, fund: Fund, amount: Money, reason: String) {
    self.recovery = recovery
    self.claim = claim
    self.trainee = trainee
    self.fund = fund
    self.amount = amount
    self.reason = reason
  }
}

public struct RecoveryReceived: Equatable, Sendable {
  public var recovery: String
  public var amount: Money

  public init(recovery: String, amount: Money) {
    self.recovery = recovery
    self.amount = amount
  }
}

public struct EventVoided: Equatable, Sendable {
  public var target: String
  public var reason: String

  public init(target: String, reason: String) {
    self.target = target
    self.reason = reason
  }
}
