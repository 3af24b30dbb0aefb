import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsRules

/// A readable script over a real journal: record facts as a bureau would, then ask what each
/// trainee is entitled to. Every step goes through `claims append`'s code, under the shipped
/// rulesets.
public final class Scenario: @unchecked Sendable {
  public let ledger: LedgerFixture
  var counter = 0
  /// The number in the id of the last event a helper recorded (`exm-7`).
  public var lastCounter: Int { counter }
  /// Scenario batches are recorded well after every event date they carry.
  public static let recordedAt = "2026-01-05T00:00:00.000Z"

  /// A bureau with staff, an institution in each region, and funds; no classes.
  public init() throws {
    ledger = try LedgerFixture(setup: false, openedAt: "2024-01-01T00:00:00.000Z")
    try ledger.append(
      [
        Bureau.actor(Bureau.clerk, "clerk", n: 1), Bureau.actor(Bureau.reviewer, "reviewer", n: 2),
        Bureau.actor(Bureau.reviewer2, "reviewer", n: 3), Bureau.actor(Bureau.finance, "finance", n: 4),
        institution("inst-lc", "liaocheng"), institution("inst-cc", "changchun"),
        institution("inst-jn", "jinan"),
      ], at: "2024-09-02T00:00:00.000Z")
  }

  func nextID(_ prefix: String) -> String {
    counter += 1
    return "\(prefix)-\(counter)"
  }

  func institution(_ id: String, _ region: String) -> String {
    eventLine(
      "institution.registered", id: "reg-\(id)", date: "2024-01-02", actor: Bureau.admin,
      [("institution", .string(id)), ("name", .string(id)), ("region", .string(region))])
  }

  /// Appends events as one batch; throws the refusal if the ledger refuses.
  public func record(_ lines: [String]) throws { try ledger.append(lines, at: Self.recordedAt) }

  /// A valid resident ID for trainee number `n`.
  public static func trainee(_ n: Int) -> String {
    let body = "3715021990" + String(1_000_000 + n).suffix(7)
    return body + String(ResidentID.checkCharacter(for: body)!)
  }

  // MARK: Classes

  /// A Liaocheng catalogue class (default: green 车工 6-18-01-01, junior, 40 h).
  public func liaochengClass(
    _ id: String, category: String = "green", occupation: String = "6-18-01-01",
    level: String? = "junior", assessment: String = "evaluation", hours: Int = 40,
    start: String = "2024-09-09", end: String = "2024-09-30", funding: String? = nil
  ) throws {
    try record([
      eventLine(
        "class.approved", id: nextID("cls"), date: "2024-09-02", actor: Bureau.reviewer,
        [
          ("class", .string(id)), ("institution", "inst-lc"), ("region", "liaocheng"),
          ("category", .string(category)), ("occupation", .string(occupation)),
          ("level", level.map(JSONValue.string) ?? .null), ("assessment", .string(assessment)),
          ("start", .string(start)), ("end", .string(end)), ("hours_offline", .number(String(hours))),
          ("hours_online", 0), ("theory_hours", 0), ("planned_size", 50),
          ("funding", funding.map(JSONValue.string) ?? .null),
        ])
    ])
  }

  /// A Changchun project class (default: 汽车生产线操作工 6-22-01-01, class B, 100 offline and
  /// 40 online hours, demand 10, approved before its start on 2024-04-01).
  public func projectClass(
    _ id: String, occupation: String = "6-22-01-01", offline: Int = 100, online: Int = 40,
    theory: Int = 40, demand: Int = 10, plannedSize: Int = 12, approvedOn: String = "2024-03-28",
    start: String = "2024-04-01"
  ) throws {
    try record([projectClassLine(id, occupation: occupation, offline: offline, online: online,
      theory: theory, demand: demand, plannedSize: plannedSize, approvedOn: approvedOn, start: start)])
  }

  public func projectClassLine(
    _ id: String, occupation: String = "6-22-01-01", offline: Int = 100, online: Int = 40,
    theory: Int = 40, demand: Int = 10, plannedSize: Int = 12, approvedOn: String = "2024-03-28",
    start: String = "2024-04-01"
  ) -> String {
    eventLine(
      "class.approved", id: nextID("cls"), date: approvedOn, actor: Bureau.reviewer,
      [
        ("class", .string(id)), ("institution", "inst-cc"), ("region", "changchun"),
        ("category", "project"), ("occupation", .string(occupation)), ("assessment", "evaluation"),
        ("start", .string(start)), ("end", .string(CivilDate(start)!.adding(days: 90).description)),
        ("hours_offline", .number(String(offline))),
        ("hours_online", .number(String(online))), ("theory_hours", .number(String(theory))),
        ("planned_size", .number(String(plannedSize))), ("enterprise", "一汽解放"),
        ("demand", .number(String(demand))),
      ])
  }

