extension Event {
  /// The event as a JSON object in canonical field order: the common fields, then the fields of
  /// its type in the order SPEC §5 lists them, then what the ledger added.
  public var jsonObject: JSONObject {
    var object = JSONObject()
    object.append("type", .string(type.rawValue))
    object.append("id", .string(id))
    object.append("date", .string(date.description))
    object.append("actor", .string(actor))
    var fields = FieldWriter(object: object)
    fields.writeBody(body)
    return fields.object
  }
}

/// Appends typed fields to a JSON object, skipping absent optionals.
struct FieldWriter {
  var object: JSONObject

  mutating func text(_ key: String, _ value: String?) {
    if let value { object.append(key, .string(value)) }
  }
  mutating func int(_ key: String, _ value: Int?) {
    if let value { object.append(key, .number(String(value))) }
  }
  mutating func bool(_ key: String, _ value: Bool) { object.append(key, .bool(value)) }
  mutating func money(_ key: String, _ value: Money) {
    object.append(key, .string(value.decimalString))
  }
  mutating func date(_ key: String, _ value: CivilDate) {
    object.append(key, .string(value.description))
  }
  mutating func code<Code: RawRepresentable>(_ key: String, _ value: Code?)
  where Code.RawValue == String {
    if let value { object.append(key, .string(value.rawValue)) }
  }
  mutating func list(_ key: String, _ values: [String]) {
    object.append(key, .array(values.map { .string($0) }))
  }

  mutating func writeBody(_ body: EventBody) {
    switch body {
    case .journalOpened(let e):
      int("format", e.format); text("admin", e.admin)
    case .actorRegistered(let e):
      text("actor_id", e.actorID); code("role", e.role); text("name", e.name)
    case .institutionRegistered(let e):
      text("institution", e.institution); text("name", e.name); text("region", e.region)
    case .planSet(let e):
      text("region", e.region); int("year", e.year); int("target", e.target)
      text("program", e.program)
    case .minimumWagePublished(let e):
      text("region", e.region); money("amount", e.amount); text("reference", e.reference)
    case .fundAppropriated(let e):
      code("fund", e.fund); text("region", e.region); money("amount", e.amount)
      text("reference", e.reference)
    case .classApproved(let e):
      writeClassApproved(e)
    case .classRejected(let e):
      text("class", e.classID); text("reason", e.reason)
    case .traineeEnrolled(let e):
      text("trainee", e.trainee.value); text("name", e.name); text("class", e.classID)
      list("categories", e.categories.map(\.rawValue)); bool("ui_benefit", e.uiBenefit)
    case .attendanceRecorded(let e):
      text("class", e.classID); text("trainee", e.trainee.value); int("hours", e.hours)
    case .examRecorded(let e):
      text("class", e.classID); text("trainee", e.trainee.value); bool("passed", e.passed)
      code("certificate_type", e.certificateType); text("certificate_no", e.certificateNo)
      code("level", e.level)
    case .employmentRecorded(let e):
      text("trainee", e.trainee.value); text("employer", e.employer)
      date("contract_start", e.contractStart); int("contract_months", e.contractMonths)
      money("monthly_wage", e.monthlyWage); bool("social_insurance", e.socialInsurance)
    case .claimSubmitted(let e):
      text("claim", e.claim); text("class", e.classID); list("trainees", e.trainees.map(\.value))
      code("claimant", e.claimant)
    case .claimApproved(let e):
      text("claim", e.claim)
      if let decision = e.decision { writeDecision(decision) }
    case .claimRejected(let e):
      text("claim", e.claim); text("reason", e.reason)
    case .paymentMade(let e):
      text("payment", e.payment); text("claim", e.claim); code("fund", e.fund)
      money("amount", e.amount); text("payee", e.payee); text("bank_ref", e.bankRef)
    case .paymentReturned(let e):
      text("payment", e.payment); text("reason", e.reason)
    case .recoveryOrdered(let e):
      text("recovery", e.recovery); text("claim", e.claim); text("trainee", e.trainee.value)
      code("fund", e.fund); money("amount", e.amount); text("reason", e.reason)
    case .recoveryReceived(let e):
      text("recovery", e.recovery); money("amount", e.amount)
    case .eventVoided(let e):
      text("target", e.target); text("reason", e.reason)
    }
  }

  mutating func writeClassApproved(_ e: ClassApproved) {
    text("class", e.classID); text("institution", e.institution); text("region", e.region)
    code("category", e.category); text("occupation", e.occupation); code("level", e.level)
    code("assessment", e.assessment); date("start", e.start); date("end", e.end)
    int("hours_offline", e.hoursOffline); int("hours_online", e.hoursOnline)
    int("theory_hours", e.theoryHours); int("planned_size", e.plannedSize)
    code("funding", e.funding); text("enterprise", e.enterprise); int("demand", e.demand)
  }

  mutating func writeDecision(_ decision: ApprovalDecision) {
    let lines = decision.lines.map { line -> JSONValue in
      var entry = FieldWriter(object: JSONObject())
      entry.text("trainee", line.trainee.value); entry.money("amount", line.amount)
      entry.code("fund", line.fund); entry.text("ruleset", line.ruleset)
      entry.text("ruleset_sha256", line.rulesetSHA256)
      if !line.reasons.isEmpty { entry.list("reasons", line.reasons) }
      return .object(entry.object)
    }
    object.append("lines", .array(lines))
    money("total", decision.total)
  }
}
