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
  public var idRange: Range<Int> { id.range }
  public var actorRange: Range<Int> { actor.range }
  public var classRange: Range<Int> { classID.range }
  public var trainee: ResidentID
  /// Attendance: the hours.
  public var hours: Int {
    get { Int(storedHours) }
    set { storedHours = UInt8(newValue) }
  }
  /// Exam: whether it was passed.
  public var passed = false
  /// Enrolment: the enrolment as the event carries it.
  public var enrolment: TraineeEnrolled? { enrolmentBox?.enrolment }

  // A fact is read for nearly every line and handed on by value: kept to some fifty bytes (the
  // offsets in 32 bits, the enrolment behind a reference), it is copied in registers, where
  // the plain layout took three calls of `memcpy` a line.
  private var id: Span
  private var actor: Span
  private var classID: Span
  private var storedHours: UInt8 = 0
  private var enrolmentBox: EnrolmentBox?

  struct Span {
    var start: UInt32
    var count: UInt32
    var range: Range<Int> { Int(start)..<(Int(start) + Int(count)) }

    /// Nil past 4 GB: such a line takes the general way.
    init?(_ range: Range<Int>) {
      guard let start = UInt32(exactly: range.lowerBound), let count = UInt32(exactly: range.count) else { return nil }
      (self.start, self.count) = (start, count)
    }
  }

  final class EnrolmentBox: Sendable {
    let enrolment: TraineeEnrolled
    init(_ enrolment: TraineeEnrolled) { self.enrolment = enrolment }
  }

  public func id(in line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: line[idRange]) }
  public func actor(in line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: line[actorRange])
  }
  public func classID(in line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: line[classRange])
  }

  init?(type: EventType, date: CivilDate, id: Range<Int>, actor: Range<Int>, classID: Range<Int>, trainee: ResidentID) {
    guard let id = Span(id), let actor = Span(actor), let classID = Span(classID) else { return nil }
    (self.type, self.date, self.trainee) = (type, date, trainee)
    (self.id, self.actor, self.classID) = (id, actor, classID)
  }

  /// The fact in `line`, whose event fields start at `bodyOffset`. The fields every fact line
  /// starts with are stepped over as fixed text between values (`CanonicalFields.follows`): one
  /// comparison for a closing quote, the comma, the next key and its opening quote.
  public static func read(_ line: UnsafeRawBufferPointer, bodyOffset: Int) -> FactLine? {
    var reader = CanonicalFields(line, fieldsFrom: bodyOffset)
    guard reader.follows(#""type":""#), let type = factType(&reader),
      reader.follows(#"","id":""#), let id = reader.identifierValue(),
      reader.follows(#"","date":""#), let date = reader.fixedWidthValue(10).flatMap(CivilDate.init(utf8:)),
      reader.follows(#"","actor":""#), let actor = reader.identifierValue()
    else { return nil }
    if type == .traineeEnrolled { return enrolment(&reader, line, date, id, actor) }
    guard reader.follows(#"","class":""#), let classID = reader.identifierValue(),
      reader.follows(#"","trainee":""#), let trainee = reader.fixedWidthValue(18).flatMap(ResidentID.init(utf8:))
    else { return nil }
    guard var fact = FactLine(type: type, date: date, id: id, actor: actor, classID: classID, trainee: trainee) else {
      return nil
    }
    if type == .attendanceRecorded {
      // The last field: its number runs to the closing brace, the line's last byte.
      guard reader.follows(#"","hours":"#) else { return nil }
      let end = line.count &- 1
      guard reader.cursor < end, line[end] == 0x7D,
        let hours = FieldReader.smallInteger(UnsafeRawBufferPointer(rebasing: line[reader.cursor..<end])),
        (1...24).contains(hours)
      else { return nil }
      fact.hours = hours
      return fact
    }
    // As `decodeExam` reads it: the certificate's type, its number (needed when passed), a level.
    guard reader.follows(#"","#) else { return nil }
    do throws(EventDecodingError) {
      fact.passed = try reader.bool("passed")
      _ = try reader.code("certificate_type", as: CertificateType.self)
      let number = try reader.optionalIdentifier("certificate_no")
      guard !fact.passed || number != nil else { return nil }
      _ = try reader.optionalCode("level", as: SkillLevel.self)
      return reader.atEnd ? fact : nil
    } catch {
      return nil
    }
  }

  /// An enrolment's fields after its actor, in `decodeBody`'s order: trainee, name, class,
  /// categories, benefit.
  static func enrolment(
    _ reader: inout CanonicalFields, _ line: UnsafeRawBufferPointer, _ date: CivilDate, _ id: Range<Int>,
    _ actor: Range<Int>
  ) -> FactLine? {
    guard reader.follows(#"","trainee":""#), let trainee = reader.fixedWidthValue(18).flatMap(ResidentID.init(utf8:)),
      reader.follows(#"","#)
    else { return nil }
    do throws(EventDecodingError) {
      let name = try reader.text("name")
      let classID = try reader.identifierBytes("class")
      let categories = try reader.stringList("categories") { text throws(EventDecodingError) in
        try FieldReader.code(text, field: "categories", as: PersonCategory.self)
      }
      let enrolment = TraineeEnrolled(
        trainee: trainee, name: name, classID: String(decoding: classID, as: UTF8.self), categories: categories,
        uiBenefit: try reader.bool("ui_benefit"))
      let classStart = classID.baseAddress! - line.baseAddress!
      guard reader.atEnd,
        var fact = FactLine(
          type: .traineeEnrolled, date: date, id: id, actor: actor, classID: classStart..<(classStart + classID.count),
          trainee: trainee)
      else { return nil }
      fact.enrolmentBox = EnrolmentBox(enrolment)
      return fact
    } catch {
      return nil
    }
  }

  /// One of the three types, by its spelling; the next step checks its closing quote.
  static func factType(_ reader: inout CanonicalFields) -> EventType? {
    if reader.follows("attendance.recorded") { return .attendanceRecorded }
    if reader.follows("exam.recorded") { return .examRecorded }
    if reader.follows("trainee.enrolled") { return .traineeEnrolled }
    return nil
  }
}
