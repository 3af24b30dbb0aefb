import ClaimsDomain

/// The rosters each trainee was ever enrolled in (`TraineeRosters`), by trainee. Saved as
/// fixed-size records sorted by trainee; read from a mapped checkpoint they stay there
/// (`SavedTraineeRosters`) and one trainee's are found by halving: a command about one trainee
/// read all 1.2 M trainees of a 10 M-event journal to find one. Trainees enrolled since go to
/// `added`, which is asked first.
public struct TraineeRosterTable: Sendable {
  var added: [ResidentID: TraineeRosters] = [:]
  var saved: SavedTraineeRosters?

  public init() {}

  public subscript(trainee: ResidentID) -> TraineeRosters? { added[trainee] ?? saved?.rosters(of: trainee) }

  public func contains(_ trainee: ResidentID) -> Bool { self[trainee] != nil }

  /// Adds a roster to the trainee's; returns their rosters now.
  @discardableResult mutating func insert(_ roster: Int, for trainee: ResidentID) -> TraineeRosters {
    added[trainee, default: saved?.rosters(of: trainee) ?? TraineeRosters()].insert(roster)
  }

  /// Whether every trainee is still where the checkpoint put them (nothing read, nothing added).
  public var isInPlace: Bool { saved != nil && added.isEmpty }

  /// Every trainee with their rosters, in the trainees' order: the saved ones and those added
  /// since merged in one pass.
  public var all: [(trainee: ResidentID, rosters: TraineeRosters)] {
    let newer = added.sorted { $0.key < $1.key }
    guard let saved else { return newer.map { ($0.key, $0.value) } }
    var merged: [(trainee: ResidentID, rosters: TraineeRosters)] = []
    merged.reserveCapacity(saved.count + newer.count)
    var next = newer[...]
    for index in 0..<saved.count {
      let (trainee, rosters) = saved.record(at: index)
      while let first = next.first, first.key < trainee { merged.append((first.key, first.value)); next.removeFirst() }
      if let first = next.first, first.key == trainee {
        merged.append((first.key, first.value))
        next.removeFirst()
      } else {
        merged.append((trainee, rosters))
      }
    }
    merged += next.map { ($0.key, $0.value) }
    return merged
  }

  public var count: Int { (saved?.count ?? 0) + added.keys.filter { saved?.rosters(of: $0) == nil }.count }

  /// Every trainee ever enrolled, in order.
  public var trainees: [ResidentID] { all.map(\.trainee) }

  /// Checks the roster numbers against the enrolments' classes: now for a table read whole,
  /// as each is read for one left in place.
  mutating func checkRosters(below limit: Int) throws {
    if let saved { saved.rosterLimit = limit }
    guard added.values.allSatisfy({ $0.allSatisfy { (0..<limit).contains($0) } }) else {
      throw BinaryDecodingError("a trainee's roster number beyond the enrolments' classes")
    }
  }
}

extension TraineeRosterTable: Equatable {
  public static func == (lhs: TraineeRosterTable, rhs: TraineeRosterTable) -> Bool {
    lhs.all.elementsEqual(rhs.all) { $0.trainee == $1.trainee && $0.rosters == $1.rosters }
  }
}

// Saved form: two byte strings. The records, sorted by trainee, 20 bytes each (little-endian):
// the ID's 17 digits as a number (8), the first roster (4), where its further rosters start
// among the others and how many there are (4 and 4). Then the further rosters, 4 bytes each.
extension TraineeRosterTable: Codable, BinaryFastCodable {
  enum CodingKeys: String, CodingKey { case records, more }
  static let recordSize = 20

  var savedForm: (records: [UInt8], more: [UInt8]) {
    var (records, more): ([UInt8], [UInt8]) = ([], [])
    let all = all
    records.reserveCapacity(all.count * Self.recordSize)
    func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
      withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
    for (trainee, rosters) in all {
      append(trainee.number, to: &records)
      append(Int32(rosters.first), to: &records)
      append(UInt32(more.count / 4), to: &records)
      append(UInt32(rosters.more.count), to: &records)
      for roster in rosters.more { append(Int32(roster), to: &more) }
    }
    return (records, more)
  }

  public func encode(to encoder: any Encoder) throws {
    let (records, more) = savedForm
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(ByteString(records), forKey: .records)
    try container.encode(ByteString(more), forKey: .more)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let records = try container.decode(ByteString.self, forKey: .records).bytes
    let more = try container.decode(ByteString.self, forKey: .more).bytes
    self = try records.withUnsafeBytes { records in try more.withUnsafeBytes { try Self(records: records, more: $0, owner: nil) } }
  }

