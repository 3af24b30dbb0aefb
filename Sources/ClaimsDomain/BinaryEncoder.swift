/// A compact binary form of any `Encodable` value, for caches the ledger writes and reads
/// itself (checkpoints): never an exchange format. Positional, like the synthesized coding it
/// serves: a struct is its fields' slots in declaration order, a list a count and slots, a
/// dictionary a count and key and value slots. Every slot starts with a tag byte (0 nil,
/// 1 present); integers, counts and lengths are LEB128 varints (signed ones zigzagged first),
/// strings a length and their UTF-8. The ledger's numbers are small, so most take a byte.
/// Reader and writer must be the same build: `Checkpoint.foldVersion` guards that.
public struct BinaryEncoder {
  /// Whether types that code themselves (`BinaryFastCodable`) do so; off, everything goes
  /// through the `Codable` containers, which the tests compare the fast paths against.
  public var fastPaths: Bool

  public init(fastPaths: Bool = true) { self.fastPaths = fastPaths }

  /// `capacity`: about how many bytes to expect, so that a large form is not copied each
  /// time its buffer doubles (untouched capacity costs address space, not memory).
  public func encode<Value: Encodable>(_ value: Value, capacity: Int = 1 << 16) throws -> [UInt8] {
    let output = BinaryOutput(fastPaths: fastPaths)
    output.bytes.reserveCapacity(capacity)
    try output.encodeSlot(value)
    return output.bytes
  }

  /// The same bytes, handed to `sink` in parts of about `partSize` as they are written, in
  /// order: a large form (a checkpoint) goes to its file without ever being whole in memory.
  public func encode<Value: Encodable>(
    _ value: Value, partSize: Int = 4 << 20, sink: (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    try encode(partSize: partSize, sink: sink) { try $0.encodeSlot(value) }
  }

  /// What `body` writes, handed to `sink` in parts as above: for a form that is not one value's
  /// slot (a part of the state, `LedgerState.writeBinaryWithoutIndex`).
  public func encode(
    partSize: Int = 4 << 20, sink: (UnsafeRawBufferPointer) throws -> Void, writing body: (BinaryOutput) throws -> Void
  ) throws {
    try withoutActuallyEscaping(sink) { sink in
      let output = BinaryOutput(fastPaths: fastPaths)
      output.bytes.reserveCapacity(partSize + partSize / 4)
      (output.sink, output.partSize) = (sink, partSize)
      defer { output.sink = nil }
      try body(output)
      try output.bytes.withUnsafeBytes(sink)
    }
  }
}

/// Dictionaries and sets iterate in hash order, which differs from one process to the next
/// (and from one table to another): they are written with their entries in the order of the
/// entries' own bytes, so that equal states give equal bytes.
protocol BinaryUnordered {
  func binaryEncode(_ output: BinaryOutput) throws
}

extension BinaryUnordered {
  /// `value`, which is of this type: called on the type found once (`BinaryOutput.way`), so
  /// that no value is cast.
  static func write<Value>(_ value: Value, to output: BinaryOutput) throws {
    try unsafeBitCast(value, to: Self.self).binaryEncode(output)
  }
}

/// Dictionaries are written as pairs: their own coding would name every key in a keyed container.
protocol BinaryCodableDictionary: BinaryUnordered {
  static func binaryDecode(_ input: BinaryInput) throws -> Self
}

extension BinaryCodableDictionary {
  /// A value of this type as `Value`, which is this type (see `BinaryUnordered.write`).
  static func read<Value>(_ type: Value.Type, from input: BinaryInput) throws -> Value {
    unsafeBitCast(try binaryDecode(input), to: Value.self)
  }
}

extension Dictionary: BinaryUnordered where Key: Codable, Value: Codable {
  func binaryEncode(_ output: BinaryOutput) throws {
    try output.pairs(self, key: { try output.encodeSlot($0) }, value: { try output.encodeSlot($0) })
  }
}

extension Dictionary: BinaryCodableDictionary where Key: Codable, Value: Codable {
  static func binaryDecode(_ input: BinaryInput) throws -> Self {
    let count = try input.size()  // at least a byte a pair: a corrupt count fails here, not in reserveCapacity
    var result: Self = [:]
    result.reserveCapacity(count)
    for _ in 0..<count {
      let key = try input.decodeSlot(Key.self)
      result[key] = try input.decodeSlot(Value.self)
    }
    return result
  }
}

/// A set, as its own coding writes it (a list: a 4-byte count, then the elements' slots), in
/// the order of the elements' bytes.
extension Set: BinaryUnordered where Element: Encodable {
  func binaryEncode(_ output: BinaryOutput) throws {
    precondition(count < 1 << 32, "a set of over 4 G elements")
    output.bytes.append(contentsOf: (0..<4).map { UInt8(truncatingIfNeeded: count >> (8 * $0)) })
    let elements = Array(self)
    try output.inKeyOrder(count: elements.count, key: { try output.encodeSlot(elements[$0]) }, value: { _ in })
  }
}

/// The bytes being written, shared by every container of one encoding.
public final class BinaryOutput {
  /// Unchecked: one encoding runs on one thread, and the runtime's check of every access to a
  /// class's property cost more than the writes themselves.
  @exclusivity(unchecked) public var bytes: [UInt8] = []
  /// Buffers `inKeyOrder` wrote keys into, kept for the next table with their capacity (one
  /// per level of tables within tables).
  @exclusivity(unchecked) public var spareBuffers: [[UInt8]] = []
  let fastPaths: Bool
  /// Where the form goes in parts when it is not kept whole (`BinaryEncoder.encode(_:partSize:sink:)`).
  @usableFromInline var sink: ((UnsafeRawBufferPointer) throws -> Void)?
  @usableFromInline var partSize = Int.max
  /// Tables being sorted (their keys written aside) and values written through the
  /// `Codable` containers (whose lists patch their counts): while any is open, the bytes so
  /// far must stay.
  @exclusivity(unchecked) @usableFromInline var openTables = 0
  @exclusivity(unchecked) @usableFromInline var openContainers = 0
  /// How many bytes went to the sink before `bytes`.
  @exclusivity(unchecked) @usableFromInline var handedOut = 0

