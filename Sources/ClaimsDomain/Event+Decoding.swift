extension Event {
  /// Decodes an event from the JSON object in `bytes`. Input from a clerk may not carry the
  /// fields the ledger writes (`ledgerFields: false`); a journal line may (`true`). A journal
  /// line's frame (its opening and first fields) is checked by the journal; `bodyOffset` says
  /// where the event's own fields start.
  public static func decode(
    json bytes: UnsafeRawBufferPointer, bodyOffset: Int? = nil, ledgerFields: Bool
  ) throws(EventDecodingError) -> Event {
    if let event = decodeCanonical(bytes, bodyOffset: bodyOffset, ledgerFields: ledgerFields) { return event }
    return try decodeGeneral(bytes, bodyOffset: bodyOffset, ledgerFields: ledgerFields)
  }

  /// Any valid JSON object, fields in any order, with an error that names what is wrong.
  static func decodeGeneral(_ bytes: UnsafeRawBufferPointer, bodyOffset: Int?, ledgerFields: Bool)
    throws(EventDecodingError) -> Event
  {
    let object: RawJSONObject
    do {
      object = try bodyOffset.map { (offset) throws(JSONParser.Failure) in
        try RawJSONObject(scanningFieldsOf: bytes, from: offset)
      } ?? RawJSONObject(scanning: bytes)
    } catch {
      throw EventDecodingError(.notAnObject, field: nil, "not a JSON object: \(error)")
    }
    return try decode(FieldReader(object: object), ledgerFields: ledgerFields)
  }

  /// Decodes an event from a parsed JSON object (tests, and the few callers that hold a tree).
  public static func decode(_ object: JSONObject, ledgerFields: Bool) throws(EventDecodingError) -> Event {
    let bytes = JSONWriter.encode(.object(object))
    let decoded = bytes.withUnsafeBytes { buffer in
      Result { () throws(EventDecodingError) in try decode(json: buffer, ledgerFields: ledgerFields) }
    }
    return try decoded.get()
  }

  /// The event when `bytes` hold it in the ledger's canonical form (the journal's lines, and input
  /// written in schema order); nil for anything else, which the general reader then decodes or
  /// refuses with the reason.
  static func decodeCanonical(_ bytes: UnsafeRawBufferPointer, bodyOffset: Int?, ledgerFields: Bool) -> Event? {
    let start: Int
    if let bodyOffset {
      start = bodyOffset
    } else {
      guard bytes.count > 1, bytes[0] == 0x7B else { return nil }
      start = 1
    }
    var reader = CanonicalFields(bytes, fieldsFrom: start)
    guard let typeName = try? reader.plainString("type"), let type = EventType(utf8: typeName),
      let id = try? reader.identifier("id"), let date = try? reader.date("date"),
      let actor = try? reader.identifier("actor"),
      let body = try? decodeBody(type, &reader, ledgerFields: ledgerFields), reader.atEnd
    else { return nil }
    return Event(id: id, date: date, actor: actor, body: body)
  }

  static func decode(_ reader: FieldReader, ledgerFields: Bool) throws(EventDecodingError) -> Event {
    let typeValue = try reader.value("type")
    guard case .string(let typeName) = typeValue else {
      throw reader.wrongType("type", "a string", typeValue)
    }
    guard let type = EventType(rawValue: typeName) else {
      throw EventDecodingError(.unknownType, field: "type", "\"\(typeName)\" is not an event type")
    }
    let event: Event
    do {
      let id = try reader.identifier("id")
      let date = try reader.date("date")
      let actor = try reader.identifier("actor")
      var fields = reader
      let body = try decodeBody(type, &fields, ledgerFields: ledgerFields)
      event = Event(id: id, date: date, actor: actor, body: body)
    } catch {
      // A misspelt field shows as a missing one; name the unknown field first.
      if let unknown = unknownField(reader.object, type, ledgerFields: ledgerFields) { throw unknown }
      throw error
    }
    if !reader.readEveryField, let unknown = unknownField(reader.object, type, ledgerFields: ledgerFields) {
      throw unknown
    }
    return event
  }

  /// The first field that `type` does not have, as the error to report; nil when none.
  static func unknownField(_ object: RawJSONObject, _ type: EventType, ledgerFields: Bool)
    -> EventDecodingError?
  {
    let allowed = EventSchema.allowedFields(type, includingLedgerFields: ledgerFields)
    guard let index = object.fields.indices.first(where: { !allowed.contains(object.keyText($0)) })
    else { return nil }
    let unknown = object.keyText(index)
    if EventSchema.ledgerFields[type]?.contains(unknown) == true {
      return EventDecodingError(
        .ledgerField, field: unknown,
        "the field \"\(unknown)\" is written by the ledger, not by the clerk")
    }
    return EventDecodingError(
      .unknownField, field: unknown,
      "\(type.rawValue) has no field \"\(unknown)\"; its fields are: "
        + EventSchema.bodyFields[type, default: []].joined(separator: ", "))
  }

  static func decodeBody<R: EventFields>(_ type: EventType, _ r: inout R, ledgerFields: Bool) throws(EventDecodingError)
    -> EventBody
  {
    switch type {
    case .journalOpened:
      return .journalOpened(
        JournalOpened(format: try r.integer("format", in: 1...1), admin: try r.identifier("admin")))
    case .actorRegistered:
      return .actorRegistered(
        ActorRegistered(
          actorID: try r.identifier("actor_id"), role: try r.code("role", as: Role.self),
          name: try r.text("name")))
    case .institutionRegistered:
      return .institutionRegistered(
        InstitutionRegistered(
          institution: try r.identifier("institution"), name: try r.text("name"),
          region: try r.region("region")))
    case .planSet:
      return .planSet(
        PlanSet(
          region: try r.region("region"), year: try r.integer("year", in: 2000...2100),
          target: try r.integer("target", in: 1...100_000_000), program: try r.optionalText("program")))
    case .minimumWagePublished:
      return .minimumWagePublished(
        MinimumWagePublished(
          region: try r.region("region"), amount: try r.money("amount"),
          reference: try r.text("reference")))
    case .fundAppropriated:
      return .fundAppropriated(
        FundAppropriated(
          fund: try r.code("fund", as: Fund.self), region: try r.region("region"),
          amount: try r.money("amount"), reference: try r.text("reference")))
    case .classApproved:
      return .classApproved(try decodeClassApproved(&r))
    case .classRejected:
      return .classRejected(
        ClassRejected(classID: try r.identifier("class"), reason: try r.text("reason")))
    case .traineeEnrolled:
      return .traineeEnrolled(
        TraineeEnrolled(
          trainee: try r.residentID("trainee"), name: try r.text("name"),
          classID: try r.identifier("class"),
          categories: try r.stringList("categories") { text throws(EventDecodingError) in
            try FieldReader.code(text, field: "categories", as: PersonCategory.self)
          },
          uiBenefit: try r.bool("ui_benefit")))
    case .attendanceRecorded:
      return .attendanceRecorded(
        AttendanceRecorded(
          classID: try r.identifier("class"), trainee: try r.residentID("trainee"),
          hours: try r.integer("hours", in: 1...24)))
    case .examRecorded:
      return .examRecorded(try decodeExam(&r))
    case .employmentRecorded:
      return .employmentRecorded(
        EmploymentRecorded(
          trainee: try r.residentID("trainee"), employer: try r.text("employer"),
          contractStart: try r.date("contract_start"),
          contractMonths: try r.integer("contract_months", in: 1...1200),
          monthlyWage: try r.money("monthly_wage"), socialInsurance: try r.bool("social_insurance")))
    case .claimSubmitted:
      return .claimSubmitted(
        ClaimSubmitted(
          claim: try r.identifier("claim"), classID: try r.identifier("class"),
          trainees: try r.stringList("trainees") { text throws(EventDecodingError) in
            try FieldReader.residentID(text, field: "trainees")
          },
          claimant: try r.code("claimant", as: Claimant.self)))
    case .claimApproved:
      return .claimApproved(
        ClaimApproved(
          claim: try r.identifier("claim"), decision: ledgerFields ? try decodeDecision(&r) : nil))
    case .claimRejected:
      return .claimRejected(
        ClaimRejected(claim: try r.identifier("claim"), reason: try r.text("reason")))
    case .paymentMade:
      return .paymentMade(
        PaymentMade(
          payment: try r.identifier("payment"), claim: try r.identifier("claim"),
          fund: try r.code("fund", as: Fund.self), amount: try r.money("amount"),
          payee: try r.text("payee"), bankRef: try r.identifier("bank_ref")))
    case .paymentReturned:
      return .paymentReturned(
        PaymentReturned(payment: try r.identifier("payment"), reason: try r.text("reason")))
    case .recoveryOrdered:
      return .recoveryOrdered(
        RecoveryOrdered(
          recovery: try r.identifier("recovery"), claim: try r.identifier("claim"),
          trainee: try r.residentID("trainee"), fund: try r.code("fund", as: Fund.self),
          amount: try r.money("amount"), reason: try r.text("reason")))
    case .recoveryReceived:
      return .recoveryReceived(
        RecoveryReceived(recovery: try r.identifier("recovery"), amount: try r.money("amount")))
    case .eventVoided:
      return .eventVoided(
        EventVoided(target: try r.identifier("target"), reason: try r.text("reason")))
    }
  }

  static func decodeClassApproved<R: EventFields>(_ r: inout R) throws(EventDecodingError) -> ClassApproved {
    let hoursRange = 0...10_000
    let approved = ClassApproved(
      classID: try r.identifier("class"), institution: try r.identifier("institution"),
      region: try r.region("region"), category: try r.code("category", as: TrainingCategory.self),
      occupation: try r.text("occupation"), level: try r.optionalCode("level", as: SkillLevel.self),
      assessment: try r.code("assessment", as: Assessment.self), start: try r.date("start"),
      end: try r.date("end"), hoursOffline: try r.integer("hours_offline", in: hoursRange),
      hoursOnline: try r.integer("hours_online", in: hoursRange),
      theoryHours: try r.integer("theory_hours", in: hoursRange),
      plannedSize: try r.integer("planned_size", in: 1...100_000),
      funding: try r.optionalCode("funding", as: Fund.self),
      enterprise: try r.optionalText("enterprise"),
      demand: try r.optionalInteger("demand", in: 1...100_000))
    guard approved.start <= approved.end else {
      throw r.invalid("end", "(\(approved.end)) is before the class start (\(approved.start))")
    }
    guard approved.hoursTotal > 0 else {
      throw r.invalid("hours_offline", "and hours_online add up to no hours at all")
    }
    guard approved.theoryHours <= approved.hoursTotal else {
      throw r.invalid("theory_hours", "(\(approved.theoryHours)) exceed the class hours (\(approved.hoursTotal))")
    }
    if approved.category == .project {
      guard approved.enterprise != nil else { throw missing( "enterprise", "project") }
      guard approved.demand != nil else { throw missing( "demand", "project") }
    } else {
      let projectOnly: [(key: StaticString, present: Bool)] = [
        ("enterprise", approved.enterprise != nil), ("demand", approved.demand != nil),
      ]
      for field in projectOnly where field.present {
        throw r.invalid(field.key, "belongs to project classes only, not to \(approved.category.rawValue)")
      }
    }
    return approved
  }

  static func missing(_ key: StaticString, _ category: String) -> EventDecodingError {
    EventDecodingError(.missingField, field: key.description, "a \(category) class needs the field \"\(key)\"")
  }

  static func decodeExam<R: EventFields>(_ r: inout R) throws(EventDecodingError) -> ExamRecorded {
    let exam = ExamRecorded(
      classID: try r.identifier("class"), trainee: try r.residentID("trainee"),
      passed: try r.bool("passed"),
      certificateType: try r.code("certificate_type", as: CertificateType.self),
      certificateNo: try r.optionalIdentifier("certificate_no"),
      level: try r.optionalCode("level", as: SkillLevel.self))
    if exam.passed, exam.certificateNo == nil {
      throw EventDecodingError(
        .missingField, field: "certificate_no", "a passed exam needs the field \"certificate_no\"")
    }
    return exam
  }

  static func decodeDecision<R: EventFields>(_ r: inout R) throws(EventDecodingError) -> ApprovalDecision? {
    guard r.has("lines") || r.has("total") else { return nil }
    // A claim's lines mostly share a ruleset: its hash is then one string, not one a line.
    var previous: ApprovedLine?
    let lines = try r.objectList("lines") { (line: inout R) throws(EventDecodingError) in
      let decoded = ApprovedLine(
        trainee: try line.residentID("trainee"), amount: try line.money("amount", allowZero: true),
        fund: try line.code("fund", as: Fund.self), ruleset: try line.identifier("ruleset", reusing: previous?.ruleset),
        rulesetSHA256: try line.identifier("ruleset_sha256", reusing: previous?.rulesetSHA256),
        reasons: line.has("reasons") ? try line.stringList("reasons") { $0 } : [])
      previous = decoded
      return decoded
    }
    return ApprovalDecision(lines: lines, total: try r.money("total", allowZero: true))
  }
}
