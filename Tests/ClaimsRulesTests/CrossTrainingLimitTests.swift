import ClaimsDomain
import ClaimsRules
import ClaimsTestSupport
import Testing

/// SPEC §7.3: limits across one trainee's trainings, in order of exam date then seq.
@Suite struct CrossTrainingLimitTests {
  let trainee = Scenario.trainee(1)

  /// Green catalogue occupations of LC-2024 (车工, 铣工, 铸造工 …), for distinct trainings.
  static let occupations = ["6-18-01-01", "6-18-01-02", "6-18-01-07", "6-18-02-01", "6-18-02-04"]

  func train(_ s: Scenario, _ classID: String, occupation: String, level: String = "junior",
    hours: Int = 40, examOn: String) throws
  {
    try s.liaochengClass(classID, occupation: occupation, level: level, hours: hours)
    try s.enrol(trainee, in: classID, on: "2024-09-09")
    try s.exam(trainee, classID, on: examOn)
  }

  @Test func theThirdTrainingInAYearIsPaidAndTheFourthIsNot() throws {
    let s = try Scenario()
    for (n, occupation) in Self.occupations.prefix(4).enumerated() {
      try train(s, "T-\(n + 1)", occupation: occupation, examOn: "2024-10-0\(n + 1)")
    }
    #expect(try s.entitlement(trainee, "T-3").status == .eligible)
    let fourth = try s.entitlement(trainee, "T-4")
    #expect(fourth.status == .ineligible)
    #expect(fourth.reasons == [Reason.annualLimitExceeded])
  }

  @Test func theYearIsTheExamsYear() throws {
    let s = try Scenario()
    for (n, occupation) in Self.occupations.prefix(3).enumerated() {
      try train(s, "T-\(n + 1)", occupation: occupation, examOn: "2024-12-1\(n + 1)")
    }
    try train(s, "T-4", occupation: Self.occupations[3], examOn: "2025-01-02")
    #expect(try s.entitlement(trainee, "T-4").status == .eligible)
  }

  @Test func theSameOccupationAndLevelIsSubsidisedOnce() throws {
    let s = try Scenario()
    try train(s, "T-1", occupation: "6-18-01-01", examOn: "2024-10-01")
    try train(s, "T-2", occupation: "6-18-01-01", examOn: "2024-10-02")
    #expect(try s.entitlement(trainee, "T-1").status == .eligible)
    #expect(try s.entitlement(trainee, "T-2").reasons == [Reason.duplicateOccupationLevel])
  }

  @Test func juniorAfterIntermediateOfTheSameOccupationIsNotPaid() throws {
    let s = try Scenario()
    try train(s, "T-1", occupation: "6-18-01-01", level: "intermediate", hours: 56, examOn: "2024-10-01")
    try train(s, "T-2", occupation: "6-18-01-01", level: "junior", examOn: "2024-10-05")
    #expect(try s.entitlement(trainee, "T-2").reasons == [Reason.lowerLevelAfterHigher])
    // The other way round is a step up, and is paid.
    let t = try Scenario()
    try train(t, "T-1", occupation: "6-18-01-01", level: "junior", examOn: "2024-10-01")
    try train(t, "T-2", occupation: "6-18-01-01", level: "intermediate", hours: 56, examOn: "2024-10-05")
    #expect(try t.entitlement(trainee, "T-2").status == .eligible)
  }

  @Test func ineligibleTrainingsDoNotCountTowardTheLimits() throws {
    let s = try Scenario()
    try train(s, "T-0", occupation: "6-18-01-01", hours: 39, examOn: "2024-10-01")  // too few hours
    for (n, occupation) in Self.occupations.dropFirst().prefix(3).enumerated() {
      try train(s, "T-\(n + 1)", occupation: occupation, examOn: "2024-10-0\(n + 2)")
    }
    #expect(try s.entitlement(trainee, "T-0").reasons == [Reason.hoursBelowStandard])
    #expect(try s.entitlement(trainee, "T-3").status == .eligible)
  }

  @Test func aVoidedEnrolmentCountsAsNeverHavingHappened() throws {
    let s = try Scenario()
    try train(s, "T-1", occupation: "6-18-01-01", examOn: "2024-10-01")
    let firstEnrolment = "enr-2"
    try train(s, "T-2", occupation: "6-18-01-01", examOn: "2024-10-02")
    #expect(try s.entitlement(trainee, "T-2").status == .ineligible)
    try s.void(firstEnrolment)
    #expect(try s.entitlement(trainee, "T-2").status == .eligible)
  }
}
