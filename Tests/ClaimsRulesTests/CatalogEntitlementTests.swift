import ClaimsDomain
import ClaimsRules
import ClaimsTestSupport
import Testing

/// SPEC §7.1 and §7.4 on LC-2024, as scenario scripts over real journals.
@Suite struct CatalogEntitlementTests {
  let zhang = Scenario.trainee(1)
  let wang = Scenario.trainee(2)

  @Test func aPassedJuniorGreenClassPaysSixHundredFromTheEmploymentSubsidyFund() throws {
    let s = try Scenario()
    try s.liaochengClass("LC-1")
    try s.enrol(zhang, in: "LC-1", on: "2024-09-09")
    try s.exam(zhang, "LC-1", on: "2024-09-30")
    let e = try s.entitlement(zhang, "LC-1")
    #expect(e.status == .eligible)
    #expect(e.amount == Money(decimal: "600"))
    #expect(e.fund == .employmentSubsidy)
    #expect(e.ruleset == "LC-2024")
    #expect(e.rules.contains("聊人社字〔2024〕12号 附件2（一）第1行"))
  }

  @Test func intermediateAndSeniorPayTheirOwnStandards() throws {
    let s = try Scenario()
    try s.liaochengClass("LC-I", level: "intermediate", hours: 56)
    try s.liaochengClass("LC-S", occupation: "6-18-01-02", level: "senior", hours: 56)
    try s.enrol(zhang, in: "LC-I", on: "2024-09-09")
    try s.enrol(wang, in: "LC-S", on: "2024-09-09")
    try s.exam(zhang, "LC-I", on: "2024-09-30")
    try s.exam(wang, "LC-S", on: "2024-09-30")
    #expect(try s.entitlement(zhang, "LC-I").amount == Money(decimal: "700"))
    #expect(try s.entitlement(wang, "LC-S").amount == Money(decimal: "800"))
  }

  @Test func completionAssessmentPaysTheJuniorStandardWhateverTheLevel() throws {
    let s = try Scenario()
    try s.liaochengClass("LC-C", level: "senior", assessment: "completion", hours: 40)
    try s.enrol(zhang, in: "LC-C", on: "2024-09-09")
    try s.exam(zhang, "LC-C", on: "2024-09-30")
    let e = try s.entitlement(zhang, "LC-C")
    #expect(e.status == .eligible)
    #expect(e.amount == Money(decimal: "600"))
    #expect(e.arithmetic.contains("completion assessment pays the junior standard"))
  }

  @Test func traineesOnUnemploymentBenefitsArePaidFromUnemploymentInsurance() throws {
    let s = try Scenario()
    try s.liaochengClass("LC-1", funding: "skills-upgrade-account")
    try s.enrol(zhang, in: "LC-1", uiBenefit: true, on: "2024-09-09")
    try s.enrol(wang, in: "LC-1", on: "2024-09-09")
    try s.exam(zhang, "LC-1", on: "2024-09-30")
    try s.exam(wang, "LC-1", on: "2024-09-30")
    #expect(try s.entitlement(zhang, "LC-1").fund == .unemploymentInsurance)
    #expect(try s.entitlement(wang, "LC-1").fund == .skillsUpgradeAccount)
  }

  @Test func aFailedExamPaysNothingAndAResitThatPassesReplacesIt() throws {
    let s = try Scenario()
    try s.liaochengClass("LC-1")
    try s.enrol(zhang, in: "LC-1", on: "2024-09-09")
    #expect(try s.entitlement(zhang, "LC-1").status == .pending)
    #expect(try s.entitlement(zhang, "LC-1").reasons == [Reason.examNotRecorded])
    try s.exam(zhang, "LC-1", passed: false, on: "2024-09-30")
    let failed = try s.entitlement(zhang, "LC-1")
    #expect(failed.status == .ineligible)
    #expect(failed.reasons == [Reason.examFailed])
    #expect(failed.amount == .zero)
    try s.exam(zhang, "LC-1", passed: true, on: "2024-10-15")
    #expect(try s.entitlement(zhang, "LC-1").status == .eligible)
  }

