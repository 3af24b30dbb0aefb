import ClaimsDomain
import ClaimsJournal

/// The ids of a checkpoint, looked up where they lie in its mapped file — its table, entries
/// and ids read in place, never copied: an append or a fold after the checkpoint asks about a
/// few ids, and copying ten million to ask (at 10 M events 380 MB) cost more than the asking.
/// Each entry and slot read is checked as it is read, so that no byte sends a lookup outside
/// the file or round the table for ever (the checkpoint's hash vouches for them first).
final class SavedIds: @unchecked Sendable {
  /// Keeps the bytes below valid (the mapped file).
  let owner: AnyObject
  let arena: UnsafeRawBufferPointer
  let entries: UnsafeRawBufferPointer
  let slots: UnsafeRawBufferPointer
  let count: Int
  /// The table's slots before its overflow (`EventIndex.placeSaved`).
  let capacity: Int

  /// The three byte strings of `EventIndex`'s saved form, kept valid by `owner`; throws when
  /// their sizes do not hold together.
  init(owner: AnyObject, arena: UnsafeRawBufferPointer, entries: UnsafeRawBufferPointer, slots: UnsafeRawBufferPointer)
    throws
  {
    let stride = MemoryLayout<EventIndex.Entry>.stride
    guard entries.count % stride == 0 else { throw BinaryDecodingError("torn entries") }
    count = entries.count / stride
    capacity = EventIndex.capacity(toHold: count)
    // The table holds `capacity` slots and at most one more per entry past them.
    guard slots.count % 4 == 0, (capacity...(capacity + count)).contains(slots.count / 4) else {
      throw BinaryDecodingError("a table of the wrong size")
    }
    (self.owner, self.arena, self.entries, self.slots) = (owner, arena, entries, slots)
  }

  /// The same, from bytes that do not outlive the reading: copied, kept here, and checked whole
  /// now (each entry's id in the arena, no slot beyond the entries), as no hash vouches for them.
  convenience init(copying arena: UnsafeRawBufferPointer, entries: UnsafeRawBufferPointer, slots: UnsafeRawBufferPointer)
    throws
  {
    let copy = CopiedBytes([arena, entries, slots])
    try self.init(owner: copy, arena: copy.parts[0], entries: copy.parts[1], slots: copy.parts[2])
    guard (0..<count).allSatisfy({ entry($0) != nil }) else { throw BinaryDecodingError("entries outside the arena") }
    guard (0..<(slots.count / 4)).allSatisfy({ Int(slots.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)) <= count }) else {
      throw BinaryDecodingError("a slot beyond the entries")
    }
  }

  convenience init(copying arena: [UInt8], entries: [UInt8], slots: [UInt8]) throws {
    let copy = arena.withUnsafeBytes { arena in
      entries.withUnsafeBytes { entries in slots.withUnsafeBytes { CopiedBytes([arena, entries, $0]) } }
    }
    try self.init(owner: copy, arena: copy.parts[0], entries: copy.parts[1], slots: copy.parts[2])
  }

  /// Entry `number`, nil when it would name bytes outside the ids or an unknown type.
  func entry(_ number: Int) -> EventIndex.Entry? {
    guard number < count else { return nil }
    let entry = entries.loadUnaligned(fromByteOffset: number * MemoryLayout<EventIndex.Entry>.stride, as: EventIndex.Entry.self)
    guard Int(entry.idStart) + Int(entry.idLength) <= arena.count, Int(entry.type) < EventIndex.types.count else { return nil }
    return entry
  }

  func id(of entry: EventIndex.Entry) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: arena[Int(entry.idStart)..<(Int(entry.idStart) + Int(entry.idLength))])
  }

  /// The entry of `id`, probing as `EventIndex.placeSaved` places: from its home to the first
  /// empty slot, or the table's end.
  func find(_ id: UnsafeRawBufferPointer, hash: Int) -> EventIndex.Entry? {
    let slotCount = slots.count / 4
    var slot = EventIndex.savedHome(UInt64(bitPattern: Int64(hash)), capacity: capacity)
    while slot < slotCount {
      let stored = Int(slots.loadUnaligned(fromByteOffset: slot * 4, as: UInt32.self))
      if stored == 0 { return nil }
      if let entry = entry(stored - 1), Int(entry.idLength) == id.count, self.id(of: entry).sameBytes(as: id) { return entry }
      slot += 1
    }
    return nil
  }

  /// Each entry's (hash, number) in the order of the table, which is the order of the hashes,
  /// a block at a time (`HashedNumberMerge`); an empty block once all are given.
  func hashedNumbers() -> () -> [HashedNumber] {
    var slot = 0
    let slotCount = slots.count / 4
    return {
      var block: [HashedNumber] = []
      while slot < slotCount, block.count < HashedNumberMerge.blockSize {
        let stored = Int(self.slots.loadUnaligned(fromByteOffset: slot * 4, as: UInt32.self))
        slot += 1
        if stored != 0, let entry = self.entry(stored - 1) {
          block.append(HashedNumber(hash: EventIndex.hash64(self.id(of: entry)), number: UInt32(stored - 1)))
        }
      }
      return block
    }
  }
}

