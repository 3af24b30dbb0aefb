import ClaimsDomain
import ClaimsRules
import ClaimsTestSupport
import Testing

/// SPEC §7.2 on CC-2024: class B (cap 120 h), 100 offline + 40 online hours, demand 10.
/// Full amount: 100 offline h × ¥20 + 20 online h × ¥10 = ¥2,200 (offline hours count first).
@Suite struct ProjectEntitlementTests {
  /// A class of `count` trainees who all attended every hour and passed; the first `employed`
  /// of them found work above the minimum wage of ¥2,000.
  func project(count: Int = 10, employed: Int, attended: Int = 140) throws -> (Scenario, [String]) {
    let s = try Scenario()
    try s.minimumWage("2000")
    try s.projectClass("P-1")
    let trainees = try s.trainProjectClass("P-1", count: count, attended: attended) { index, trainee in
      if index < employed { try s.employ(trainee) }
    }
    return (s, trainees)
  }

  @Test func offlineHoursCountFirstTowardTheCap() throws {
    let (s, trainees) = try project(employed: 7)
    let e = try s.entitlement(trainees[0], "P-1")
    #expect(e.status == .eligible)
    #expect(e.amount == Money(decimal: "2200"))
    #expect(e.fund == .skillsUpgradeAccount)
    #expect(e.arithmetic.contains("100 offline h × ¥20.00 + 20 online h × ¥10.00 = ¥2,200.00"))
  }

  @Test func anAClassOccupationCapsAtTwoHundredFortyHours() throws {
    let s = try Scenario()
    try s.minimumWage("2000")
    try s.projectClass("P-A", occupation: "6-22-01-02", offline: 200, online: 100, theory: 100)
    let trainee = Scenario.trainee(1)
    try s.enrol(trainee, in: "P-A")
    try s.attend(trainee, "P-A", hours: 300)
    try s.exam(trainee, "P-A", on: "2024-06-01")
    // One trainee, demand 10: the gate stays closed, but the full amount is in the arithmetic.
    let e = try s.entitlement(trainee, "P-A")
    #expect(e.arithmetic.contains("200 offline h × ¥20.00 + 40 online h × ¥10.00 = ¥4,400.00"))
  }

  @Test func sevenEmployedOfADemandOfTenOpensTheGateExactly() throws {
    let (s, trainees) = try project(employed: 7)
    #expect(try s.entitlement(trainees[0], "P-1").amount == Money(decimal: "2200"))
    // The unemployed who attended everything get 60 % of the full amount.
    let unemployed = try s.entitlement(trainees[9], "P-1")
    #expect(unemployed.status == .eligible)
    #expect(unemployed.amount == Money(decimal: "1320"))
    #expect(unemployed.reasons == [Reason.notEmployed])
  }

  @Test func sixEmployedOfTenPaysNobody() throws {
    let (s, trainees) = try project(employed: 6)
    for trainee in trainees {
      let e = try s.entitlement(trainee, "P-1")
      #expect(e.status == .ineligible)
      #expect(e.reasons == [Reason.projectEmploymentBelow70pct])
    }
  }

  @Test func attendanceOfExactlySeventyPercentIsPaidInProportion() throws {
    let (s, trainees) = try project(employed: 7, attended: 98)  // 98 / 140 = 70 %
    let e = try s.entitlement(trainees[9], "P-1")
    #expect(e.status == .eligible)
    // 60 % × 98/140 × ¥2,200 = ¥924.00
    #expect(e.amount == Money(decimal: "924"))
  }

  @Test func attendanceJustBelowSeventyPercentPaysNothing() throws {
    let (s, trainees) = try project(employed: 7, attended: 97)
    let e = try s.entitlement(trainees[9], "P-1")
    #expect(e.status == .ineligible)
    #expect(e.reasons == [Reason.attendanceBelowMinimum])
  }

  @Test func attendanceOfExactlyNinetyPercentPaysTheFullSixtyPercent() throws {
    let (s, trainees) = try project(employed: 7, attended: 126)  // 126 / 140 = 90 %
    #expect(try s.entitlement(trainees[9], "P-1").amount == Money(decimal: "1320"))
    let (t, others) = try project(employed: 7, attended: 125)
    // 60 % × 125/140 × ¥2,200 = ¥1,178.571… → ¥1,178.57
    #expect(try t.entitlement(others[9], "P-1").amount == Money(decimal: "1178.57"))
  }