  @Test func classHoursBelowTheSubsidyHoursPayNothing() throws {
    let s = try Scenario()
    try s.liaochengClass("LC-39", hours: 39)
    try s.liaochengClass("LC-40", occupation: "6-18-01-02", hours: 40)
    for (trainee, classID) in [(zhang, "LC-39"), (wang, "LC-40")] {
      try s.enrol(trainee, in: classID, on: "2024-09-09")
      try s.exam(trainee, classID, on: "2024-09-30")
    }
    #expect(try s.entitlement(zhang, "LC-39").reasons == [Reason.hoursBelowStandard])
    #expect(try s.entitlement(wang, "LC-40").status == .eligible)
  }

  @Test func specialAbilityPaysByItsClassAndFeaturedByItsItem() throws {
    let s = try Scenario()
    let library = RuleLibrary.shipped.ruleset(id: "LC-2024")!
    let food = library.catalog.first { $0.category == .specialAbility && $0.klass == "食品制作类" }!
    let craft = library.catalog.first { $0.category == .specialAbility && $0.klass == "手工制作类" }!
    try s.liaochengClass("SA-F", category: "special-ability", occupation: food.name, level: nil, hours: 24)
    try s.liaochengClass("SA-C", category: "special-ability", occupation: craft.name, level: nil, hours: 24)
    try s.liaochengClass("FT-L", category: "featured", occupation: "鲁菜师傅+", level: nil, assessment: "completion", hours: 56)
    let trainees = [(zhang, "SA-F"), (wang, "SA-C"), (Scenario.trainee(3), "FT-L")]
    for (trainee, classID) in trainees {
      try s.enrol(trainee, in: classID, on: "2024-09-09")
      try s.exam(trainee, classID, on: "2024-09-30")
    }
    #expect(try s.entitlement(zhang, "SA-F").amount == Money(decimal: "500"))
    #expect(try s.entitlement(wang, "SA-C").amount == Money(decimal: "400"))
    // 鲁菜师傅+ is assessed by a completion exam yet pays its own ¥800.
    #expect(try s.entitlement(Scenario.trainee(3), "FT-L").amount == Money(decimal: "800"))
  }

  @Test func entrepreneurshipPaysByItem() throws {
    let s = try Scenario()
    try s.liaochengClass("GYB", category: "entrepreneurship", occupation: "创业意识培训 (A类) 产生你的企业想法 (GYB)",
      level: nil, assessment: "completion", hours: 24)
    try s.enrol(zhang, in: "GYB", on: "2024-09-09")
    try s.exam(zhang, "GYB", on: "2024-09-30")
    #expect(try s.entitlement(zhang, "GYB").amount == Money(decimal: "300"))
  }

  @Test func aJinanClassStaysUnknownNeverAGuessedNumber() throws {
    let s = try Scenario()
    try s.jinanClass("JN-1")
    try s.enrol(zhang, in: "JN-1", on: "2024-03-04")
    try s.exam(zhang, "JN-1", on: "2024-03-29")
    let e = try s.entitlement(zhang, "JN-1")
    #expect(e.status == .unknown)
    #expect(e.amount == nil)
    #expect(e.reasons == [Reason.noStandardInForce])
    #expect(e.ruleset == "JN-2023")
  }

  @Test func aVoidedExamCountsAsNeverRecorded() throws {
    let s = try Scenario()
    try s.liaochengClass("LC-1")
    try s.enrol(zhang, in: "LC-1", on: "2024-09-09")
    try s.exam(zhang, "LC-1", on: "2024-09-30")
    let examID = "exm-\(s.lastCounter)"
    try s.void(examID)
    #expect(try s.entitlement(zhang, "LC-1").status == .pending)
  }
}
