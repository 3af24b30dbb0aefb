extension Event {
  /// The event as a JSON object in canonical field order: the common fields, then the fields of
  /// its type in the order SPEC §5 lists them, then what the ledger added.
  public var jsonObject: JSONObject {
    var sink = ObjectSink()
    writeFields(to: &sink)
    return sink.object
  }

  /// Writes the same fields as `jsonObject`, in the same order and form, straight to `writer`
  /// as `"key":value` pairs without braces: the journal's append path, with no JSON tree and
  /// no strings made for numbers, dates or amounts.
  public func writeJSONFields(into writer: inout JSONWriter) {
    // The bytes are staged on the stack and reach the writer's array a few hundred at a time
    // (`ByteSink`).
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ByteSink.stageCapacity) { stage in
      var sink = ByteSink(writer: writer, stage: stage.baseAddress!)
      writer = JSONWriter(capacity: 0)  // hand the buffer over rather than copy it
      writeFields(to: &sink)
      sink.flush()
      writer = sink.writer
    }
  }

  func writeFields<Sink: EventFieldSink>(to sink: inout Sink) {
    sink.text("type", type.rawValue)
    sink.text("id", id)
    sink.date("date", date)
    sink.text("actor", actor)
    var fields = FieldWriter(sink: sink)
    sink = Sink.empty  // one owner of the buffer at a time
    fields.writeBody(body)
    sink = fields.sink
  }
}

/// Where an event's fields go: a `JSONObject`, or canonical JSON bytes. Both see the same
/// fields in the same order (`FieldWriter`), so the two forms cannot drift apart.
protocol EventFieldSink {
  static var empty: Self { get }
  mutating func text(_ key: StaticString, _ value: String)
  mutating func number(_ key: StaticString, _ value: Int)
  mutating func bool(_ key: StaticString, _ value: Bool)
  mutating func money(_ key: StaticString, _ value: Money)
  mutating func date(_ key: StaticString, _ value: CivilDate)
  mutating func resident(_ key: StaticString, _ value: ResidentID)
  mutating func texts<Values: Sequence<String>>(_ key: StaticString, _ values: Values)
  mutating func residents(_ key: StaticString, _ values: [ResidentID])
  /// A list of objects, each written by `each(&sink, index)`.
  mutating func objects(_ key: StaticString, count: Int, _ each: (inout Self, Int) -> Void)
}

/// Builds the `JSONObject` form.
struct ObjectSink: EventFieldSink {
  var object = JSONObject()
  static var empty: ObjectSink { ObjectSink() }

  mutating func add(_ key: StaticString, _ value: JSONValue) { object.append(key.description, value) }
  mutating func text(_ key: StaticString, _ value: String) { add(key, .string(value)) }
  mutating func number(_ key: StaticString, _ value: Int) { add(key, .number(String(value))) }
  mutating func bool(_ key: StaticString, _ value: Bool) { add(key, .bool(value)) }
  mutating func money(_ key: StaticString, _ value: Money) { add(key, .string(value.decimalString)) }
  mutating func date(_ key: StaticString, _ value: CivilDate) { add(key, .string(value.description)) }
  mutating func resident(_ key: StaticString, _ value: ResidentID) { add(key, .string(value.value)) }
  mutating func texts<Values: Sequence<String>>(_ key: StaticString, _ values: Values) {
    add(key, .array(values.map { .string($0) }))
  }
  mutating func residents(_ key: StaticString, _ values: [ResidentID]) {
    add(key, .array(values.map { .string($0.value) }))
  }
  mutating func objects(_ key: StaticString, count: Int, _ each: (inout ObjectSink, Int) -> Void) {
    var list: [JSONValue] = []
    list.reserveCapacity(count)
    for index in 0..<count {
      var entry = ObjectSink()
      each(&entry, index)
      list.append(.object(entry.object))
    }
    add(key, .array(list))
  }
}

/// Writes an event's typed fields to a sink, skipping absent optionals.
struct FieldWriter<Sink: EventFieldSink> {
  var sink: Sink

  mutating func text(_ key: StaticString, _ value: String?) {
    if let value { sink.text(key, value) }
  }
  mutating func int(_ key: StaticString, _ value: Int?) {
    if let value { sink.number(key, value) }
  }
  mutating func bool(_ key: StaticString, _ value: Bool) { sink.bool(key, value) }
  mutating func money(_ key: StaticString, _ value: Money) { sink.money(key, value) }
  mutating func date(_ key: StaticString, _ value: CivilDate) { sink.date(key, value) }
  mutating func resident(_ key: StaticString, _ value: ResidentID) { sink.resident(key, value) }
  mutating func code<Code: RawRepresentable>(_ key: StaticString, _ value: Code?)
  where Code.RawValue == String {
    if let value { sink.text(key, value.rawValue) }
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
      resident("trainee", e.trainee); text("name", e.name); text("class", e.classID)
      sink.texts("categories", e.categories.lazy.map(\.rawValue)); bool("ui_benefit", e.uiBenefit)
    case .attendanceRecorded(let e):
      text("class", e.classID); resident("trainee", e.trainee); int("hours", e.hours)
    case .examRecorded(let e):
      text("class", e.classID); resident("trainee", e.trainee); bool("passed", e.passed)
      code("certificate_type", e.certificateType); text("certificate_no", e.certificateNo)
      code("level", e.level)
    case .employmentRecorded(let e):
      resident("trainee", e.trainee); text("employer", e.employer)
      date("contract_start", e.contractStart); int("contract_months", e.contractMonths)
      money("monthly_wage", e.monthlyWage); bool("social_insurance", e.socialInsurance)
    case .claimSubmitted(let e):
      text("claim", e.claim); text("class", e.classID); sink.residents("trainees", e.trainees)
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
      text("recovery", e.recovery); text("claim", e.claim); resident("trainee", e.trainee)
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
    let lines = decision.lines
    sink.objects("lines", count: lines.count) { entry, index in
      let line = lines[index]
      entry.resident("trainee", line.trainee); entry.money("amount", line.amount)
      entry.text("fund", line.fund.rawValue); entry.text("ruleset", line.ruleset)
      entry.text("ruleset_sha256", line.rulesetSHA256)
      if !line.reasons.isEmpty { entry.texts("reasons", line.reasons) }
    }
    money("total", decision.total)
  }
}
