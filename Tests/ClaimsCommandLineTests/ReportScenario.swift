import ClaimsDomain
import ClaimsTestSupport
import Foundation

/// A bureau's year and a half, recorded through the real append path, for `claims stats` and
/// `claims report`: project training in Changchun (Q2 2024), catalogue classes in Liaocheng
/// (Q3 and Q4 2024, Q1 and Q2 2025) across three funds and several person categories, trainees
/// who must not count (failed, pending, voided, duplicate, no standard), plans (one corrected),
/// money (appropriations, approvals, payments, a bank return, a recovery) and findings.
///
/// As it records, it writes down what it expects to count — every pair it made eligible, with
/// the quarter, region, category, fund and person categories that its own events say — so
/// the tests compare the commands against this independent account.
nonisolated(unsafe) private var sharedFolder: String?

final class ReportScenario: @unchecked Sendable {
  /// A pair the script made eligible.
  struct Expected: Equatable {
    var trainee: String
    var classID: String
    var examDate: CivilDate
    var region: String
    var category: String
    var fund: String
    var personCategories: [String]
    var year: Int { examDate.year }
    var quarter: Int { (examDate.month - 1) / 3 + 1 }
  }

  /// A `plan.set` as appended.
  struct Plan {
    var region: String
    var year: Int
    var program: String?
    var target: Int
  }

  let s: Scenario
  var expected: [Expected] = []
  var plans: [Plan] = []
  /// Everyone enrolled, counted or not: none of these may appear whole in the HTML.
  var trainees: Set<String> = []
  /// Payments by id, as appended: the category of the claim's class, the fund, the amount.
  var payments: [String: (category: String, fund: String, amount: Money)] = [:]
  var returned: Set<String> = []
  /// Each class's category and each claim's class, as appended.
  var categoryOfClass = [
    "P-1": "project", "LC-G": "green", "LC-M": "manufacturing", "LC-D": "green", "LC-25": "green",
  ]
  var classOfClaim: [String: String] = [:]

  /// Paid less bank returns, by class category and fund.
  var payouts: [Pair: Money] {
    var paid: [Pair: Money] = [:]
    for (id, payment) in payments where !returned.contains(id) {
      paid[Pair(payment.category, payment.fund), default: .zero] += payment.amount
    }
    return paid
  }

  struct Pair: Hashable {
    var first: String
    var second: String
    init(_ first: String, _ second: String) { (self.first, self.second) = (first, second) }
  }
  var path: String { s.ledger.path }

  static func t(_ n: Int) -> String { Scenario.trainee(n) }

  /// One scenario for every test that only reads it: building it appends some 30 batches.
  /// Its folder is removed when the test process exits.
  static func shared() throws -> ReportScenario { try built.get() }

  private static let built = Result<ReportScenario, any Error> {
    let scenario = try ReportScenario()
    sharedFolder = scenario.s.ledger.folder.url.path
    atexit { if let folder = sharedFolder { try? FileManager.default.removeItem(atPath: folder) } }
    return scenario
  }

  init() throws {
    s = try Scenario()
    try s.minimumWage("2000")
    try appropriate()
    try projectTraining()
    try liaochengTraining()
    try jinanTraining()
    try setPlans()
    try money()
  }

  func appropriate() throws {
    var lines: [String] = []
    for (n, (fund, region)) in [
      ("employment-subsidy", "liaocheng"), ("unemployment-insurance", "liaocheng"),
      ("skills-upgrade-account", "liaocheng"), ("skills-upgrade-account", "changchun"),
    ].enumerated() {
      lines.append(
        eventLine(
          "fund.appropriated", id: "fund-\(n)", date: "2024-03-01", actor: Bureau.finance,
          [
            ("fund", .string(fund)), ("region", .string(region)), ("amount", "50000.00"),
            ("reference", "预算 2024"),
          ]))
    }
    try s.record(lines)
  }

