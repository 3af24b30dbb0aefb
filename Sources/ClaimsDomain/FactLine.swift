/// An attendance or exam line — most of any journal — read straight from its bytes in the
/// canonical form, without building an `Event`: the identifiers stay bytes of the line. Every
/// field is checked as the event decoder checks it; anything else (another type, another form, a
/// value the decoder would refuse) gives nil, and the line is decoded the general way.
public struct FactLine {
  public var type: EventType
  public var id: UnsafeRawBufferPointer
  public var date: CivilDate
  public var actor: UnsafeRawBufferPointer
  public var classID: UnsafeRawBufferPointer
  public var trainee: ResidentID
  /// Attendance: the hours.
  public var hours = 0
  /// Exam: whether it was passed.
  public var passed = false

  /// The fact in `line`, whose event fields start at `bodyOffset`; valid while `line` is.
  public static func read(_ line: UnsafeRawBufferPointer, bodyOffset: Int) -> FactLine? {
    var reader = CanonicalFields(line, fieldsFrom: bodyOffset)
    guard let typeName = try? reader.plainString("type") else { return nil }
    let type: EventType
    if typeName.sameBytes(as: attendance.utf8) {
      type = .attendanceRecorded
    } else if typeName.sameBytes(as: exam.utf8) {
      type = .examRecorded
    } else {
      return nil
    }
    guard let id = try? reader.identifierBytes("id"), let date = try? reader.date("date"),
      let actor = try? reader.identifierBytes("actor"), let classID = try? reader.identifierBytes("class"),
      let trainee = try? reader.residentID("trainee")
    else { return nil }
    var fact = FactLine(type: type, id: id, date: date, actor: actor, classID: classID, trainee: trainee)
    if type == .attendanceRecorded {
      guard let hours = try? reader.integer("hours", in: 1...24) else { return nil }
      fact.hours = hours
    } else {
      // As `decodeExam` reads it: the certificate's type, its number (needed when passed), a level.
      do {
        let passed = try reader.bool("passed")
        _ = try reader.code("certificate_type", as: CertificateType.self)
        let number = try reader.optionalIdentifier("certificate_no")
        guard !passed || number != nil else { return nil }
        _ = try reader.optionalCode("level", as: SkillLevel.self)
        fact.passed = passed
      } catch {
        return nil
      }
    }
    return reader.atEnd ? fact : nil
  }

  static let attendance: StaticString = "attendance.recorded"
  static let exam: StaticString = "exam.recorded"
}

extension StaticString {
  var utf8: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: utf8Start, count: utf8CodeUnitCount) }
}
