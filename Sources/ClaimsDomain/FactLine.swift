/// An enrolment, attendance or exam line — nineteen in twenty of a journal — read straight from
/// its bytes in the canonical form, without building an `Event`: the identifiers stay bytes of
/// the line. Every field is checked as the event decoder checks it; anything else (another type,
/// another form, a value the decoder would refuse) gives nil, and the line is decoded the
/// general way. `CanonicalDecodingTests` holds it to the general reader.
public struct FactLine: Sendable {
  public var type: EventType
  public var date: CivilDate
  /// Where the id, the actor and the class lie in the line: a fact holds offsets, not pointers,
  /// so that it can be kept beside a copy of its line's bytes (`id(in:)` and the like).
  public var idRange: Range<Int>
  public var actorRange: Range<Int>
  public var classRange: Range<Int>
  public var trainee: ResidentID
  /// Attendance: the hours.
  public var hours = 0
  /// Exam: whether it was passed.
  public var passed = false
  /// Enrolment: the enrolment as the event carries it.
  public var enrolment: TraineeEnrolled?

  public func id(in line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: line[idRange]) }
  public func actor(in line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: line[actorRange])
  }
  public func classID(in line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: line[classRange])
  }

  init(
    type: EventType, line: UnsafeRawBufferPointer, id: UnsafeRawBufferPointer, date: CivilDate,
    actor: UnsafeRawBufferPointer, classID: UnsafeRawBufferPointer, trainee: ResidentID
  ) {
    func range(_ part: UnsafeRawBufferPointer) -> Range<Int> {
      let start = part.baseAddress.map { $0 - line.baseAddress! } ?? 0
      return start..<(start + part.count)
    }
    (self.type, self.date, self.trainee) = (type, date, trainee)
    (idRange, actorRange, classRange) = (range(id), range(actor), range(classID))
  }

  /// The fact in `line`, whose event fields start at `bodyOffset`.
  public static func read(_ line: UnsafeRawBufferPointer, bodyOffset: Int) -> FactLine? {
    var reader = CanonicalFields(line, fieldsFrom: bodyOffset)
    guard let typeName = try? reader.plainString("type"), let type = factType(typeName),
      let id = try? reader.identifierBytes("id"), let date = try? reader.date("date"),
      let actor = try? reader.identifierBytes("actor")
    else { return nil }
    do throws(EventDecodingError) {
      if type == .traineeEnrolled { return try enrolment(&reader, line, type, id, date, actor) }
      let classID = try reader.identifierBytes("class")
      var fact = FactLine(
        type: type, line: line, id: id, date: date, actor: actor, classID: classID,
        trainee: try reader.residentID("trainee"))
      if type == .attendanceRecorded {
        fact.hours = try reader.integer("hours", in: 1...24)
      } else {
        // As `decodeExam` reads it: the certificate's type, its number (needed when passed), a level.
        fact.passed = try reader.bool("passed")
        _ = try reader.code("certificate_type", as: CertificateType.self)
        let number = try reader.optionalIdentifier("certificate_no")
        guard !fact.passed || number != nil else { return nil }
        _ = try reader.optionalCode("level", as: SkillLevel.self)
      }
      return reader.atEnd ? fact : nil
    } catch {
      return nil
    }
  }

  /// An enrolment's fields, in `decodeBody`'s order: trainee, name, class, categories, benefit.
  static func enrolment(
    _ reader: inout CanonicalFields, _ line: UnsafeRawBufferPointer, _ type: EventType, _ id: UnsafeRawBufferPointer,
    _ date: CivilDate, _ actor: UnsafeRawBufferPointer
  ) throws(EventDecodingError) -> FactLine? {
    let trainee = try reader.residentID("trainee")
    let name = try reader.text("name")
    let classID = try reader.identifierBytes("class")
    let categories = try reader.stringList("categories") { text throws(EventDecodingError) in
      try FieldReader.code(text, field: "categories", as: PersonCategory.self)
    }
    let enrolment = TraineeEnrolled(
      trainee: trainee, name: name, classID: String(decoding: classID, as: UTF8.self), categories: categories,
      uiBenefit: try reader.bool("ui_benefit"))
    var fact = FactLine(type: type, line: line, id: id, date: date, actor: actor, classID: classID, trainee: trainee)
    fact.enrolment = enrolment
    return reader.atEnd ? fact : nil
  }

  /// One of the three types, by its spelling: their lengths differ, so one comparison decides.
  static func factType(_ name: UnsafeRawBufferPointer) -> EventType? {
    let (type, spelling): (EventType, StaticString)
    switch name.count {
    case 19: (type, spelling) = (.attendanceRecorded, "attendance.recorded")
    case 13: (type, spelling) = (.examRecorded, "exam.recorded")
    case 16: (type, spelling) = (.traineeEnrolled, "trainee.enrolled")
    default: return nil
    }
    return name.sameBytes(as: spelling.utf8) ? type : nil
  }
}
