import ClaimsDomain
import ClaimsLedger

/// A county (or city) where training happens: its region code, the training school, the clerk
/// who records its facts and the area code of its residents' ID numbers.
struct Place {
  let region: String
  let name: String
  let area: String
  let institution: String
  let institutionName: String
  let clerk: String
}

/// A class as the reviewer approves it.
struct ClassPlan {
  let id: String
  let place: Place
  let category: String
  let occupation: String
  let level: String?
  let assessment: String
  let start: CivilDate
  let days: Int
  var hoursPerDay = 8
  let theoryHours: Int
  let plannedSize: Int
  let certificate: String
  var reviewer = "reviewer-zhao"
  var project: (enterprise: String, demand: Int, hoursOnline: Int)?

  var end: CivilDate { start.adding(days: days - 1) }
  var hours: Int { days * hoursPerDay }
  /// Consecutive days from the start: classes run on weekends too.
  var trainingDays: [CivilDate] { (0..<days).map { start.adding(days: $0) } }
}

/// A trainee as enrolled: who, in which person categories, and whether on UI benefits.
struct Enrolee {
  let person: Person
  let categories: [String]
  let uiBenefit: Bool
}

/// The events of the demo, one helper per event type, each added to the timeline on its day.
extension DemoYear {
  mutating func nextID(_ prefix: String) -> String {
    counters[prefix, default: 0] += 1
    let number = String(counters[prefix]!)
    return prefix + "-" + String(repeating: "0", count: max(0, 4 - number.count)) + number
  }

  mutating func record(
    _ type: String, _ prefix: String, _ day: CivilDate, _ actor: String,
    _ fields: [(String, JSONValue)]
  ) {
    timeline.add(day, eventLine(type, nextID(prefix), day, actor, fields))
  }

  mutating func approveClass(_ plan: ClassPlan, on day: CivilDate) {
    var fields: [(String, JSONValue)] = [
      ("class", .string(plan.id)), ("institution", .string(plan.place.institution)),
      ("region", .string(plan.place.region)), ("category", .string(plan.category)),
      ("occupation", .string(plan.occupation)),
    ]
    if let level = plan.level { fields.append(("level", .string(level))) }
    let online = plan.project?.hoursOnline ?? 0
    fields += [
      ("assessment", .string(plan.assessment)), ("start", .string(plan.start.description)),
      ("end", .string(plan.end.description)), ("hours_offline", .int(plan.hours - online)),
      ("hours_online", .int(online)), ("theory_hours", .int(plan.theoryHours)),
      ("planned_size", .int(plan.plannedSize)),
    ]
    if let project = plan.project {
      fields += [("enterprise", .string(project.enterprise)), ("demand", .int(project.demand))]
    }
    record("class.approved", "cls", day, plan.reviewer, fields)
  }

  mutating func enrol(_ enrolee: Enrolee, in plan: ClassPlan, on day: CivilDate? = nil) {
    record(
      "trainee.enrolled", "enr", day ?? plan.start, plan.place.clerk,
      [
        ("trainee", .string(enrolee.person.id)), ("name", .string(enrolee.person.name)),
        ("class", .string(plan.id)), ("categories", .strings(enrolee.categories)),
        ("ui_benefit", .bool(enrolee.uiBenefit)),
      ])
  }

  mutating func attend(_ enrolee: Enrolee, _ plan: ClassPlan, on day: CivilDate) {
    record(
      "attendance.recorded", "att", day, plan.place.clerk,
      [
        ("class", .string(plan.id)), ("trainee", .string(enrolee.person.id)),
        ("hours", .int(plan.hoursPerDay)),
      ])
  }

  mutating func exam(_ enrolee: Enrolee, _ plan: ClassPlan, on day: CivilDate, passed: Bool) {
    var fields: [(String, JSONValue)] = [
      ("class", .string(plan.id)), ("trainee", .string(enrolee.person.id)),
      ("passed", .bool(passed)),
      ("certificate_type", .string(plan.certificate)),
    ]
    if passed {
      let prefix =
        ["skill-level": "S", "special-ability": "Z", "training-certificate": "P"][plan.certificate]
        ?? "C"
      fields.append(
        (
          "certificate_no",
          .string("\(prefix)\(day.year)\(plan.place.area)\(nextID("cert").dropFirst(5))")
        ))
    }
    if passed, let level = plan.level { fields.append(("level", .string(level))) }
    record("exam.recorded", "exm", day, plan.place.clerk, fields)
  }