  /// Ten trainees, all employed, all passed on 2024-06-01: ten person-times in Q2 2024.
  func projectTraining() throws {
    try s.projectClass("P-1")
    for n in 1...10 {
      let trainee = Self.t(n)
      let categories = n <= 3 ? ["registered-unemployed", "graduate"] : ["registered-unemployed"]
      enrol(trainee, "P-1", categories, on: "2024-03-30")
      attend(trainee, "P-1", hours: 140, from: "2024-04-01")
      exam(trainee, "P-1", on: "2024-06-01")
      employ(trainee, from: "2024-06-03")
      expect(
        trainee, "P-1", "2024-06-01", "changchun", "project", "skills-upgrade-account", categories)
    }
    try flush()
  }

  func liaochengTraining() throws {
    try s.liaochengClass("LC-G", start: "2024-09-09", end: "2024-09-30")
    try s.liaochengClass(
      "LC-M", category: "manufacturing", occupation: "6-01-07-01", start: "2024-10-08",
      end: "2024-11-29",
      funding: "skills-upgrade-account")
    try s.liaochengClass("LC-D", start: "2024-10-08", end: "2024-12-31")
    try s.liaochengClass(
      "LC-25", level: "intermediate", hours: 56, start: "2025-01-06", end: "2025-03-28")

    // LC-G: on UI benefits (unemployment insurance), employment subsidy, failed, pending, voided.
    enrol(
      Self.t(11), "LC-G", ["rural-migrant", "registered-unemployed"], ui: true, on: "2024-09-09")
    exam(Self.t(11), "LC-G", on: "2024-09-30")
    expect(
      Self.t(11), "LC-G", "2024-09-30", "liaocheng", "green", "unemployment-insurance",
      ["rural-migrant", "registered-unemployed"])
    enrol(Self.t(12), "LC-G", ["graduate"], on: "2024-09-09")
    exam(Self.t(12), "LC-G", on: "2024-09-30")
    expect(
      Self.t(12), "LC-G", "2024-09-30", "liaocheng", "green", "employment-subsidy", ["graduate"])
    enrol(Self.t(13), "LC-G", ["graduate"], on: "2024-09-09")
    exam(Self.t(13), "LC-G", passed: false, on: "2024-09-30")
    enrol(Self.t(14), "LC-G", ["veteran"], on: "2024-09-09")
    let voidedEnrolment = enrol(Self.t(15), "LC-G", ["veteran"], on: "2024-09-09")
    exam(Self.t(15), "LC-G", on: "2024-09-30")
    fact(
      "event.voided", "2024-10-09", actor: Bureau.reviewer,
      [("target", .string(voidedEnrolment)), ("reason", "recorded in error")])

    // LC-M (manufacturing, skills-upgrade-account): two, in Q4 2024; t12 a second time, another
    // occupation, so it counts.
    enrol(Self.t(16), "LC-M", ["veteran", "disabled"], on: "2024-10-08")
    exam(Self.t(16), "LC-M", on: "2024-11-15")
    expect(
      Self.t(16), "LC-M", "2024-11-15", "liaocheng", "manufacturing", "skills-upgrade-account",
      ["veteran", "disabled"])
    enrol(Self.t(12), "LC-M", ["graduate"], on: "2024-10-08")
    exam(Self.t(12), "LC-M", on: "2024-11-15")
    expect(
      Self.t(12), "LC-M", "2024-11-15", "liaocheng", "manufacturing", "skills-upgrade-account",
      ["graduate"])
    // t12 in two classes on one day, 16 hours: two findings.
    attend(Self.t(12), "LC-M", hours: 8, from: "2024-10-10")

    // LC-D: the same occupation and level as LC-G for t12: duplicate, not counted.
    enrol(Self.t(12), "LC-D", ["graduate"], on: "2024-10-08")
    attend(Self.t(12), "LC-D", hours: 8, from: "2024-10-10")
    exam(Self.t(12), "LC-D", on: "2024-12-20")

    // LC-25: Q1 and Q2 2025.
    enrol(Self.t(17), "LC-25", ["employed-worker"], on: "2025-01-06")
    exam(Self.t(17), "LC-25", on: "2025-03-20")
    expect(
      Self.t(17), "LC-25", "2025-03-20", "liaocheng", "green", "employment-subsidy",
      ["employed-worker"])
    enrol(Self.t(18), "LC-25", ["employed-worker", "rural-migrant"], on: "2025-01-06")
    exam(Self.t(18), "LC-25", on: "2025-05-10")
    expect(
      Self.t(18), "LC-25", "2025-05-10", "liaocheng", "green", "employment-subsidy",
      ["employed-worker", "rural-migrant"])
    try flush()
  }

