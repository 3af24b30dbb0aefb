import ClaimsDomain
import ClaimsRules

/// A checkpoint holds an enrolment's attendance and exams — most of its records — as packed
/// bytes: 16 per fact (line, day, hours or passed), one copy to read back, instead of a keyed
/// container per fact, which made loading a checkpoint about as slow as a replay.
extension EnrolmentRecord {
  enum CodingKeys: String, CodingKey { case eventID, seq, enrolment, enrolledOn, attendance, exams, claim, claimSubmittedOn }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    eventID = try container.decode(String.self, forKey: .eventID)
    seq = try container.decode(Int.self, forKey: .seq)
    enrolment = try container.decode(TraineeEnrolled.self, forKey: .enrolment)
    enrolledOn = try container.decode(CivilDate.self, forKey: .enrolledOn)
    attendance = try container.decode(ByteString.self, forKey: .attendance).bytes.withUnsafeBytes { try Self.unpack($0) }
    exams = try container.decode(ByteString.self, forKey: .exams).bytes.withUnsafeBytes { try Self.unpack($0) }
    claim = try container.decodeIfPresent(String.self, forKey: .claim)
    claimSubmittedOn = try container.decodeIfPresent(CivilDate.self, forKey: .claimSubmittedOn)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(eventID, forKey: .eventID)
    try container.encode(seq, forKey: .seq)
    try container.encode(enrolment, forKey: .enrolment)
    try container.encode(enrolledOn, forKey: .enrolledOn)
    try container.encode(ByteString(Self.packed(attendance)), forKey: .attendance)
    try container.encode(ByteString(Self.packed(exams)), forKey: .exams)
    try container.encodeIfPresent(claim, forKey: .claim)
    try container.encodeIfPresent(claimSubmittedOn, forKey: .claimSubmittedOn)
  }

  /// Little-endian: seq (8 bytes), day since 1970 (4), value (4).
  static func pack<Fact: PackedFact>(_ facts: [Fact], into bytes: inout [UInt8]) {
    bytes.reserveCapacity(bytes.count + facts.count * 16)
    for fact in facts {
      withUnsafeBytes(of: Int64(fact.seq).littleEndian) { bytes.append(contentsOf: $0) }
      withUnsafeBytes(of: Int32(fact.date.daysSinceEpoch).littleEndian) { bytes.append(contentsOf: $0) }
      withUnsafeBytes(of: Int32(fact.packedValue).littleEndian) { bytes.append(contentsOf: $0) }
    }
  }

  static func packed<Fact: PackedFact>(_ facts: [Fact]) -> [UInt8] {
    var bytes: [UInt8] = []
    pack(facts, into: &bytes)
    return bytes
  }

  static func unpack<Fact: PackedFact>(_ raw: UnsafeRawBufferPointer) throws -> [Fact] {
    guard raw.count % 16 == 0 else { throw BinaryDecodingError("torn packed facts") }
    return try stride(from: 0, to: raw.count, by: 16).map { offset in
      let seq = Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int64.self)))
      let value = Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 12, as: Int32.self)))
      let day = Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: Int32.self)))
      // What the journal's checks let in, so that the compact in-memory forms can hold it (a
      // day beyond the years a date is read in would trap when made a date).
      guard (1...Int(UInt32.max)).contains(seq), Fact.valueRange.contains(value), CivilDate.journalDays.contains(day) else {
        throw BinaryDecodingError("a packed fact out of range")
      }
      return Fact(seq: seq, date: CivilDate(daysSinceEpoch: day), packedValue: value)
    }
  }
}

/// A fact kept as 16 packed bytes: its line, its day and one number.
protocol PackedFact {
  var seq: Int { get }
  var date: CivilDate { get }
  var packedValue: Int { get }
  static var valueRange: ClosedRange<Int> { get }
  init(seq: Int, date: CivilDate, packedValue: Int)
}

