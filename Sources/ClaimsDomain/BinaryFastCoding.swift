/// A type that writes and reads its value in `BinaryEncoder`'s form itself, past the `Codable`
/// containers: the same bytes its synthesized coding gives, field by field in declaration
/// order, without a keyed container and its runtime questions per field. A checkpoint holds the
/// state's records by the hundred thousand; through the containers, reading one back took longer
/// than replaying the journal. `BinaryFastCodingTests` encode checkpoints both ways and compare.
public protocol BinaryFastCodable {
  /// The value, after its slot's tag.
  func writeBinary(to output: BinaryOutput) throws
  /// The value, after its slot's tag (which said present).
  init(binary input: BinaryInput) throws
}

extension BinaryFastCodable {
  /// `value`, which is of this type: called on the type the coder found once, so that no value
  /// is cast (a cast per value asked the runtime about conformances every time).
  static func write<Value>(_ value: Value, to output: BinaryOutput) throws {
    try unsafeBitCast(value, to: Self.self).writeBinary(to: output)
  }

  static func read<Value>(_ type: Value.Type, from input: BinaryInput) throws -> Value {
    unsafeBitCast(try Self(binary: input), to: Value.self)
  }
}

/// What a coder found out about each type it met, in a short list: a coding meets a few dozen
/// types, and comparing their identities is cheaper than hashing them. Keyed by the type's
/// identity, not generic over the type: its callers are unspecialized generic code.
struct TypeWays<Way> {
  var types: [ObjectIdentifier] = []
  var ways: [Way] = []

  /// The way found for `type`, found by `find` the first time.
  mutating func way(of type: Any.Type, _ find: () -> Way) -> Way {
    let id = ObjectIdentifier(type)
    if let index = types.firstIndex(of: id) { return ways[index] }
    let way = find()
    types.append(id)
    ways.append(way)
    return way
  }
}

/// A code spelt by its raw value: a string, as its synthesized coding writes it.
extension BinaryFastCodable where Self: RawRepresentable, RawValue == String {
  public func writeBinary(to output: BinaryOutput) throws { output.append(rawValue) }
  public init(binary input: BinaryInput) throws {
    let spelling = try input.string()
    guard let value = Self(rawValue: spelling) else { throw BinaryDecodingError("unknown code \(spelling)") }
    self = value
  }
}

extension Fund: BinaryFastCodable {}
extension PersonCategory: BinaryFastCodable {}
extension Claimant: BinaryFastCodable {}
extension TrainingCategory: BinaryFastCodable {}
extension SkillLevel: BinaryFastCodable {}
extension Assessment: BinaryFastCodable {}

extension Money: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws { output.append(signed: fen) }
  public init(binary input: BinaryInput) throws { self.init(fen: try input.signed()) }
}

extension CivilDate: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws { output.append(signed: Int64(daysSinceEpoch)) }
  public init(binary input: BinaryInput) throws {
    let days = try input.signed()
    guard Self.storableDays.contains(Int(truncatingIfNeeded: days)) else { throw BinaryDecodingError("day \(days) out of range") }
    self.init(daysSinceEpoch: Int(days))
  }
}

extension Timestamp: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws { output.append(signed: milliseconds) }
  public init(binary input: BinaryInput) throws { self.init(milliseconds: try input.signed()) }
}

extension ResidentID: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws { output.append(digits) }
  public init(binary input: BinaryInput) throws {
    let digits = try input.word()
    guard digits < Self.digitsLimit else { throw BinaryDecodingError("not 17 digits") }
    self.digits = digits
  }
}

extension TraineeEnrolled: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(trainee)
    try output.field(name)
    try output.field(classID)
    try output.field(categories)
    try output.field(uiBenefit)
  }
  public init(binary input: BinaryInput) throws {
    self.init(
      trainee: try input.field(), name: try input.field(), classID: try input.field(), categories: try input.field(),
      uiBenefit: try input.field())
  }
}