  /// Jinan publishes no amounts: unknown, never a person-time.
  func jinanTraining() throws {
    try s.jinanClass("JN-1")
    enrol(Self.t(19), "JN-1", ["graduate"], on: "2024-03-04")
    exam(Self.t(19), "JN-1", on: "2024-03-29")
    try flush()
  }

  func setPlans() throws {
    try plan("liaocheng", 2024, nil, 10)
    try plan("liaocheng", 2024, "green", 5)
    try plan("liaocheng", 2024, "graduate", 3)
    try plan("liaocheng", 2024, "<b>家政</b> & \"培训\"", 100)
    try plan("changchun", 2024, nil, 20)
    try plan("changchun", 2024, nil, 12)  // the correction: replaces 20
    try plan("liaocheng", 2025, nil, 4)
  }

  var planCount = 0

  func plan(_ region: String, _ year: Int, _ program: String?, _ target: Int) throws {
    planCount += 1
    try s.record([
      eventLine(
        "plan.set", id: "plan-\(planCount)", date: "2024-01-15", actor: Bureau.admin,
        [
          ("region", .string(region)), ("year", .number(String(year))),
          ("target", .number(String(target))),
          ("program", program.map(JSONValue.string) ?? .null),
        ])
    ])
    if let index = plans.firstIndex(where: {
      $0.region == region && $0.year == year && $0.program == program
    }) {
      plans[index].target = target
    } else {
      plans.append(Plan(region: region, year: year, program: program, target: target))
    }
  }

  /// Claims, approvals and payments: LC-G paid in two funds (one payment returned by the bank),
  /// P-1 paid in part, LC-M claimed by t16 in person and paid to someone else (a finding that
  /// names two resident IDs), and a recovery ordered and partly received.
  func money() throws {
    try claim("CL-G", "LC-G", [Self.t(11), Self.t(12)], on: "2024-10-08")
    try claim("CL-P", "P-1", (1...10).map(Self.t), on: "2024-06-05")
    try claim("CL-M", "LC-M", [Self.t(16)], on: "2024-11-20", claimant: "individual")
    try s.record([
      approve("CL-P", on: "2024-06-10"), approve("CL-G", on: "2024-10-09"),
      approve("CL-M", on: "2024-11-21"),
    ])
    try s.record([
      pay(
        "PAY-P", "CL-P", "skills-upgrade-account", "11000.00", payee: "inst-cc", on: "2024-06-20"),
      pay("PAY-G1", "CL-G", "unemployment-insurance", "600.00", payee: "inst-lc", on: "2024-10-15"),
      pay("PAY-G2", "CL-G", "employment-subsidy", "600.00", payee: "inst-lc", on: "2024-10-15"),
      pay("PAY-M", "CL-M", "skills-upgrade-account", "600.00", payee: Self.t(17), on: "2024-11-25"),
    ])
    try s.record([
      returnPayment("PAY-G2", on: "2024-10-20"),
      eventLine(
        "recovery.ordered", id: "rec-1", date: "2024-12-02", actor: Bureau.reviewer2,
        [
          ("recovery", "REC-P"), ("claim", "CL-P"), ("trainee", .string(Self.t(1))),
          ("fund", "skills-upgrade-account"), ("amount", "2200.00"), ("reason", "fraud"),
        ]),
    ])
    try s.record([
      eventLine(
        "recovery.received", id: "rcv-1", date: "2025-01-10", actor: Bureau.finance,
        [("recovery", "REC-P"), ("amount", "1000.00")])
    ])
  }

  // MARK: Helpers

  /// Facts wait in `batch` and are appended together: one fsync'd batch per phase instead of
  /// one per event keeps the scenario quick to build.
  var batch: [String] = []
  var factCount = 0

