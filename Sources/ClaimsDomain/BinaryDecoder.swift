/// Reads what `BinaryEncoder` wrote. Malformed input throws `BinaryDecodingError`; a reader of
/// a cache treats that as "rebuild", never as data.
public struct BinaryDecoder {
  /// As `BinaryEncoder.fastPaths`.
  public var fastPaths: Bool

  public init(fastPaths: Bool = true) { self.fastPaths = fastPaths }

  public func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
    try bytes.withUnsafeBytes { try decode(type, from: $0) }
  }

  /// The same, from bytes in place (a mapped file).
  public func decode<Value: Decodable>(_ type: Value.Type, from buffer: UnsafeRawBufferPointer) throws -> Value {
    try decode(from: buffer) { try $0.decodeSlot(Value.self) }
  }

  /// What `body` reads, which must be every byte: the reader of `BinaryEncoder.encode(writing:)`.
  /// `read`, if given, is told how far the reading has come, about every `partSize` bytes
  /// (`BinaryInput.releaseReadIfFar`), so that the owner of mapped bytes can give back those
  /// behind it. `owner`, if given, keeps `buffer` valid for as long as it lives: a table may
  /// then leave parts of itself in the bytes, to be read when asked for (`BinaryInput.owner`).
  public func decode<Value>(
    from buffer: UnsafeRawBufferPointer, partSize: Int = 32 << 20, read: ((Int) -> Void)? = nil,
    owner: AnyObject? = nil, reading body: (BinaryInput) throws -> Value
  ) throws -> Value {
    try withoutActuallyEscaping(read ?? { _ in }) { told in
      let input = BinaryInput(buffer, fastPaths: fastPaths)
      input.owner = owner
      if read != nil { (input.read, input.partSize) = (told, partSize) }
      defer { input.read = nil }
      let value = try body(input)
      guard input.position == buffer.count else { throw BinaryDecodingError("bytes after the value") }
      return value
    }
  }
}

public struct BinaryDecodingError: Error, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// The bytes being read and the read position, shared by the containers of one decoding.
public final class BinaryInput {
  public let bytes: UnsafeRawBufferPointer
  /// Unchecked, as `BinaryOutput.bytes`: one decoding runs on one thread.
  @exclusivity(unchecked) public var position = 0
  /// The slot being decoded is nil: only `Optional` may read it (through `decodeNil`).
  @exclusivity(unchecked) var inNilSlot = false
  let fastPaths: Bool

  /// What keeps `bytes` valid beyond the decoding, when something does (a mapped file): a
  /// reader may then keep pointers into them. Nil for bytes that end with the decoding.
  public internal(set) var owner: AnyObject?

  /// Told the position now and then (`releaseReadIfFar`); nil when no one asked.
  var read: ((Int) -> Void)?
  @usableFromInline var partSize = Int.max
  @usableFromInline var toldAt = 0

  init(_ bytes: UnsafeRawBufferPointer, fastPaths: Bool) { (self.bytes, self.fastPaths) = (bytes, fastPaths) }

  /// Tells the owner of the bytes how far the reading has come, once `partSize` more lie
  /// behind the position than last told: the reader's mirror of `BinaryOutput.flushIfFull`,
  /// called where a long decoding passes (between a state's tables, every so many entries).
  @inlinable public func releaseReadIfFar() {
    if position - toldAt >= partSize { tellRead() }
  }

  @usableFromInline func tellRead() {
    toldAt = position
    read?(position)
  }

  func need(_ count: Int) throws {
    guard !inNilSlot else { throw BinaryDecodingError("nil where a value was expected") }
    guard count >= 0, position + count <= bytes.count else { throw BinaryDecodingError("truncated") }
  }

  public func byte() throws -> UInt8 {
    try need(1)
    defer { position += 1 }
    return bytes[position]
  }

