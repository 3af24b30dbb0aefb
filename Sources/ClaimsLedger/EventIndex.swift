import ClaimsDomain

/// Every event id in the journal — the idempotency keys — with where and what each event is.
/// One entry per line must stay small: the ids' bytes lie end to end in one arena, each entry is
/// 16 bytes, and open-addressing tables of 32-bit slots find them; no `String` per event.
///
/// A replay records an id on every line, and a slot at a random place in a table of millions is
/// a cache miss each time. So the newest ids go into a small table that stays in cache, and when
/// it fills they move to the big one all together, in the order of their slots: one sweep
/// through the big table, which the memory system reads ahead of. A checkpoint saves the big
/// table as one such pass over every id builds it (`savedSlots`), and its index is then looked
/// up where it lies in the file (`SavedIds`), the ids added later held in the tables here.
public struct EventIndex: Sendable {
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

  /// The newest entries the small table holds before they move: 4 k entries in 32 KB of slots,
  /// which stay in the core's first-level cache.
  static let recentLimit = 1 << 12

  var arena: [UInt8] = []
  var entries: [Entry] = []
  /// Entry number + 1 per slot; 0 is empty. At most three quarters full (probes stay short:
  /// under two for a known id on average, as a table doubles at that point it is 3/8 to 3/4
  /// full), where at most half full the table took a third of a 10 M state. Holds the
  /// entries before `placed`.
  var slots: [UInt32] = Array(repeating: 0, count: 16)
  var placed = 0
  /// The entries from `placed` on, in a table of the same form.
  var recent: [UInt32] = Array(repeating: 0, count: 2 * EventIndex.recentLimit)
  /// A checkpoint's ids, looked up in its file; the tables above hold the ids added since.
  var saved: SavedIds?

  public init() {}

  public var count: Int { (saved?.count ?? 0) + entries.count }

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
    let hash = Self.hash(id)
    return find(id, hash: hash, in: recent) ?? find(id, hash: hash, in: slots) ?? saved?.find(id, hash: hash)
  }

  private func find(_ id: UnsafeRawBufferPointer, hash: Int, in table: [UInt32]) -> Entry? {
    let mask = table.count - 1
    var slot = hash & mask
    while true {
      let stored = table[slot]
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
    if entries.count - placed == Self.recentLimit { placeRecent() }
    precondition(id.count <= Int(UInt16.max) && arena.count + id.count <= Int(UInt32.max))
    let entry = Entry(
      seq: UInt32(seq), idStart: UInt32(arena.count), subject: UInt32(subject),
      idLength: UInt16(id.count), type: Self.ordinal(type))
    arena.append(contentsOf: id)
    entries.append(entry)
    Self.place(entries.count - 1, hash: Self.hash(id), in: &recent)
  }

  static func place(_ number: Int, hash: Int, in table: inout [UInt32]) {
    let mask = table.count - 1
    var slot = hash & mask
    while table[slot] != 0 { slot = (slot + 1) & mask }
    table[slot] = UInt32(number + 1)
  }

  /// Moves the recent entries to the big table, which grows first when they would fill it more
  /// than three quarters.
  mutating func placeRecent() {
    guard entries.count * 4 <= slots.count * 3 else { return grow(toHold: entries.count) }
    placeInSlotOrder(placed..<entries.count)
    placed = entries.count
    recent.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
  }

  /// A new big table for at least `count` entries, holding every entry.
  mutating func grow(toHold count: Int) {
    slots = Array(repeating: 0, count: Self.capacity(toHold: max(count, entries.count)))
    placed = 0
    placeRecent()
  }

  /// The slots of a big table for `count` entries: a power of two, at least 4/3 as many.
  static func capacity(toHold count: Int) -> Int {
    var capacity = 16
    while capacity * 3 < 4 * max(count, 8) { capacity *= 2 }
    return capacity
  }

  /// The big table as it is saved: every entry placed in one pass into a table of
  /// `capacity(toHold:)` slots — what the same ids give whatever order the table grew in, so
  /// that a checkpoint's bytes depend on the ids alone.
  static func savedSlots(arena: [UInt8], entries: [Entry]) -> [UInt32] {
    var whole = EventIndex()
    (whole.arena, whole.entries) = (arena, entries)
    whole.grow(toHold: entries.count)
    return whole.slots
  }

  /// Places entries in the big table sorted by the top bits of their home slots (one counting
  /// pass), so that the table is visited from start to end, a few kilobytes at a time.
  mutating func placeInSlotOrder(_ numbers: Range<Int>) {
    guard !numbers.isEmpty else { return }
    let mask = slots.count - 1
    let regionBits = min(12, mask.nonzeroBitCount)
    let shift = mask.nonzeroBitCount - regionBits
    // In 32 bits (a table holds fewer than 4 G slots): a whole index of 10 M ids is placed
    // at once when read, and these lists are then its largest allocations.
    var homes: [UInt32] = []
    homes.reserveCapacity(numbers.count)
    var starts = [Int](repeating: 0, count: (1 << regionBits) + 1)
    arena.withUnsafeBytes { arena in
      for number in numbers {
        let home = hash(of: number, in: arena) & mask
        homes.append(UInt32(home))
        starts[(home >> shift) + 1] += 1
      }
    }
    for region in 0..<(1 << regionBits) { starts[region + 1] += starts[region] }
    var order = [UInt32](repeating: 0, count: numbers.count)
    for (offset, home) in homes.enumerated() {
      order[starts[Int(home) >> shift]] = UInt32(offset)
      starts[Int(home) >> shift] += 1
    }
    for offset in order { Self.place(numbers.lowerBound + Int(offset), hash: Int(homes[Int(offset)]), in: &slots) }
  }

  public mutating func reserveCapacity(_ count: Int) {
    entries.reserveCapacity(count)
    arena.reserveCapacity(count * 16)
    if count * 4 > slots.count * 3 { grow(toHold: count) }
  }

  static func hash(_ id: UnsafeRawBufferPointer) -> Int { FixedHash.bytes(id) }

  func hash(of number: Int, in arena: UnsafeRawBufferPointer) -> Int {
    let entry = entries[number]
    let start = Int(entry.idStart)
    return Self.hash(UnsafeRawBufferPointer(rebasing: arena[start..<(start + Int(entry.idLength))]))
  }
}