extension ClassApproved: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(classID)
    try output.field(institution)
    try output.field(region)
    try output.field(category)
    try output.field(occupation)
    try output.field(level)
    try output.field(assessment)
    try output.field(start)
    try output.field(end)
    try output.field(hoursOffline)
    try output.field(hoursOnline)
    try output.field(theoryHours)
    try output.field(plannedSize)
    try output.field(funding)
    try output.field(enterprise)
    try output.field(demand)
  }
  public init(binary input: BinaryInput) throws {
    self.init(
      classID: try input.field(), institution: try input.field(), region: try input.field(), category: try input.field(),
      occupation: try input.field(), level: try input.field(), assessment: try input.field(), start: try input.field(),
      end: try input.field(), hoursOffline: try input.field(), hoursOnline: try input.field(),
      theoryHours: try input.field(), plannedSize: try input.field(), funding: try input.field(),
      enterprise: try input.field(), demand: try input.field())
  }
}

extension EmploymentRecorded: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(trainee)
    try output.field(employer)
    try output.field(contractStart)
    try output.field(contractMonths)
    try output.field(monthlyWage)
    try output.field(socialInsurance)
  }
  public init(binary input: BinaryInput) throws {
    self.init(
      trainee: try input.field(), employer: try input.field(), contractStart: try input.field(),
      contractMonths: try input.field(), monthlyWage: try input.field(), socialInsurance: try input.field())
  }
}

extension PaymentMade: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(payment)
    try output.field(claim)
    try output.field(fund)
    try output.field(amount)
    try output.field(payee)
    try output.field(bankRef)
  }
  public init(binary input: BinaryInput) throws {
    self.init(
      payment: try input.field(), claim: try input.field(), fund: try input.field(), amount: try input.field(),
      payee: try input.field(), bankRef: try input.field())
  }
}

extension ClaimSubmitted: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(claim)
    try output.field(classID)
    try output.field(trainees)
    try output.field(claimant)
  }
  public init(binary input: BinaryInput) throws {
    self.init(claim: try input.field(), classID: try input.field(), trainees: try input.field(), claimant: try input.field())
  }
}

extension ApprovalDecision: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(lines)
    try output.field(total)
  }
  /// The lines as the list `field()` reads, one by one, so that each shares its ruleset's two
  /// strings with the line before when they are the same (they are on most lines: a checkpoint
  /// holds a 64-character hash per approved trainee).
  public init(binary input: BinaryInput) throws {
    guard try input.byte() != 0 else { throw BinaryDecodingError("nil where a value was expected") }
    let count = try input.count32()
    guard count <= input.bytes.count - input.position else { throw BinaryDecodingError("a count beyond the end") }
    var lines: [ApprovedLine] = []
    lines.reserveCapacity(count)
    for _ in 0..<count {
      guard try input.byte() != 0 else { throw BinaryDecodingError("nil where a value was expected") }
      let previous = lines.last
      lines.append(
        ApprovedLine(
          trainee: try input.field(), amount: try input.field(), fund: try input.field(),
          ruleset: try input.stringField(reusing: previous?.ruleset),
          rulesetSHA256: try input.stringField(reusing: previous?.rulesetSHA256), reasons: try input.field()))
    }
    self.init(lines: lines, total: try input.field())
  }
}

extension ApprovedLine: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(trainee)
    try output.field(amount)
    try output.field(fund)
    try output.field(ruleset)
    try output.field(rulesetSHA256)
    try output.field(reasons)
  }
  public init(binary input: BinaryInput) throws {
    self.init(
      trainee: try input.field(), amount: try input.field(), fund: try input.field(), ruleset: try input.field(),
      rulesetSHA256: try input.field(), reasons: try input.field())
  }
}

extension String: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws { output.append(self) }
  public init(binary input: BinaryInput) throws { self = try input.string() }
}

extension Int: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws { output.append(signed: Int64(self)) }
  public init(binary input: BinaryInput) throws { self = Int(try input.signed()) }
}

extension BinaryInput {
  /// A string slot, as `previous` itself when it holds the same bytes: one string, shared,
  /// where each slot would make its own.
  public func stringField(reusing previous: String?) throws -> String {
    guard try byte() != 0 else { throw BinaryDecodingError("nil where a value was expected") }
    let length = try size()
    let stored = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + length)])
    position += length
    if let previous, previous.utf8.count == length,
      previous.utf8.withContiguousStorageIfAvailable({ UnsafeRawBufferPointer($0).sameBytes(as: stored) }) == true
    {
      return previous
    }
    return String(decoding: stored, as: UTF8.self)
  }

  /// The slot's bytes, in place.
  public func byteStringField() throws -> UnsafeRawBufferPointer {
    guard try byte() != 0 else { throw BinaryDecodingError("nil where bytes were expected") }
    return try take(size())
  }
}