  mutating func employ(
    _ enrolee: Enrolee, by clerk: String, on day: CivilDate, employer: String,
    from start: CivilDate, wage: String
  ) {
    record(
      "employment.recorded", "emp", day, clerk,
      [
        ("trainee", .string(enrolee.person.id)), ("employer", .string(employer)),
        ("contract_start", .string(start.description)), ("contract_months", .int(12)),
        ("monthly_wage", .string(wage)), ("social_insurance", .bool(true)),
      ])
  }

  mutating func submitClaim(
    _ claim: String, _ plan: ClassPlan, _ trainees: [Enrolee], on day: CivilDate
  ) {
    record(
      "claim.submitted", "sub", day, plan.place.clerk,
      [
        ("claim", .string(claim)), ("class", .string(plan.id)),
        ("trainees", .strings(trainees.map(\.person.id))), ("claimant", .string("institution")),
      ])
  }

  mutating func approveClaim(_ claim: String, on day: CivilDate, by reviewer: String) {
    record("claim.approved", "apr", day, reviewer, [("claim", .string(claim))])
  }

  /// Pays what the approval committed and is unpaid, one payment per fund.
  mutating func payInFull(_ claim: String, to payee: String, on day: CivilDate, by finance: String)
  {
    timeline.compute(day) { state, serials in
      guard let money = state.claimMoney[claim] else { return [] }
      return Fund.allCases.filter { money.unpaid($0).fen > 0 }.map { fund in
        Self.payment(claim, fund, money.unpaid(fund), payee, day, finance, serials)
      }
    }
  }

  mutating func pay(
    _ claim: String, _ fund: Fund, _ yuan: String, to payee: String, on day: CivilDate,
    by finance: String
  ) {
    timeline.compute(day) { _, serials in
      [Self.payment(claim, fund, Money(decimal: yuan)!, payee, day, finance, serials)]
    }
  }

  static func payment(
    _ claim: String, _ fund: Fund, _ amount: Money, _ payee: String, _ day: CivilDate,
    _ finance: String,
    _ serials: Serials
  ) -> String {
    let number = serials.take("payment")
    let digits = String(day.description.filter(\.isNumber))
    return eventLine(
      "payment.made", "pay-\(number)", day, finance,
      [
        ("payment", .string("PAY-2024-\(number < 10 ? "00" : number < 100 ? "0" : "")\(number)")),
        ("claim", .string(claim)), ("fund", .string(fund.rawValue)),
        ("amount", .string(amount.decimalString)),
        ("payee", .string(payee)),
        ("bank_ref", .string("BK\(digits)\(1000 + serials.take("bank"))")),
      ])
  }

  /// The bank sends back the claim's payment from `fund`.
  mutating func returnPayment(
    of claim: String, _ fund: Fund, on day: CivilDate, by finance: String, reason: String
  ) {
    timeline.compute(day) { state, serials in
      state.payments.values.filter {
        $0.payment.claim == claim && $0.payment.fund == fund && !$0.returned
      }
      .map(\.payment.payment).sorted().prefix(1).map { payment in
        eventLine(
          "payment.returned", "ret-\(serials.take("return"))", day, finance,
          [
            ("payment", .string(payment)), ("reason", .string(reason)),
          ])
      }
    }
  }

  /// Orders back everything approved for the trainee on the claim.
  mutating func orderRecovery(
    _ recovery: String, _ claim: String, _ trainee: Enrolee, reason: String, on day: CivilDate,
    by reviewer: String
  ) {
    let id = nextID("rco")
    timeline.compute(day) { state, _ in
      let approved = state.approved(onClaim: claim, trainee: ResidentID(trainee.person.id)!)
      return approved.keys.sorted().prefix(1).map { fund in
        eventLine(
          "recovery.ordered", id, day, reviewer,
          [
            ("recovery", .string(recovery)), ("claim", .string(claim)),
            ("trainee", .string(trainee.person.id)),
            ("fund", .string(fund.rawValue)), ("amount", .string(approved[fund]!.decimalString)),
            ("reason", .string(reason)),
          ])
      }
    }
  }

  /// Receives `yuan` on the order, or all that is outstanding.
  mutating func receiveRecovery(
    _ recovery: String, _ yuan: String? = nil, on day: CivilDate, by finance: String
  ) {
    let id = nextID("rcv")
    timeline.compute(day) { state, _ in
      guard let outstanding = state.recoveries[recovery]?.outstanding else { return [] }
      let amount = yuan.flatMap { Money(decimal: $0) } ?? outstanding
      return [
        eventLine(
          "recovery.received", id, day, finance,
          [
            ("recovery", .string(recovery)), ("amount", .string(amount.decimalString)),
          ])
      ]
    }
  }
}