  /// Where the next byte goes in the whole form, counting the parts handed out.
  public var position: Int { handedOut + bytes.count }

  init(fastPaths: Bool) { self.fastPaths = fastPaths }

  /// LEB128: seven bits a byte, low first, the high bit set on all but the last.
  @inlinable public func append(_ value: UInt64) {
    var rest = value
    while rest >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    bytes.append(UInt8(rest))
  }

  /// A list's or set's count: four bytes, little-endian.
  @inlinable public func appendCount32(_ count: Int) {
    withUnsafeBytes(of: UInt32(truncatingIfNeeded: count).littleEndian) { bytes.append(contentsOf: $0) }
  }

  /// Zigzag: 0, -1, 1, -2 … become 0, 1, 2, 3 …, so that small negatives stay short.
  public func append(signed value: Int64) { append(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

  /// How values of a type are written, asked of the runtime once per type.
  enum Way {
    case fast(any BinaryFastCodable.Type)
    case unordered(any BinaryUnordered.Type)
    case containers
  }
  @exclusivity(unchecked) var ways = TypeWays<Way>()

  func way<Value>(of type: Value.Type) -> Way {
    ways.way(of: type) {
      if fastPaths, let fast = type as? any BinaryFastCodable.Type { return .fast(fast) }
      if let unordered = type as? any BinaryUnordered.Type { return .unordered(unordered) }
      return .containers
    }
  }

  /// A value after its slot's tag, the way its type is written.
  func encodeValue<Value: Encodable>(_ value: Value) throws {
    switch way(of: Value.self) {
    case .fast(let fast): try fast.write(value, to: self)
    case .unordered(let unordered): try unordered.write(value, to: self)
    case .containers:
      openContainers += 1
      defer { openContainers -= 1 }
      try value.encode(to: BinaryValueEncoder(output: self))
    }
  }

  /// Hands the bytes written so far to the sink, when there is one, they make a part, and no
  /// table or container is open (see `openTables`).
  public func flushIfFull() throws {
    guard let sink, bytes.count >= partSize, openTables == 0, openContainers == 0 else { return }
    try bytes.withUnsafeBytes(sink)
    handedOut += bytes.count
    bytes.removeAll(keepingCapacity: true)
  }

  /// A `ByteString` slot straight from the bytes it holds (a tag, the length, the bytes; read
  /// back in place by `BinaryInput.byteStringField`). Its contents go to the sink as they are,
  /// in parts, when there is one and no table or container is open: hundreds of megabytes of a
  /// checkpoint's index are then never copied into the form first.
  public func byteStringField(streaming contents: UnsafeRawBufferPointer) throws {
    bytes.append(1)
    append(UInt64(contents.count))
    try append(streaming: contents)
  }

  /// A `ByteString` slot of `length` bytes that `body` writes in parts (`append(streaming:)`):
  /// for contents gathered from several places, none held whole.
  public func byteStringField(length: Int, streaming body: () throws -> Void) throws {
    bytes.append(1)
    append(UInt64(length))
    let start = position
    try body()
    precondition(position - start == length, "a byte string of \(position - start) bytes where \(length) were announced")
  }

  /// Bytes already in this form (a part of a form read back), as they are: to the sink in
  /// parts, when there is one and no table or container is open; else into the form.
  public func append(streaming contents: UnsafeRawBufferPointer) throws {
    guard let sink, openTables == 0, openContainers == 0 else { return bytes.append(contentsOf: contents) }
    // The part being made is filled first; then whole parts go straight from the contents, and
    // the rest waits for the next part (every part but the last still holds `partSize`).
    let filling = min(contents.count, max(0, partSize - bytes.count))
    bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: contents[..<filling]))
    guard bytes.count >= partSize else { return }
    try bytes.withUnsafeBytes(sink)
    handedOut += bytes.count
    bytes.removeAll(keepingCapacity: true)
    var start = filling
    while contents.count - start >= partSize {
      try sink(UnsafeRawBufferPointer(rebasing: contents[start..<(start + partSize)]))
      handedOut += partSize
      start += partSize
    }
    bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: contents[start...]))
  }

  /// A `ByteString` slot of what `body` writes (read back in place by
  /// `BinaryInput.byteStringField`): the bytes are written aside, their length being wanted
  /// first. For a part of a table to be read on its own, without the rest.
  public func byteStringField(writing body: (BinaryOutput) throws -> Void) throws {
    var contents = spareBuffers.popLast() ?? []
    contents.removeAll(keepingCapacity: true)
    // While the form waits aside, no part of it may be handed out (`flushIfFull`).
    swap(&contents, &bytes)
    openTables += 1
    let written = Result { try body(self) }
    swap(&contents, &bytes)
    openTables -= 1
    defer { spareBuffers.append(contents) }
    try written.get()
    bytes.append(1)
    append(UInt64(contents.count))
    bytes.append(contentsOf: contents)
  }

  /// A dictionary: its count, then each pair's key and value slots, in the order of the keys'
  /// bytes.
  @inlinable public func pairs<Key, Value>(
    _ dictionary: [Key: Value], key: (Key) throws -> Void, value: (Value) throws -> Void
  ) throws {
    let places = Array(dictionary.indices)
    try pairs(count: places.count, key: { try key(dictionary[places[$0]].key) }, value: { try value(dictionary[places[$0]].value) })
  }

  /// The same for a table that is not a `Dictionary` but is saved as one: `count` pairs, the
  /// pair numbered `i` written by `key(i)` and `value(i)`, asked for in any order.
  @inlinable public func pairs(count: Int, key: (Int) throws -> Void, value: (Int) throws -> Void) throws {
    append(UInt64(count))
    try inKeyOrder(count: count, key: key, value: value)
  }

  /// Writes `count` entries in the order of their keys' bytes (the keys of a dictionary or the
  /// elements of a set: distinct values, so distinct bytes), entry `i` as `key(i)` then
  /// `value(i)`. The keys are written aside and sorted; then each entry goes straight into the
  /// form, its key copied and its value written in place: a table's values (most of a
  /// checkpoint) are never held aside, which cost as much fresh memory as the table's bytes.
  @inlinable public func inKeyOrder(count: Int, key: (Int) throws -> Void, value: (Int) throws -> Void) throws {
    var keys = spareBuffers.popLast() ?? []
    keys.removeAll(keepingCapacity: true)
    // While the form waits aside, no part of it may be handed out (`flushIfFull`).
    swap(&keys, &bytes)
    openTables += 1
    var spans: [(start: Int, end: Int, entry: Int)] = []
    spans.reserveCapacity(count)
    do {
      for entry in 0..<count {
        let start = bytes.count
        try key(entry)
        spans.append((start, bytes.count, entry))
      }
    } catch {
      swap(&keys, &bytes)
      openTables -= 1
      throw error
    }
    swap(&keys, &bytes)
    openTables -= 1
    let written = keys
    try written.withUnsafeBytes { written in
      func key(_ span: (start: Int, end: Int, entry: Int)) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: written[span.start..<span.end])
      }
      spans.sort { key($0).bytesPrecede(key($1)) }
      for span in spans {
        bytes.append(contentsOf: key(span))
        try value(span.entry)
        if bytes.count >= partSize { try flushIfFull() }
      }
    }
    spareBuffers.append(written)
  }

  public func append(_ text: String) {
    append(UInt64(text.utf8.count))
    bytes.append(contentsOf: text.utf8)
  }

  /// A tagged value slot.
  func encodeSlot<Value: Encodable>(_ value: Value) throws {
    bytes.append(1)
    // Dictionary keys and list elements reach here through generic code: strings, the
    // commonest, are written directly, as the containers' own overloads write them.
    if Value.self == String.self {
      append(unsafeBitCast(value, to: String.self))
      return
    }
    try encodeValue(value)
  }
}