extension ByteString: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) {
    output.append(UInt64(bytes.count))
    output.bytes.append(contentsOf: bytes)
  }
  public init(binary input: BinaryInput) throws { self.init(Array(try input.take(input.size()))) }
}

extension Bool: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws { output.bytes.append(self ? 1 : 0) }
  public init(binary input: BinaryInput) throws { self = try input.byte() == 1 }
}

/// Slots, as a fast type's fields are written: a tag, then the value.
extension BinaryOutput {
  @inlinable public func field<Value: BinaryFastCodable>(_ value: Value) throws {
    bytes.append(1)
    try value.writeBinary(to: self)
  }

  @inlinable public func field<Value: BinaryFastCodable>(_ value: Value?) throws {
    if let value { try field(value) } else { bytes.append(0) }
  }

  /// A value of a type that does not code itself, through the `Codable` containers.
  public func field<Value: Encodable>(general value: Value) throws { try encodeSlot(value) }
}

extension BinaryInput {
  @inlinable public func field<Value: BinaryFastCodable>() throws -> Value {
    guard try byte() != 0 else { throw BinaryDecodingError("nil where a value was expected") }
    return try Value(binary: self)
  }

  @inlinable public func field<Value: BinaryFastCodable>() throws -> Value? {
    if try slotIsNil() { return nil }
    return try field() as Value
  }

  /// A value of a type that does not code itself, through the `Codable` containers.
  public func field<Value: Decodable>(general type: Value.Type = Value.self) throws -> Value { try decodeSlot(type) }

  /// The next `count` bytes, stepped over.
  public func take(_ count: Int) throws -> UnsafeRawBufferPointer {
    try need(count)
    defer { position += count }
    return UnsafeRawBufferPointer(rebasing: bytes[position..<(position + count)])
  }
}

/// Lists, sets and dictionaries of such values code themselves too, in the forms their own
/// codings take here: a list a 4-byte count and a slot per element; a set the same, its
/// elements in the order of their bytes; a dictionary a varint count and key and value slots,
/// in the order of the keys' bytes (`BinaryOutput.inKeyOrder`). Inlinable, so that a record's
/// coder reads its tables specialized to their types, not through the generic ones.
extension Array: BinaryFastCodable where Element: BinaryFastCodable {
  @inlinable public func writeBinary(to output: BinaryOutput) throws {
    precondition(count < 1 << 32, "a list of over 4 G elements")
    output.appendCount32(count)
    for element in self { try output.field(element) }
  }
  @inlinable public init(binary input: BinaryInput) throws {
    let count = try input.count32()
    guard count <= input.bytes.count - input.position else { throw BinaryDecodingError("a count beyond the end") }
    self.init()
    reserveCapacity(count)
    for _ in 0..<count {
      append(try input.field())
      input.releaseReadIfFar()
    }
  }
}

extension Set: BinaryFastCodable where Element: BinaryFastCodable {
  @inlinable public func writeBinary(to output: BinaryOutput) throws {
    precondition(count < 1 << 32, "a set of over 4 G elements")
    output.appendCount32(count)
    let elements = Array(self)
    try output.inKeyOrder(count: elements.count, key: { try output.field(elements[$0]) }, value: { _ in })
  }
  @inlinable public init(binary input: BinaryInput) throws {
    let count = try input.count32()
    guard count <= input.bytes.count - input.position else { throw BinaryDecodingError("a count beyond the end") }
    self.init(minimumCapacity: count)
    for _ in 0..<count {
      insert(try input.field())
      input.releaseReadIfFar()
    }
  }
}

extension Dictionary: BinaryFastCodable where Key: BinaryFastCodable, Value: BinaryFastCodable {
  @inlinable public func writeBinary(to output: BinaryOutput) throws {
    try output.pairs(self, key: { try output.field($0) }, value: { try output.field($0) })
  }
  @inlinable public init(binary input: BinaryInput) throws {
    let count = try input.size()  // at least a byte a pair: a corrupt count fails here
    self.init(minimumCapacity: count)
    for _ in 0..<count {
      let key: Key = try input.field()
      self[key] = try input.field() as Value
      input.releaseReadIfFar()
    }
  }
}