  /// A LEB128 varint.
  public func word() throws -> UInt64 {
    // Most are one byte (tags' neighbours: small numbers, lengths, counts).
    if !inNilSlot, position < bytes.count, bytes[position] < 0x80 {
      defer { position += 1 }
      return UInt64(bytes[position])
    }
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let byte = try self.byte()
      guard shift < 64, shift < 63 || byte <= 1 else { throw BinaryDecodingError("a varint too long") }
      value |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return value }
      shift += 7
    }
  }

  /// A zigzagged varint.
  public func signed() throws -> Int64 {
    let raw = try word()
    return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
  }

  /// A list's fixed 4-byte count.
  public func count32() throws -> Int {
    try need(4)
    defer { position += 4 }
    return (0..<4).reduce(0) { $0 | Int(bytes[position + $1]) << (8 * $1) }
  }

  /// How values of a type are read, asked of the runtime once per type.
  enum Way {
    case fast(any BinaryFastCodable.Type)
    case dictionary(any BinaryCodableDictionary.Type)
    case containers
  }
  @exclusivity(unchecked) var ways = TypeWays<Way>()

  func way<Value>(of type: Value.Type) -> Way {
    ways.way(of: type) {
      if fastPaths, let fast = type as? any BinaryFastCodable.Type { return .fast(fast) }
      if let dictionary = type as? any BinaryCodableDictionary.Type { return .dictionary(dictionary) }
      return .containers
    }
  }

  /// A count or length: a word that must fit what is left of the input.
  public func size() throws -> Int {
    guard let size = Int(exactly: try word()), size <= bytes.count - position else {
      throw BinaryDecodingError("a count beyond the end of the input")
    }
    return size
  }

  public func string() throws -> String {
    let length = try size()
    defer { position += length }
    // Repairing rather than validating: the payload's SHA-256 was checked before decoding.
    return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<position + length]), as: UTF8.self)
  }

  /// A slot that must hold a value: its tag, then `read`. The containers read strings and
  /// integers this way, past the generic path's questions to the runtime (most of a
  /// checkpoint's slots are strings and integers).
  @inline(__always)
  func present<Value>(_ read: () throws -> Value) throws -> Value {
    guard try byte() != 0 else { throw BinaryDecodingError("nil where a value was expected") }
    return try read()
  }

  /// A tagged value slot.
  func decodeSlot<Value: Decodable>(_ type: Value.Type) throws -> Value {
    // Dictionary keys and list elements reach here through generic code: strings, the
    // commonest, are read directly.
    if Value.self == String.self { return unsafeBitCast(try present { try string() }, to: Value.self) }
    inNilSlot = try byte() == 0
    defer { inNilSlot = false }
    return try decodeValue(Value.self)
  }

  func decodeValue<Value: Decodable>(_ type: Value.Type) throws -> Value {
    guard !inNilSlot else { return try Value(from: BinaryValueDecoder(input: self)) }
    switch way(of: Value.self) {
    case .fast(let fast): return try fast.read(Value.self, from: self)
    case .dictionary(let dictionary): return try dictionary.read(Value.self, from: self)
    case .containers: return try Value(from: BinaryValueDecoder(input: self))
    }
  }

  /// Whether the next slot is nil, stepping over it if so.
  public func slotIsNil() throws -> Bool {
    guard position < bytes.count else { throw BinaryDecodingError("truncated") }
    guard bytes[position] == 0 else { return false }
    position += 1
    return true
  }
}

struct BinaryValueDecoder: Decoder {
  let input: BinaryInput
  var codingPath: [any CodingKey] { [] }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    KeyedDecodingContainer(try BinaryKeyedDecoder<Key>(input: input))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    let count = try input.count32()
    guard count <= input.bytes.count - input.position else { throw BinaryDecodingError("a count beyond the end") }
    return BinaryUnkeyedDecoder(input: input, count: count)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer { BinarySingleDecoder(input: input) }
}

struct BinarySingleDecoder: SingleValueDecodingContainer {
  let input: BinaryInput
  var codingPath: [any CodingKey] { [] }