extension AttendanceFact: PackedFact {
  var packedValue: Int { hours }
  static var valueRange: ClosedRange<Int> { 1...24 }
  init(seq: Int, date: CivilDate, packedValue: Int) { self.init(seq: seq, date: date, hours: packedValue) }
}

extension ExamFact: PackedFact {
  var packedValue: Int { passed ? 1 : 0 }
  static var valueRange: ClosedRange<Int> { 0...1 }
  init(seq: Int, date: CivilDate, packedValue: Int) { self.init(date: date, seq: seq, passed: packedValue != 0) }
}

/// The same bytes as the coding above, written and read in place (`BinaryFastCodable`).
extension EnrolmentRecord: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(eventID)
    try output.field(seq)
    try output.field(enrolment)
    try output.field(enrolledOn)
    output.field(packed: attendance)
    output.field(packed: exams)
    try output.field(claim)
    try output.field(claimSubmittedOn)
  }

  public init(binary input: BinaryInput) throws {
    eventID = try input.field()
    seq = try input.field()
    enrolment = try input.field()
    enrolledOn = try input.field()
    attendance = try Self.unpack(try input.byteStringField())
    exams = try Self.unpack(try input.byteStringField())
    claim = try input.field()
    claimSubmittedOn = try input.field()
  }
}

extension BinaryOutput {
  /// Packed facts as a `ByteString` slot: a tag, the length, the bytes, packed in place.
  fileprivate func field<Fact: PackedFact>(packed facts: [Fact]) {
    bytes.append(1)
    append(UInt64(facts.count * 16))
    EnrolmentRecord.pack(facts, into: &bytes)
  }
}

/// What voids took from an enrolment, its facts packed as a record's are: the history of ten
/// million events holds some hundred thousand of them.
extension EnrolmentHistory {
  enum CodingKeys: String, CodingKey { case records, attendance, exams, factVoids, claims }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    records = try container.decode([Taken<EnrolmentRecord>].self, forKey: .records)
    attendance = try container.decode(ByteString.self, forKey: .attendance).bytes.withUnsafeBytes { try EnrolmentRecord.unpack($0) }
    exams = try container.decode(ByteString.self, forKey: .exams).bytes.withUnsafeBytes { try EnrolmentRecord.unpack($0) }
    factVoids = try container.decode([Taken<Int>].self, forKey: .factVoids)
    claims = try container.decode([Taken<ClaimMark>].self, forKey: .claims)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(records, forKey: .records)
    try container.encode(ByteString(EnrolmentRecord.packed(attendance)), forKey: .attendance)
    try container.encode(ByteString(EnrolmentRecord.packed(exams)), forKey: .exams)
    try container.encode(factVoids, forKey: .factVoids)
    try container.encode(claims, forKey: .claims)
  }
}

extension EnrolmentHistory: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(records)
    output.field(packed: attendance)
    output.field(packed: exams)
    try output.field(factVoids)
    try output.field(claims)
  }

  public init(binary input: BinaryInput) throws {
    records = try input.field()
    attendance = try EnrolmentRecord.unpack(try input.byteStringField())
    exams = try EnrolmentRecord.unpack(try input.byteStringField())
    factVoids = try input.field()
    claims = try input.field()
  }
}

/// The same bytes as the synthesized coding.
extension FactHistory: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(enrolments)
    try output.field(employments)
  }

  public init(binary input: BinaryInput) throws {
    self.init()
    enrolments = try input.field()
    employments = try input.field()
  }
}

extension Taken: BinaryFastCodable where Value: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(value)
    try output.field(by)
  }

  public init(binary input: BinaryInput) throws { self.init(value: try input.field(), by: try input.field()) }
}

extension DatedLine: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(seq)
    try output.field(date)
  }

  public init(binary input: BinaryInput) throws { self.init(seq: try input.field(), date: try input.field()) }
}

extension ClaimMark: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(claim)
    try output.field(line)
  }

  public init(binary input: BinaryInput) throws { self.init(claim: try input.field(), line: try input.field()) }
}