/// Two indexes are equal when they hold the same ids in the same order: the tables are how
/// they are found, and depend on when the index grew.
extension EventIndex: Equatable {
  public static func == (lhs: EventIndex, rhs: EventIndex) -> Bool {
    let (left, right) = (lhs.whole, rhs.whole)
    return left.arena == right.arena && left.entries == right.entries
  }
}

extension EventIndex: Codable {
  enum CodingKeys: String, CodingKey { case arena, entries, slots }

  /// The arena, the entries and the big table (`savedSlots`) as three byte strings: the table
  /// is copied when read, not built again (at 10 M ids, placing them took most of a second).
  public func encode(to encoder: Encoder) throws {
    let (arena, entries) = whole
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(ByteString(arena), forKey: .arena)
    try container.encode(ByteString(entries.withUnsafeBytes { Array($0) }), forKey: .entries)
    let slots = Self.savedSlots(arena: arena, entries: entries)
    try container.encode(ByteString(slots.withUnsafeBytes { Array($0) }), forKey: .slots)
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let arena = try container.decode(ByteString.self, forKey: .arena).bytes
    let packed = try container.decode(ByteString.self, forKey: .entries).bytes
    let slots = try container.decode(ByteString.self, forKey: .slots).bytes
    self = try arena.withUnsafeBytes { arena in
      try packed.withUnsafeBytes { packed in
        try slots.withUnsafeBytes { try Self(arena: arena, packedEntries: packed, slots: $0) }
      }
    }
  }

  /// An index of saved ids, entries and table, checked to hold together: each entry's id in
  /// the arena, a table of the size its entries call for, no slot beyond the entries. (That
  /// the table finds every id is the writer's word, vouched for by the checkpoint's hash.)
  init(arena: UnsafeRawBufferPointer, packedEntries packed: UnsafeRawBufferPointer, slots table: UnsafeRawBufferPointer)
    throws
  {
    self.init()
    let stride = MemoryLayout<Entry>.stride
    guard packed.count % stride == 0 else { throw BinaryDecodingError("torn entries") }
    self.arena = Array(arena)
    entries = Self.copied(packed, as: Entry.self)
    guard entries.allSatisfy({ Int($0.idStart) + Int($0.idLength) <= arena.count && Int($0.type) < Self.types.count })
    else { throw BinaryDecodingError("entries outside the arena") }
    guard table.count == 4 * Self.capacity(toHold: entries.count) else { throw BinaryDecodingError("a table of the wrong size") }
    slots = Self.copied(table, as: UInt32.self)
    guard slots.allSatisfy({ Int($0) <= entries.count }) else { throw BinaryDecodingError("a slot beyond the entries") }
    placed = entries.count
  }

  /// Saved values of a plain type, copied from bytes whose length is a multiple of its stride.
  static func copied<Value>(_ bytes: UnsafeRawBufferPointer, as: Value.Type) -> [Value] {
    let count = bytes.count / MemoryLayout<Value>.stride
    return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
      UnsafeMutableRawBufferPointer(buffer).copyMemory(from: bytes)
      initialized = count
    }
  }
}

/// The same bytes as the coding above, read straight from a checkpoint's bytes (no copy of
/// each as a `ByteString` first: at 10 M events a few hundred megabytes).
extension EventIndex: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    let (arena, entries) = whole
    try arena.withUnsafeBytes { try output.byteStringField(streaming: $0) }
    try entries.withUnsafeBytes { try output.byteStringField(streaming: $0) }
    try Self.savedSlots(arena: arena, entries: entries).withUnsafeBytes { try output.byteStringField(streaming: $0) }
  }

  /// Read from bytes that outlive the reading (a mapped checkpoint: `BinaryInput.owner`), the
  /// ids stay there, looked up in place (`SavedIds`); otherwise they are copied.
  public init(binary input: BinaryInput) throws {
    let arena = try input.byteStringField()
    let entries = try input.byteStringField()
    let slots = try input.byteStringField()
    if let owner = input.owner {
      self.init()
      saved = try SavedIds(owner: owner, arena: arena, entries: entries, slots: slots)
    } else {
      self = try Self(arena: arena, packedEntries: entries, slots: slots)
    }
  }
}