  func decodeNil() -> Bool { input.inNilSlot }
  func decode(_ type: Bool.Type) throws -> Bool { try input.byte() == 1 }
  func decode(_ type: String.Type) throws -> String { try input.string() }
  func decode(_ type: Double.Type) throws -> Double { Double(bitPattern: try input.word()) }
  func decode(_ type: Float.Type) throws -> Float { Float(bitPattern: UInt32(truncatingIfNeeded: try input.word())) }
  func decode(_ type: Int.Type) throws -> Int { Int(try input.signed()) }
  func decode(_ type: Int8.Type) throws -> Int8 { try narrow(try input.signed()) }
  func decode(_ type: Int16.Type) throws -> Int16 { try narrow(try input.signed()) }
  func decode(_ type: Int32.Type) throws -> Int32 { try narrow(try input.signed()) }
  func decode(_ type: Int64.Type) throws -> Int64 { try input.signed() }
  func decode(_ type: UInt.Type) throws -> UInt { try narrow(try input.word()) }
  func decode(_ type: UInt8.Type) throws -> UInt8 { try narrow(try input.word()) }
  func decode(_ type: UInt16.Type) throws -> UInt16 { try narrow(try input.word()) }
  func decode(_ type: UInt32.Type) throws -> UInt32 { try narrow(try input.word()) }
  func decode(_ type: UInt64.Type) throws -> UInt64 { try input.word() }
  func decode<T: Decodable>(_ type: T.Type) throws -> T { try input.decodeValue(T.self) }

  func narrow<Wide: BinaryInteger, Narrow: FixedWidthInteger>(_ value: Wide) throws -> Narrow {
    guard let narrow = Narrow(exactly: value) else { throw BinaryDecodingError("\(value) out of range") }
    return narrow
  }
}

/// A struct's fields, read slot by slot in the order the synthesized initializer asks for them.
struct BinaryKeyedDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let input: BinaryInput
  var codingPath: [any CodingKey] { [] }

  init(input: BinaryInput) throws { self.input = input }

  var allKeys: [Key] { [] }
  func contains(_ key: Key) -> Bool { true }

  /// Whether the next slot is nil; steps over it if so (the caller then asks for nothing).
  func decodeNil(forKey key: Key) throws -> Bool { try input.slotIsNil() }

  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try input.decodeSlot(T.self) }
  func decode(_ type: String.Type, forKey key: Key) throws -> String { try input.present { try input.string() } }
  func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try input.present { Int(try input.signed()) } }
  func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try input.present { try input.byte() == 1 } }

  func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    throw BinaryDecodingError("nested containers are not used")
  }
  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    throw BinaryDecodingError("nested containers are not used")
  }
  func superDecoder() throws -> any Decoder { throw BinaryDecodingError("superclasses are not used") }
  func superDecoder(forKey key: Key) throws -> any Decoder { throw BinaryDecodingError("superclasses are not used") }
}

struct BinaryUnkeyedDecoder: UnkeyedDecodingContainer {
  let input: BinaryInput
  let count: Int?
  var currentIndex = 0
  var codingPath: [any CodingKey] { [] }

  init(input: BinaryInput, count: Int) {
    self.input = input
    self.count = count
  }

  var isAtEnd: Bool { currentIndex >= count! }

  mutating func decodeNil() throws -> Bool {
    guard !isAtEnd, try input.slotIsNil() else { return false }
    currentIndex += 1
    return true
  }

  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
    guard !isAtEnd else { throw BinaryDecodingError("past the end of a list") }
    currentIndex += 1
    return try input.decodeSlot(T.self)
  }
  mutating func decode(_ type: String.Type) throws -> String {
    guard !isAtEnd else { throw BinaryDecodingError("past the end of a list") }
    currentIndex += 1
    return try input.present { try input.string() }
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    throw BinaryDecodingError("nested containers are not used")
  }
  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    throw BinaryDecodingError("nested containers are not used")
  }
  mutating func superDecoder() throws -> any Decoder { throw BinaryDecodingError("superclasses are not used") }
}
