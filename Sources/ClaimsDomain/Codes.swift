/// Stable codes of SPEC §2 and §4. The raw values are the journal's spelling and never change.

/// A fund source (资金来源).
public enum Fund: String, Codable, CaseIterable, Sendable, Comparable {
  case unemploymentInsurance = "unemployment-insurance"
  case skillsUpgradeAccount = "skills-upgrade-account"
  case employmentSubsidy = "employment-subsidy"

  public var chineseName: String {
    switch self {
    case .unemploymentInsurance: "失业保险基金"
    case .skillsUpgradeAccount: "职业技能提升行动专账资金"
    case .employmentSubsidy: "就业补助资金"
    }
  }

  public static func < (lhs: Fund, rhs: Fund) -> Bool { lhs.rawValue < rhs.rawValue }

  // A raw-value enum hashes and compares its spelling by default; the case is enough, and the
  // money of every approved line is kept in dictionaries by fund.
  public static func == (lhs: Fund, rhs: Fund) -> Bool { lhs.ordinal == rhs.ordinal }
  public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }

  var ordinal: Int {
    switch self {
    case .unemploymentInsurance: 0
    case .skillsUpgradeAccount: 1
    case .employmentSubsidy: 2
    }
  }
}

/// What an actor may do (SPEC §4). `none` deactivates an actor.
public enum Role: String, Codable, CaseIterable, Sendable {
  case admin, clerk, reviewer, finance, auditor, none
}

/// A training category (培训类别).
public enum TrainingCategory: String, Codable, CaseIterable, Sendable {
  case green, urgent, general, manufacturing, featured, entrepreneurship, project
  case specialAbility = "special-ability"

  public var chineseName: String {
    switch self {
    case .green: "绿色低碳"
    case .urgent: "急需紧缺"
    case .general: "一般性"
    case .manufacturing: "制造业"
    case .specialAbility: "专项职业能力"
    case .featured: "特色培训"
    case .entrepreneurship: "创业培训"
    case .project: "项目制"
    }
  }
}

/// A skill level (等级).
public enum SkillLevel: String, Codable, CaseIterable, Sendable, Comparable {
  case junior, intermediate, senior

  var rank: Int {
    switch self {
    case .junior: 1
    case .intermediate: 2
    case .senior: 3
    }
  }

  public static func < (lhs: SkillLevel, rhs: SkillLevel) -> Bool { lhs.rank < rhs.rank }
}

/// How a class is assessed: a skill evaluation, or a completion exam with a training certificate.
public enum Assessment: String, Codable, CaseIterable, Sendable {
  case evaluation, completion
}

/// Certificate types of LC-2019 (二十一).
public enum CertificateType: String, Codable, CaseIterable, Sendable {
  case vocationalQualification = "vocational-qualification"
  case skillLevel = "skill-level"
  case specialAbility = "special-ability"
  case trainingCertificate = "training-certificate"
  case specialOperation = "special-operation"
}

/// Person categories of CC-2024 §二(二) and LC-2019 (一).
public enum PersonCategory: String, Codable, CaseIterable, Sendable {
  case povertyMonitored = "poverty-monitored"
  case graduate
  case schoolLeaver = "school-leaver"
  case ruralMigrant = "rural-migrant"
  case registeredUnemployed = "registered-unemployed"
  case hardToEmploy = "hard-to-employ"
  case veteran
  case disabled
  case employedWorker = "employed-worker"
}

/// Who claims a subsidy: the training institution, or the trainee in person.
public enum Claimant: String, Codable, CaseIterable, Sendable {
  case institution, individual
}
