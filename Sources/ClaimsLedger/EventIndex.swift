import ClaimsDomain

/// Every event id in the journal — the idempotency keys — with where and what each event is.
/// One entry per line must stay small: the ids' bytes lie end to end in one arena, each entry is
/// 16 bytes, and an open-addressing table of 32-bit slots finds them; no `String` per event.
public struct EventIndex: Equatable, Sendable {
  struct Entry: Equatable, Sendable {
    var seq: UInt32
    var idStart: UInt32
    /// The line of the enrolment an attendance or exam belongs to; 0 for other events.
    var subject: UInt32
    var idLength: UInt16
    var type: UInt8
    /// Fills the padding, so that the saved bytes are the same every time.
    var spare: UInt8 = 0
  }

  static let types = EventType.allCases

  /// A type's place in `types`: a search of twenty cases, cheaper than hashing the type, whose
  /// hash is its spelling's.
  static func ordinal(_ type: EventType) -> UInt8 { UInt8(types.firstIndex(of: type)!) }

  var arena: [UInt8] = []
  var entries: [Entry] = []
  /// Entry number + 1 per slot; 0 is empty. At most half full, so probes stay short.
  var slots: [UInt32] = Array(repeating: 0, count: 16)

  public init() {}

  public var count: Int { entries.count }

  /// Where `id` was recorded, and its type; nil when the journal has no such event.
  public subscript(id: String) -> EventRef? {
    var id = id
    return id.withUTF8 { bytes in
      find(UnsafeRawBufferPointer(bytes)).map { entry in
        EventRef(seq: Int(entry.seq), type: Self.types[Int(entry.type)])
      }
    }
  }

  /// The enrolment line an attendance or exam event belongs to.
  func subject(of id: String) -> Int? {
    var id = id
    return id.withUTF8 { find(UnsafeRawBufferPointer($0)) }.flatMap { $0.subject == 0 ? nil : Int($0.subject) }
  }

  func find(_ id: UnsafeRawBufferPointer) -> Entry? {
    let mask = slots.count - 1
    var slot = Self.hash(id) & mask
    while true {
      let stored = slots[slot]
      if stored == 0 { return nil }
      let entry = entries[Int(stored - 1)]
      if Int(entry.idLength) == id.count, matches(entry, id) { return entry }
      slot = (slot + 1) & mask
    }
  }

  func matches(_ entry: Entry, _ id: UnsafeRawBufferPointer) -> Bool {
    arena.withUnsafeBytes { arena in
      let start = Int(entry.idStart)
      return UnsafeRawBufferPointer(rebasing: arena[start..<(start + id.count)]).sameBytes(as: id)
    }
  }

  /// Records a new id. The caller has checked it is new (the append path refuses or
  /// acknowledges a known id before it gets here).
  mutating func insert(_ id: String, seq: Int, type: EventType, subject: Int = 0) {
    var id = id
    id.withUTF8 { insert(bytes: UnsafeRawBufferPointer($0), seq: seq, type: type, subject: subject) }
  }

  mutating func insert(bytes id: UnsafeRawBufferPointer, seq: Int, type: EventType, subject: Int = 0) {
    if (entries.count + 1) * 2 > slots.count { grow() }
    precondition(id.count <= Int(UInt16.max) && arena.count + id.count <= Int(UInt32.max))
    let entry = Entry(
      seq: UInt32(seq), idStart: UInt32(arena.count), subject: UInt32(subject),
      idLength: UInt16(id.count), type: Self.ordinal(type))
    arena.append(contentsOf: id)
    entries.append(entry)
    place(entries.count - 1, hash: Self.hash(id))
  }

  mutating func place(_ number: Int, hash: Int) {
    let mask = slots.count - 1
    var slot = hash & mask
    while slots[slot] != 0 { slot = (slot + 1) & mask }
    slots[slot] = UInt32(number + 1)
  }

  mutating func grow(toHold count: Int? = nil) {
    var capacity = slots.count
    while capacity < 2 * max(count ?? (entries.count + 1), 8) { capacity *= 2 }
    slots = Array(repeating: 0, count: capacity)
    arena.withUnsafeBytes { arena in
      for (number, entry) in entries.enumerated() {
        let start = Int(entry.idStart)
        place(number, hash: Self.hash(UnsafeRawBufferPointer(rebasing: arena[start..<(start + Int(entry.idLength))])))
      }
    }
  }

  public mutating func reserveCapacity(_ count: Int) {
    entries.reserveCapacity(count)
    arena.reserveCapacity(count * 16)
    if count * 2 > slots.count { grow(toHold: count) }
  }

  /// A fixed 64-bit mix of the id's bytes, eight at a time: ids are short and mostly ASCII, and
  /// the table needs spread, not secrecy.
  static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    var index = 0
    while index + 8 <= bytes.count {
      hash = mix(hash ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
      index += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while index < bytes.count {
      tail |= UInt64(bytes[index]) << shift
      shift += 8
      index += 1
    }
    return Int(truncatingIfNeeded: mix(hash ^ tail))
  }

  @inline(__always) static func mix(_ value: UInt64) -> UInt64 {
    var x = value &* 0xBF58_476D_1CE4_E5B9
    x ^= x >> 31
    x = x &* 0x94D0_49BB_1331_11EB
    return x ^ (x >> 29)
  }
}

extension EventIndex: Codable {
  enum CodingKeys: String, CodingKey { case arena, entries }

  /// The arena and the entries as two byte strings; the table is rebuilt on load.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(ByteString(arena), forKey: .arena)
    try container.encode(ByteString(entries.withUnsafeBytes { Array($0) }), forKey: .entries)
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    arena = try container.decode(ByteString.self, forKey: .arena).bytes
    let packed = try container.decode(ByteString.self, forKey: .entries).bytes
    guard packed.count % MemoryLayout<Entry>.stride == 0 else {
      throw DecodingError.dataCorruptedError(forKey: .entries, in: container, debugDescription: "torn entries")
    }
    entries = Array(repeating: Entry(seq: 0, idStart: 0, subject: 0, idLength: 0, type: 0), count: packed.count / MemoryLayout<Entry>.stride)
    packed.withUnsafeBytes { packed in entries.withUnsafeMutableBytes { $0.copyMemory(from: packed) } }
    guard entries.allSatisfy({ Int($0.idStart) + Int($0.idLength) <= arena.count && Int($0.type) < Self.types.count })
    else {
      throw DecodingError.dataCorruptedError(forKey: .entries, in: container, debugDescription: "entries outside the arena")
    }
    grow(toHold: entries.count)
  }
}