struct BinaryValueEncoder: Encoder {
  let output: BinaryOutput
  var codingPath: [any CodingKey] { [] }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    KeyedEncodingContainer(BinaryKeyedEncoder<Key>(output: output))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    BinaryUnkeyedEncoder(output: output, countOffset: output.bytes.count)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer { BinarySingleEncoder(output: output) }
}

/// Primitives, written into the slot whose tag is already out.
struct BinarySingleEncoder: SingleValueEncodingContainer {
  let output: BinaryOutput
  var codingPath: [any CodingKey] { [] }

  mutating func encodeNil() throws { output.bytes[output.bytes.count - 1] = 0 }
  mutating func encode(_ value: Bool) throws { output.bytes.append(value ? 1 : 0) }
  mutating func encode(_ value: String) throws { output.append(value) }
  mutating func encode(_ value: Double) throws { output.append(value.bitPattern) }
  mutating func encode(_ value: Float) throws { output.append(UInt64(value.bitPattern)) }
  mutating func encode(_ value: Int) throws { output.append(signed: Int64(value)) }
  mutating func encode(_ value: Int8) throws { output.append(signed: Int64(value)) }
  mutating func encode(_ value: Int16) throws { output.append(signed: Int64(value)) }
  mutating func encode(_ value: Int32) throws { output.append(signed: Int64(value)) }
  mutating func encode(_ value: Int64) throws { output.append(signed: value) }
  mutating func encode(_ value: UInt) throws { output.append(UInt64(value)) }
  mutating func encode(_ value: UInt8) throws { output.append(UInt64(value)) }
  mutating func encode(_ value: UInt16) throws { output.append(UInt64(value)) }
  mutating func encode(_ value: UInt32) throws { output.append(UInt64(value)) }
  mutating func encode(_ value: UInt64) throws { output.append(value) }
  mutating func encode<T: Encodable>(_ value: T) throws { try output.encodeValue(value) }
}

