import ClaimsDomain
import ClaimsJournal

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Every event id in the journal — the idempotency keys — with where and what each event is.
/// One entry per line must stay small: the ids' bytes lie end to end in one arena, each entry is
/// 16 bytes, and open-addressing tables of 32-bit slots find them; no `String` per event.
///
/// A replay records an id on every line, and a slot at a random place in a table of millions is
/// a cache miss each time. So the newest ids go into a small table that stays in cache, and when
/// it fills they move to the big one all together, in the order of their slots: one sweep
/// through the big table, which the memory system reads ahead of. Past `spillLimit` entries
/// they all move to scratch files (`SpilledIds`), so that a long fold's memory does not grow
/// with its events. A checkpoint saves every id in a table of its own form (`placeSaved`), and
/// its index is then looked up where it lies in the file (`SavedIds`), the ids added later held
/// in the tables here.
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
  /// Ids moved out of memory, numbered after the checkpoint's and before those here.
  var spilled: SpilledView?
  /// The entries held here before they move to `spilled`.
  var spillLimit = EventIndex.defaultSpillLimit
  /// How many ids the index expects (`reserveCapacity`), for sizing what it spills to.
  var expected = 0

  /// A million entries (some 38 MB); `CLAIMS_ID_SPILL` sets another, for tests and measurements.
  static let defaultSpillLimit: Int = {
    guard let text = getenv("CLAIMS_ID_SPILL").map({ String(cString: $0) }), let limit = Int(text), limit > 0 else {
      return 1 << 20
    }
    return limit
  }()

  public init() {}

  public var count: Int { (saved?.count ?? 0) + (spilled?.count ?? 0) + entries.count }

  /// The number, in the whole index, of the first entry held here.
  var firstHere: Int { (saved?.count ?? 0) + (spilled?.count ?? 0) }

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
    return find(id, hash: hash, in: recent) ?? find(id, hash: hash, in: slots)
      ?? spilled?.find(id, hash: UInt64(bitPattern: Int64(hash))) ?? saved?.find(id, hash: hash)
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
    if entries.count >= spillLimit { spill() }
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

  /// Moves every entry here to the scratch files, and starts again with empty tables. Where no
  /// scratch file can be made, the entries stay, and the index grows in memory from then on.
  mutating func spill() {
    let savedCount = saved?.count ?? 0
    let view = spilled ?? SpilledIds(firstNumber: savedCount, expected: max(expected - savedCount, 4 * spillLimit)).map(SpilledView.init)
    guard let moved = view?.taking(arena: arena, entries: entries) else {
      spillLimit = .max
      return
    }
    spilled = moved
    (arena, entries, placed) = ([], [], 0)
    arena.reserveCapacity(spillLimit * 16)
    entries.reserveCapacity(spillLimit)
    slots = Array(repeating: 0, count: Self.capacity(toHold: spillLimit))
    recent.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
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

  /// Room for `count` ids in all, up to the spill limit here.
  public mutating func reserveCapacity(_ count: Int) {
    expected = count
    let here = min(count, spillLimit)
    entries.reserveCapacity(here)
    arena.reserveCapacity(here * 16)
    if here * 4 > slots.count * 3 { grow(toHold: here) }
  }

  static func hash(_ id: UnsafeRawBufferPointer) -> Int { FixedHash.bytes(id) }
  static func hash64(_ id: UnsafeRawBufferPointer) -> UInt64 { UInt64(bitPattern: Int64(hash(id))) }

  static func id(of entry: Entry, in arena: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: arena[Int(entry.idStart)..<(Int(entry.idStart) + Int(entry.idLength))])
  }

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

  /// The ids, the entries and the saved table (`placeSavedTable`) as three byte strings: the
  /// bytes `writeBinary` streams, here built whole (the containers' way, which tests compare).
  public func encode(to encoder: Encoder) throws {
    let (arena, entries) = whole
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(ByteString(arena), forKey: .arena)
    try container.encode(ByteString(entries.withUnsafeBytes { Array($0) }), forKey: .entries)
    var slots: [UInt32] = []
    _ = placeSavedTable { slots += $0 }
    try container.encode(ByteString(slots.withUnsafeBytes { Array($0) }), forKey: .slots)
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let arena = try container.decode(ByteString.self, forKey: .arena).bytes
    let packed = try container.decode(ByteString.self, forKey: .entries).bytes
    let slots = try container.decode(ByteString.self, forKey: .slots).bytes
    self.init()
    saved = try SavedIds(copying: arena, entries: packed, slots: slots)
  }
}

/// The same bytes as the coding above, streamed: the ids and entries of the checkpoint, of the
/// scratch files and of memory, in that order, and the table placed as it is written.
extension EventIndex: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.byteStringField(length: idByteCount) { try forEachIdPart(output.append(streaming:)) }
    try output.byteStringField(length: count * MemoryLayout<Entry>.stride) { try forEachEntryPart(output.append(streaming:)) }
    // Placed first, as its length comes before it: into a scratch file, or kept here where
    // none can be made.
    let table = ScratchFile(purpose: "id-table")
    var held: [UInt32] = []
    let slotCount = placeSavedTable { part in
      if let table { part.withUnsafeBytes { _ = table.append($0) } } else { held += part }
    }
    try output.byteStringField(length: 4 * slotCount) {
      if let table { try table.forEachPart { try output.append(streaming: $0) } }
      try held.withUnsafeBytes { try output.append(streaming: $0) }
    }
  }

  /// Read from bytes that outlive the reading (a mapped checkpoint: `BinaryInput.owner`), the
  /// ids stay there, looked up in place (`SavedIds`); otherwise they are copied first.
  public init(binary input: BinaryInput) throws {
    let arena = try input.byteStringField()
    let entries = try input.byteStringField()
    let slots = try input.byteStringField()
    self.init()
    if let owner = input.owner {
      saved = try SavedIds(owner: owner, arena: arena, entries: entries, slots: slots)
    } else {
      saved = try SavedIds(copying: arena, entries: entries, slots: slots)
    }
  }

  /// Every id's (hash, number), in the order of the hashes: the checkpoint's in the order of
  /// its table, each run of the scratch files, and those here, sorted, merged.
  func hashedNumbers() -> HashedNumberMerge {
    var sources: [() -> [HashedNumber]] = []
    if let saved { sources.append(saved.hashedNumbers()) }
    if let spilled { sources += spilled.runs.map(spilled.store.reader) }
    let first = firstHere
    var here = arena.withUnsafeBytes { arena in
      entries.indices.map { HashedNumber(hash: Self.hash64(Self.id(of: entries[$0], in: arena)), number: UInt32(first + $0)) }
    }
    here.sortByHash()
    sources.append {
      defer { here = [] }
      return here
    }
    return HashedNumberMerge(sources)
  }
}