extension EventIndex {
  /// The index of a checkpoint's saved bytes (`writeBinary`'s three byte strings), its ids
  /// left in `file` and looked up there.
  init(savedIn file: MappedFile, bytes: UnsafeRawBufferPointer) throws {
    self = try BinaryDecoder().decode(from: bytes, owner: file) { try $0.field() as EventIndex }
  }

  /// The bytes of every id — the checkpoint's, the spilled ones, those here — in parts.
  func forEachIdPart(_ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
    if let saved { try body(saved.arena) }
    try spilled?.forEachPart(ofIds: true, body)
    try arena.withUnsafeBytes(body)
  }

  /// How many bytes `forEachIdPart` gives.
  var idByteCount: Int { (saved?.arena.count ?? 0) + (spilled?.idBytes ?? 0) + arena.count }

  /// Every entry, in the same order, each one's id moved past the ids before it: in parts.
  func forEachEntryPart(_ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
    let savedIds = saved?.arena.count ?? 0
    if let saved { try body(saved.entries) }
    try spilled?.forEachPart(ofIds: false, shift: UInt32(savedIds), body)
    try entries.shifted(by: UInt32(savedIds + (spilled?.idBytes ?? 0))).withUnsafeBytes(body)
  }

  /// The ids and entries of the whole index (`forEachIdPart`, `forEachEntryPart`) held whole:
  /// what is compared, and coded the containers' way.
  var whole: (arena: [UInt8], entries: [Entry]) {
    var (wholeArena, wholeEntries): ([UInt8], [Entry]) = ([], [])
    forEachIdPart { wholeArena += $0 }
    forEachEntryPart { wholeEntries += Self.copied($0, as: Entry.self) }
    return (wholeArena, wholeEntries)
  }

  /// Saved values of a plain type, copied from bytes whose length is a multiple of its stride.
  static func copied<Value>(_ bytes: UnsafeRawBufferPointer, as: Value.Type) -> [Value] {
    let count = bytes.count / MemoryLayout<Value>.stride
    return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
      UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[..<(count * MemoryLayout<Value>.stride)]))
      initialized = count
    }
  }

  /// The saved table's home slot of a hash: its top bits, so that ids in the order of their
  /// hashes are in the order of their homes, for a table of any size.
  static func savedHome(_ hash: UInt64, capacity: Int) -> Int {
    Int(truncatingIfNeeded: hash >> UInt64(64 - capacity.trailingZeroBitCount))
  }

  /// The saved table of the ids `pairs` gives in the order of their hashes, its slots (entry
  /// number + 1, or 0 for an empty slot) handed to `part` some thousands at a time; returns how
  /// many slots. Each id goes to its home or the slot after the one before, whichever is later:
  /// linear probing that needs no table in memory, and that never wraps round — the last ids
  /// may run past `capacity`, and the table is that much longer. The same ids give the same
  /// bytes, whatever order the index grew in or where its ids lay.
  static func placeSaved(_ pairs: inout HashedNumberMerge, capacity: Int, part: ([UInt32]) throws -> Void) rethrows
    -> Int
  {
    var (slots, filled) = ([UInt32](), 0)
    slots.reserveCapacity(1 << 14)
    func add(_ slot: UInt32) throws {
      slots.append(slot)
      filled += 1
      if slots.count == 1 << 14 {
        try part(slots)
        slots.removeAll(keepingCapacity: true)
      }
    }
    while let id = pairs.next() {
      let home = savedHome(id.hash, capacity: capacity)
      while filled < home { try add(0) }
      try add(id.number + 1)
    }
    while filled < capacity { try add(0) }
    if !slots.isEmpty { try part(slots) }
    return filled
  }

  /// This index's saved table, in parts (`placeSaved`); returns how many slots.
  func placeSavedTable(_ part: ([UInt32]) throws -> Void) rethrows -> Int {
    var pairs = hashedNumbers()
    return try Self.placeSaved(&pairs, capacity: Self.capacity(toHold: count), part: part)
  }
}

extension Array where Element == EventIndex.Entry {
  /// The entries with their ids `shift` bytes further on: where they lie once ids are put before.
  func shifted(by shift: UInt32) -> [EventIndex.Entry] {
    guard shift != 0 else { return self }
    return map { var entry = $0; entry.idStart += shift; return entry }
  }
}

/// Bytes copied out of a reading that ends, kept for as long as something points into them.
final class CopiedBytes: @unchecked Sendable {
  let storage: UnsafeMutableRawBufferPointer
  let parts: [UnsafeRawBufferPointer]

  init(_ parts: [UnsafeRawBufferPointer]) {
    storage = .allocate(byteCount: max(1, parts.reduce(0) { $0 + $1.count }), alignment: 16)
    var offset = 0
    var copied: [UnsafeRawBufferPointer] = []
    for part in parts {
      let target = UnsafeMutableRawBufferPointer(rebasing: storage[offset..<(offset + part.count)])
      target.copyMemory(from: part)
      copied.append(UnsafeRawBufferPointer(target))
      offset += part.count
    }
    self.parts = copied
  }

  deinit { storage.deallocate() }
}
