import ClaimsDomain
import ClaimsRules

/// A checkpoint holds an enrolment's attendance and exams — most of its records — as packed
/// bytes: 16 per fact (line, day, hours or passed), one copy to read back, instead of a keyed
/// container per fact, which made loading a checkpoint about as slow as a replay.
extension EnrolmentRecord {
  enum CodingKeys: String, CodingKey { case eventID, seq, enrolment, attendance, exams }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    eventID = try container.decode(String.self, forKey: .eventID)
    seq = try container.decode(Int.self, forKey: .seq)
    enrolment = try container.decode(TraineeEnrolled.self, forKey: .enrolment)
    let attendance = try Self.unpack(container.decode(ByteString.self, forKey: .attendance).bytes)
    self.attendance = attendance.map { AttendanceFact(seq: $0.seq, date: $0.date, hours: $0.value) }
    exams = try Self.unpack(container.decode(ByteString.self, forKey: .exams).bytes)
      .map { ExamFact(date: $0.date, seq: $0.seq, passed: $0.value != 0) }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(eventID, forKey: .eventID)
    try container.encode(seq, forKey: .seq)
    try container.encode(enrolment, forKey: .enrolment)
    try container.encode(ByteString(Self.pack(attendance.map { ($0.seq, $0.date, $0.hours) })), forKey: .attendance)
    try container.encode(ByteString(Self.pack(exams.map { ($0.seq, $0.date, $0.passed ? 1 : 0) })), forKey: .exams)
  }

  /// Little-endian: seq (8 bytes), day since 1970 (4), value (4).
  static func pack(_ facts: [(seq: Int, date: CivilDate, value: Int)]) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(facts.count * 16)
    for fact in facts {
      withUnsafeBytes(of: Int64(fact.seq).littleEndian) { bytes.append(contentsOf: $0) }
      withUnsafeBytes(of: Int32(fact.date.daysSinceEpoch).littleEndian) { bytes.append(contentsOf: $0) }
      withUnsafeBytes(of: Int32(fact.value).littleEndian) { bytes.append(contentsOf: $0) }
    }
    return bytes
  }

  static func unpack(_ bytes: [UInt8]) throws -> [(seq: Int, date: CivilDate, value: Int)] {
    guard bytes.count % 16 == 0 else {
      throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: "torn packed facts"))
    }
    return bytes.withUnsafeBytes { raw in
      stride(from: 0, to: raw.count, by: 16).map { offset in
        (
          Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int64.self))),
          CivilDate(daysSinceEpoch: Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: Int32.self)))),
          Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 12, as: Int32.self)))
        )
      }
    }
  }
}