  func flush() throws {
    guard !batch.isEmpty else { return }
    try s.record(batch)
    batch = []
  }

  /// Adds a fact to the batch; returns its id.
  @discardableResult
  func fact(
    _ type: String, _ date: String, actor: String = Bureau.clerk, _ fields: [(String, JSONValue)]
  ) -> String {
    factCount += 1
    let id = "fact-\(factCount)"
    batch.append(eventLine(type, id: id, date: date, actor: actor, fields))
    return id
  }

  @discardableResult
  func enrol(
    _ trainee: String, _ classID: String, _ categories: [String], ui: Bool = false, on date: String
  ) -> String {
    trainees.insert(trainee)
    return fact(
      "trainee.enrolled", date,
      [
        ("trainee", .string(trainee)), ("name", "学员"), ("class", .string(classID)),
        ("categories", .array(categories.map(JSONValue.string))), ("ui_benefit", .bool(ui)),
      ])
  }

  /// Days of at most 8 hours from `from`.
  func attend(_ trainee: String, _ classID: String, hours: Int, from: String) {
    var (left, day) = (hours, CivilDate(from)!)
    while left > 0 {
      fact(
        "attendance.recorded", day.description,
        [
          ("class", .string(classID)), ("trainee", .string(trainee)),
          ("hours", .number(String(min(8, left)))),
        ])
      left -= min(8, left)
      day = day.adding(days: 1)
    }
  }

  func exam(_ trainee: String, _ classID: String, passed: Bool = true, on date: String) {
    fact(
      "exam.recorded", date,
      [
        ("class", .string(classID)), ("trainee", .string(trainee)), ("passed", .bool(passed)),
        ("certificate_type", "skill-level"),
        ("certificate_no", passed ? .string("C-\(factCount)") : .null),
      ])
  }

  func employ(_ trainee: String, from date: String) {
    fact(
      "employment.recorded", date,
      [
        ("trainee", .string(trainee)), ("employer", "一汽解放"), ("contract_start", .string(date)),
        ("contract_months", 12), ("monthly_wage", "3000.00"), ("social_insurance", true),
      ])
  }

  func expect(
    _ trainee: String, _ classID: String, _ date: String, _ region: String, _ category: String,
    _ fund: String,
    _ categories: [String]
  ) {
    expected.append(
      Expected(
        trainee: trainee, classID: classID, examDate: CivilDate(date)!, region: region,
        category: category,
        fund: fund, personCategories: categories))
  }

  func claim(
    _ claim: String, _ classID: String, _ trainees: [String], on date: String,
    claimant: String = "institution"
  )
    throws
  {
    classOfClaim[claim] = classID
    try s.record([
      eventLine(
        "claim.submitted", id: "sub-\(claim)", date: date, actor: Bureau.clerk,
        [
          ("claim", .string(claim)), ("class", .string(classID)),
          ("trainees", .array(trainees.map(JSONValue.string))), ("claimant", .string(claimant)),
        ])
    ])
  }

  func returnPayment(_ payment: String, on date: String) -> String {
    returned.insert(payment)
    return eventLine(
      "payment.returned", id: "ret-\(payment)", date: date, actor: Bureau.finance,
      [("payment", .string(payment)), ("reason", "account closed")])
  }

  func approve(_ claim: String, on date: String) -> String {
    eventLine(
      "claim.approved", id: "apr-\(claim)", date: date, actor: Bureau.reviewer,
      [("claim", .string(claim))])
  }

  func pay(
    _ payment: String, _ claim: String, _ fund: String, _ amount: String, payee: String,
    on date: String
  ) -> String {
    payments[payment] = (categoryOfClass[classOfClaim[claim]!]!, fund, Money(decimal: amount)!)
    return eventLine(
      "payment.made", id: "pay-\(payment)", date: date, actor: Bureau.finance,
      [
        ("payment", .string(payment)), ("claim", .string(claim)), ("fund", .string(fund)),
        ("amount", .string(amount)), ("payee", .string(payee)),
        ("bank_ref", .string("B-\(payment)")),
      ])
  }
}