  public func writeBinary(to output: BinaryOutput) throws {
    // Unchanged since read from a checkpoint: its bytes again, unread.
    if let saved, added.isEmpty {
      try output.byteStringField(streaming: saved.records)
      try output.byteStringField(streaming: saved.more)
      return
    }
    let (records, more) = savedForm
    try records.withUnsafeBytes { try output.byteStringField(streaming: $0) }
    try more.withUnsafeBytes { try output.byteStringField(streaming: $0) }
  }

  /// Read from bytes that outlive the reading (a mapped checkpoint), the records stay there.
  public init(binary input: BinaryInput) throws {
    self = try Self(records: try input.byteStringField(), more: try input.byteStringField(), owner: input.owner)
  }

  init(records: UnsafeRawBufferPointer, more: UnsafeRawBufferPointer, owner: AnyObject?) throws {
    let saved = try SavedTraineeRosters(owner: owner, records: records, more: more)
    guard owner == nil else {
      self.saved = saved
      return
    }
    for index in 0..<saved.count {
      guard let (trainee, rosters) = saved.checkedRecord(at: index) else {
        throw BinaryDecodingError("a trainee's rosters out of range")
      }
      added[trainee] = rosters
    }
  }
}

/// A checkpoint's trainees and their rosters, where they lie (`TraineeRosterTable`).
final class SavedTraineeRosters: @unchecked Sendable {
  /// Keeps the bytes below valid (the mapped file); nil only while a table is read whole.
  let owner: AnyObject?
  let records: UnsafeRawBufferPointer
  let more: UnsafeRawBufferPointer
  let count: Int
  /// The enrolments' class count: a roster number at or beyond it is not a class.
  var rosterLimit = Int(Int32.max)

  init(owner: AnyObject?, records: UnsafeRawBufferPointer, more: UnsafeRawBufferPointer) throws {
    guard records.count % TraineeRosterTable.recordSize == 0, more.count % 4 == 0 else {
      throw BinaryDecodingError("torn trainees' rosters")
    }
    (self.owner, self.records, self.more, count) = (owner, records, more, records.count / TraineeRosterTable.recordSize)
  }

  /// The number of record `index`'s trainee (`ResidentID.number`).
  func number(at index: Int) -> UInt64 {
    UInt64(littleEndian: records.loadUnaligned(fromByteOffset: index * TraineeRosterTable.recordSize, as: UInt64.self))
  }

  /// Record `index`, nil when its trainee, a roster number or a place is out of range.
  func checkedRecord(at index: Int) -> (ResidentID, TraineeRosters)? {
    let offset = index * TraineeRosterTable.recordSize
    func word(_ at: Int) -> Int { Int(UInt32(littleEndian: records.loadUnaligned(fromByteOffset: offset + at, as: UInt32.self))) }
    let first = Int(Int32(bitPattern: UInt32(word(8))))
    let (start, count) = (word(12), word(16))
    guard let trainee = ResidentID(number: number(at: index)), (0..<rosterLimit).contains(first),
      start + count <= more.count / 4
    else { return nil }
    let further = (start..<(start + count)).map { Int(Int32(littleEndian: more.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self))) }
    guard further.allSatisfy({ (0..<rosterLimit).contains($0) }) else { return nil }
    return (trainee, TraineeRosters(first: first, more: further))
  }

  /// Record `index`; one out of range matched the checkpoint's hash, so it was written wrong:
  /// the command stops, as `SavedTable` does.
  func record(at index: Int) -> (ResidentID, TraineeRosters) {
    guard let record = checkedRecord(at: index) else {
      preconditionFailure(
        "the checkpoint's trainees' rosters matched its SHA-256 but cannot be read: "
          + "delete JOURNAL.checkpoint, or run `claims rebuild`")
    }
    return record
  }

  /// A trainee's rosters, found by halving the sorted records.
  func rosters(of trainee: ResidentID) -> TraineeRosters? {
    var (low, high) = (0, count)
    while low < high {
      let middle = (low + high) / 2
      let found = number(at: middle)
      if found == trainee.number { return record(at: middle).1 }
      if found < trainee.number { low = middle + 1 } else { high = middle }
    }
    return nil
  }
}