  @Test func employmentWithoutAMinimumWageInForceLeavesTheClassPending() throws {
    let s = try Scenario()
    try s.projectClass("P-1", demand: 5, plannedSize: 6)
    let trainees = try s.trainProjectClass("P-1", count: 5) { _, trainee in try s.employ(trainee) }
    let waiting = try s.entitlement(trainees[0], "P-1")
    #expect(waiting.status == .pending)
    #expect(waiting.reasons == [Reason.minimumWageNotSet])
    try s.minimumWage("2000", from: "2024-06-01")
    #expect(try s.entitlement(trainees[0], "P-1").status == .eligible)
  }

  @Test func aWageBelowTheMinimumIsNotEmployment() throws {
    let s = try Scenario()
    try s.minimumWage("2000")
    try s.projectClass("P-1", demand: 5, plannedSize: 6)
    let trainees = try s.trainProjectClass("P-1", count: 5) { index, trainee in
      try s.employ(trainee, wage: index == 4 ? "1999.99" : "2000.00")
    }
    let low = try s.entitlement(trainees[4], "P-1")
    #expect(low.status == .eligible)
    #expect(low.reasons == [Reason.wageBelowMinimum, Reason.notEmployed])
    #expect(low.amount == Money(decimal: "1320"))
  }

  @Test func employmentBeforeTheClassStartOrWithoutSocialInsuranceDoesNotCount() throws {
    let s = try Scenario()
    try s.minimumWage("2000")
    try s.projectClass("P-1", demand: 5, plannedSize: 6)
    let trainees = try s.trainProjectClass("P-1", count: 5) { index, trainee in
      switch index {
      case 0: try s.employ(trainee, from: "2024-03-31")
      case 1: try s.employ(trainee, socialInsurance: false)
      default: try s.employ(trainee)
      }
    }
    // 3 of 5 employed: 3 × 10 < 5 × 7.
    #expect(try s.entitlement(trainees[2], "P-1").reasons == [Reason.projectEmploymentBelow70pct])
  }

  @Test func aClassApprovedAfterItsStartPaysNobody() throws {
    let (s, _) = try (Scenario(), ())
    try s.minimumWage("2000")
    try s.projectClass("P-1", approvedOn: "2024-04-02")
    let trainee = Scenario.trainee(1)
    try s.enrol(trainee, in: "P-1")
    #expect(try s.entitlement(trainee, "P-1").reasons == [Reason.classNotApprovedBeforeStart])
  }

  @Test func aTraineeInNoEligiblePersonCategoryIsNotPaid() throws {
    let s = try Scenario()
    try s.projectClass("P-1")
    let trainee = Scenario.trainee(1)
    try s.enrol(trainee, in: "P-1", categories: ["employed-worker"])
    #expect(try s.entitlement(trainee, "P-1").reasons == [Reason.personCategoryNotEligible])
  }

  @Test func aClaimMoreThanFiveWorkingDaysAfterTheContractStartIsFlaggedButPaid() throws {
    let (s, trainees) = try project(employed: 7)
    // Contract start Monday 2024-06-03; five working days later is Monday 2024-06-10.
    try s.claim("C-ON-TIME", "P-1", trainees: [trainees[0]], on: "2024-06-10")
    try s.claim("C-LATE", "P-1", trainees: [trainees[1]], on: "2024-06-11")
    let onTime = try s.entitlement(trainees[0], "P-1")
    let late = try s.entitlement(trainees[1], "P-1")
    #expect(onTime.reasons.isEmpty)
    #expect(late.reasons == [Reason.claimLate])
    #expect(late.amount == Money(decimal: "2200"))
  }

  @Test func workingDaysSkipWeekends() {
    let friday = CivilDate("2024-06-07")!
    #expect(WorkingDays.between(friday, CivilDate("2024-06-10")!) == 1)
    #expect(WorkingDays.between(friday, CivilDate("2024-06-14")!) == 5)
    #expect(WorkingDays.between(friday, friday) == 0)
  }
}