  /// A Jinan class: the catalogue has it, the seed publishes no amounts.
  public func jinanClass(_ id: String) throws {
    try record([
      eventLine(
        "class.approved", id: nextID("cls"), date: "2024-03-01", actor: Bureau.reviewer,
        [
          ("class", .string(id)), ("institution", "inst-jn"), ("region", "jinan"),
          ("category", "urgent"), ("occupation", "6-05-01-03"), ("level", "junior"),
          ("assessment", "evaluation"), ("start", "2024-03-04"), ("end", "2024-03-29"),
          ("hours_offline", 40), ("hours_online", 0), ("theory_hours", 10), ("planned_size", 30),
        ])
    ])
  }

  // MARK: Facts

  public func enrol(
    _ trainee: String, in classID: String, categories: [String] = ["registered-unemployed"],
    uiBenefit: Bool = false, on date: String = "2024-03-30"
  ) throws {
    try record([
      eventLine(
        "trainee.enrolled", id: nextID("enr"), date: date, actor: Bureau.clerk,
        [
          ("trainee", .string(trainee)), ("name", "学员"), ("class", .string(classID)),
          ("categories", .array(categories.map(JSONValue.string))), ("ui_benefit", .bool(uiBenefit)),
        ])
    ])
  }

  /// Attendance of `hours` in all, recorded as days of at most 8 hours from `from`.
  public func attend(_ trainee: String, _ classID: String, hours: Int, from: String = "2024-04-01") throws {
    var lines: [String] = []
    var left = hours
    var day = CivilDate(from)!
    while left > 0 {
      let today = min(8, left)
      lines.append(
        eventLine(
          "attendance.recorded", id: nextID("att"), date: day.description, actor: Bureau.clerk,
          [("class", .string(classID)), ("trainee", .string(trainee)), ("hours", .number(String(today)))]))
      left -= today
      day = day.adding(days: 1)
    }
    try record(lines)
  }

  public func exam(_ trainee: String, _ classID: String, passed: Bool = true, on date: String) throws {
    try record([
      eventLine(
        "exam.recorded", id: nextID("exm"), date: date, actor: Bureau.clerk,
        [
          ("class", .string(classID)), ("trainee", .string(trainee)), ("passed", .bool(passed)),
          ("certificate_type", "skill-level"),
          ("certificate_no", passed ? .string("C-\(counter)") : .null),
        ])
    ])
  }

  public func employ(
    _ trainee: String, from contractStart: String = "2024-06-03", wage: String = "3000.00",
    socialInsurance: Bool = true
  ) throws {
    try record([
      eventLine(
        "employment.recorded", id: nextID("emp"), date: contractStart, actor: Bureau.clerk,
        [
          ("trainee", .string(trainee)), ("employer", "一汽解放"), ("contract_start", .string(contractStart)),
          ("contract_months", 12), ("monthly_wage", .string(wage)),
          ("social_insurance", .bool(socialInsurance)),
        ])
    ])
  }

  public func minimumWage(_ amount: String, region: String = "changchun", from date: String = "2024-01-01") throws {
    try record([
      eventLine(
        "minimum_wage.published", id: nextID("mw"), date: date, actor: Bureau.admin,
        [("region", .string(region)), ("amount", .string(amount)), ("reference", "吉政发〔2023〕1号")])
    ])
  }

  public func claim(_ claim: String, _ classID: String, trainees: [String], on date: String) throws {
    try record([
      eventLine(
        "claim.submitted", id: nextID("clm"), date: date, actor: Bureau.clerk,
        [
          ("claim", .string(claim)), ("class", .string(classID)),
          ("trainees", .array(trainees.map(JSONValue.string))), ("claimant", "institution"),
        ])
    ])
  }

  public func void(_ target: String) throws {
    try record([Bureau.voided(target, id: nextID("void"))])
  }

  /// Enrols `count` trainees in a project class, each attending `attended` hours and passing the
  /// exam on 2024-06-01; `employment` then records (or not) each one's job, by position.
  @discardableResult
  public func trainProjectClass(
    _ classID: String, count: Int, attended: Int = 140,
    employment: (_ index: Int, _ trainee: String) throws -> Void = { _, _ in }
  ) throws -> [String] {
    let trainees = (1...count).map(Self.trainee)
    for (index, trainee) in trainees.enumerated() {
      try enrol(trainee, in: classID)
      try attend(trainee, classID, hours: attended)
      try exam(trainee, classID, on: "2024-06-01")
      try employment(index, trainee)
    }
    return trainees
  }

  // MARK: Questions

  public func entitlements() throws -> [Entitlement] {
    let state = try ledger.state()
    return EntitlementEngine(library: .shipped).entitlements(of: state.allClassFacts, wages: state.minimumWages)
  }

  public func entitlement(_ trainee: String, _ classID: String) throws -> Entitlement {
    guard let found = try entitlements().first(where: { $0.trainee.value == trainee && $0.classID == classID })
    else { fatalError("no entitlement for \(trainee) in \(classID)") }
    return found
  }
}
