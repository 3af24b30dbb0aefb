import ClaimsDomain
import ClaimsLedger
import ClaimsRules
import ClaimsTestSupport
import Testing

/// Class approval against the rulesets (SPEC §5, §6): every refusal, on a real journal that
/// stays byte-identical.
@Suite struct ClassApprovalTests {
  func refusal(_ line: String) throws -> (code: String?, message: String?, unchanged: Bool) {
    let s = try Scenario()
    let (refusal, unchanged) = s.ledger.refusal([line], at: Scenario.recordedAt)
    return (refusal?.refusal.code, refusal?.refusal.message, unchanged)
  }

  func liaocheng(_ changes: [(String, JSONValue)]) -> String {
    editedLine(Bureau.classApproved("LC-X", [("institution", "inst-lc")]), changes)
  }

  @Test func aClassStartingBeforeAnyRulesetIsRefusedNamingThePeriods() throws {
    let result = try refusal(liaocheng([("start", "2024-08-31"), ("end", "2024-09-30")]))
    #expect(result.code == "no-ruleset-in-force")
    #expect(result.message?.contains("2024-08-31") == true)
    #expect(result.message?.contains("LC-2024 (liaocheng, 2024-09-01 to open-ended)") == true)
    #expect(result.unchanged)
  }

  @Test func aChangchunClassAfterTheDraftExpiresIsRefused() throws {
    let s = try Scenario()
    let line = s.projectClassLine("P-X", approvedOn: "2025-01-02", start: "2025-01-06")
    let (refusal, unchanged) = s.ledger.refusal([line], at: Scenario.recordedAt)
    #expect(refusal?.refusal.code == "no-ruleset-in-force")
    #expect(unchanged)
  }

  @Test func anOccupationOutsideTheCatalogueIsRefused() throws {
    let result = try refusal(liaocheng([("occupation", "9-99-99-99")]))
    #expect(result.code == "occupation-not-in-catalog")
    #expect(result.message?.contains("聊人社字〔2024〕12号") == true)
    #expect(result.unchanged)
  }

  @Test func anOccupationInAnotherCategoryIsRefused() throws {
    // 车工 is in the green catalogue, not the manufacturing one.
    let result = try refusal(liaocheng([("category", "manufacturing")]))
    #expect(result.code == "occupation-not-in-catalog")
  }

  @Test func aGradedClassNeedsALevel() throws {
    let result = try refusal(liaocheng([("level", .null)]))
    #expect(result.code == "level-required")
    #expect(result.unchanged)
  }

  @Test(arguments: [
    ("project-demand-below-minimum", ["demand": 4, "planned": 4, "offline": 100, "theory": 40]),
    ("planned-size-above-limit", ["demand": 10, "planned": 13, "offline": 100, "theory": 40]),
    ("hours-below-minimum", ["demand": 10, "planned": 12, "offline": -1, "theory": 10]),
    ("theory-share-above-limit", ["demand": 10, "planned": 12, "offline": 100, "theory": 57]),
  ])
  func changchunApprovalLimitsAreEnforced(code: String, values: [String: Int]) throws {
    let s = try Scenario()
    // offline -1 stands for 39 offline hours and none online: one below the 40-hour minimum.
    let offline = values["offline"]! < 0 ? 39 : values["offline"]!
    let online = values["offline"]! < 0 ? 0 : 40
    let line = s.projectClassLine(
      "P-X", offline: offline, online: online, theory: values["theory"]!, demand: values["demand"]!,
      plannedSize: values["planned"]!)
    let (refusal, unchanged) = s.ledger.refusal([line], at: Scenario.recordedAt)
    #expect(refusal?.refusal.code == code)
    #expect(unchanged)
  }

  @Test func theLimitsAreInclusiveAtTheirBoundaries() throws {
    let s = try Scenario()
    // demand 5, planned 6 = 5 × 1.2, 40 hours, theory 16 = 40 %.
    try s.record([s.projectClassLine("P-OK", offline: 40, online: 0, theory: 16, demand: 5, plannedSize: 6)])
    #expect(try s.ledger.state().classes["P-OK"] != nil)
  }
}
