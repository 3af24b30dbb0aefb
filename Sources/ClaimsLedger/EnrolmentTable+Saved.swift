import ClaimsDomain

/// Saved as its classes in the order of their rosters' numbers (the state holds the numbers
/// elsewhere: `LedgerState.rostersOfTrainee`), then each roster as a byte string of its own —
/// its count, then each trainee and record in the roster's order — the same bytes in both
/// codings. Read from a checkpoint's mapped file (`BinaryInput.owner`), the rosters stay where
/// they lie until asked for (`SavedTable`); read from bytes that end with the reading, at once.
extension EnrolmentTable: Codable {
  enum CodingKeys: String, CodingKey { case classes, rosters }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(classes: try container.decode([String].self, forKey: .classes))
    let saved = try container.decode([ByteString].self, forKey: .rosters)
    guard saved.count == classIDs.count else { throw BinaryDecodingError("a roster for each class, and no more") }
    for (number, bytes) in saved.enumerated() {
      try bytes.bytes.withUnsafeBytes { try readRoster(number, from: $0) }
    }
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(classIDs, forKey: .classes)
    try container.encode(try rosters.indices.map { ByteString(try savedBytes(ofRoster: $0)) }, forKey: .rosters)
  }

  /// An empty table whose rosters are numbered in the order of `classes`, each named once.
  init(classes: [String]) throws {
    self.init()
    for classID in classes { _ = rosterNumber(for: classID) }
    guard rosters.count == classes.count else { throw BinaryDecodingError("a class twice in the rosters' order") }
  }

  /// Roster `number`'s bytes as they are saved: as they were read when it is still unread.
  func savedBytes(ofRoster number: Int) throws -> [UInt8] {
    if rosters[number].unread { return Array(saved[number].bytes) }
    var bytes: [UInt8] = []
    try BinaryEncoder().encode(partSize: 1 << 12, sink: { bytes.append(contentsOf: $0) }) { try rosters[number].writeBinary(to: $0) }
    return bytes
  }

  mutating func readRoster(_ number: Int, from bytes: UnsafeRawBufferPointer) throws {
    rosters[number] = try Roster.read(bytes)
    count += rosters[number].trainees.count
  }
}

extension EnrolmentTable: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(classIDs)
    output.bytes.append(1)  // the rosters' slot, a list of byte strings
    output.appendCount32(rosters.count)
    for number in rosters.indices {
      if rosters[number].unread {
        try output.byteStringField(streaming: saved[number].bytes)
      } else {
        try output.byteStringField { try rosters[number].writeBinary(to: $0) }
      }
      try output.flushIfFull()
    }
  }

  public init(binary input: BinaryInput) throws {
    try self.init(classes: try input.field())
    guard try input.byte() != 0 else { throw BinaryDecodingError("nil where a value was expected") }
    guard try input.count32() == classIDs.count else { throw BinaryDecodingError("a roster for each class, and no more") }
    for number in classIDs.indices {
      let bytes = try input.byteStringField()
      if let owner = input.owner {
        count += try Roster.savedCount(bytes)
        rosters[number].unread = true
        saved.append(SavedTable("roster of class " + classIDs[number], bytes: bytes, owner: owner) { try Roster(binary: $0) })
      } else {
        try readRoster(number, from: bytes)
      }
      input.releaseReadIfFar()
    }
  }
}

extension EnrolmentTable.Roster {
  /// Its count (4 bytes), then each trainee's slot and record's slot, in the roster's order.
  func writeBinary(to output: BinaryOutput) throws {
    output.appendCount32(trainees.count)
    for place in trainees.indices {
      try output.field(trainees[place])
      try output.field(records[place])
    }
  }

  init(binary input: BinaryInput) throws {
    let count = try input.count32()
    guard count <= input.bytes.count - input.position else { throw BinaryDecodingError("a count beyond the end") }
    self.init()
    trainees.reserveCapacity(count)
    records.reserveCapacity(count)
    for _ in 0..<count {
      let trainee: ResidentID = try input.field()
      guard place(of: trainee) == nil else { throw BinaryDecodingError("a trainee twice in a roster") }
      append(trainee, try input.field())
    }
  }

  /// A roster's saved bytes, whole.
  static func read(_ bytes: UnsafeRawBufferPointer) throws -> Self {
    try BinaryDecoder().decode(from: bytes) { try Self(binary: $0) }
  }

  /// How many trainees a roster's saved bytes hold, without reading them (their first field).
  static func savedCount(_ bytes: UnsafeRawBufferPointer) throws -> Int {
    let count = try BinaryDecoder().decode(from: UnsafeRawBufferPointer(rebasing: bytes.prefix(4))) { try $0.count32() }
    // Each trainee takes more than two bytes: a count beyond that cannot be read back.
    guard count <= (bytes.count - 4) / 2 else { throw BinaryDecodingError("a roster's count beyond its bytes") }
    return count
  }
}