/// A struct's fields, one slot each in the order given; keys are not written. An absent
/// optional is a nil slot, so that positions never shift.
struct BinaryKeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let output: BinaryOutput
  var codingPath: [any CodingKey] { [] }

  mutating func encodeNil(forKey key: Key) throws { output.bytes.append(0) }
  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try output.encodeSlot(value) }
  // Strings, integers and flags, most of a checkpoint's slots, past the generic path.
  mutating func encode(_ value: String, forKey key: Key) throws {
    output.bytes.append(1)
    output.append(value)
  }
  mutating func encode(_ value: Int, forKey key: Key) throws {
    output.bytes.append(1)
    output.append(signed: Int64(value))
  }
  mutating func encode(_ value: Bool, forKey key: Key) throws { output.bytes.append(contentsOf: [1, value ? 1 : 0]) }

  mutating func present<T: Encodable>(_ value: T?) throws {
    if let value { try output.encodeSlot(value) } else { output.bytes.append(0) }
  }
  mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try present(value) }
  mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try present(value) }
  mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try present(value) }
  mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try present(value) }
  mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try present(value) }
  mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try present(value) }
  mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try present(value) }
  mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try present(value) }
  mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try present(value) }
  mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try present(value) }
  mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try present(value) }
  mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try present(value) }
  mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try present(value) }
  mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try present(value) }
  mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try present(value) }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
    -> KeyedEncodingContainer<NestedKey>
  {
    preconditionFailure("nested containers are not used by the ledger's types")
  }
  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    preconditionFailure("nested containers are not used by the ledger's types")
  }
  mutating func superEncoder() -> any Encoder { preconditionFailure("superclasses are not used") }
  mutating func superEncoder(forKey key: Key) -> any Encoder { preconditionFailure("superclasses are not used") }
}

/// A count (patched as elements arrive), then one slot per element.
struct BinaryUnkeyedEncoder: UnkeyedEncodingContainer {
  let output: BinaryOutput
  let countOffset: Int
  var count = 0
  var codingPath: [any CodingKey] { [] }

  init(output: BinaryOutput, countOffset: Int) {
    self.output = output
    self.countOffset = countOffset
    output.bytes.append(contentsOf: [0, 0, 0, 0])  // patched: a list's count is not known ahead
  }

  mutating func counted() {
    count += 1
    precondition(count < 1 << 32, "a list of over 4 G elements")
    for index in 0..<4 { output.bytes[countOffset + index] = UInt8(truncatingIfNeeded: count >> (8 * index)) }
  }

  mutating func encodeNil() throws {
    output.bytes.append(0)
    counted()
  }

  mutating func encode<T: Encodable>(_ value: T) throws {
    try output.encodeSlot(value)
    counted()
  }
  mutating func encode(_ value: String) throws {
    output.bytes.append(1)
    output.append(value)
    counted()
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    preconditionFailure("nested containers are not used by the ledger's types")
  }
  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    preconditionFailure("nested containers are not used by the ledger's types")
  }
  mutating func superEncoder() -> any Encoder { preconditionFailure("superclasses are not used") }
}
