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

  /// The three byte strings of `EventIndex`'s saved form, kept valid by `owner`; throws when
  /// their sizes do not hold together.
  init(owner: AnyObject, arena: UnsafeRawBufferPointer, entries: UnsafeRawBufferPointer, slots: UnsafeRawBufferPointer)
    throws
  {
    let stride = MemoryLayout<EventIndex.Entry>.stride
    guard entries.count % stride == 0 else { throw BinaryDecodingError("torn entries") }
    count = entries.count / stride
    guard slots.count == 4 * EventIndex.capacity(toHold: count) else { throw BinaryDecodingError("a table of the wrong size") }
    (self.owner, self.arena, self.entries, self.slots) = (owner, arena, entries, slots)
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

  /// The entry of `id`, probing as `EventIndex` places (linearly from its home slot), at most
  /// once round the table.
  func find(_ id: UnsafeRawBufferPointer, hash: Int) -> EventIndex.Entry? {
    let slotCount = slots.count / 4
    var slot = hash & (slotCount - 1)
    for _ in 0..<slotCount {
      let stored = Int(slots.loadUnaligned(fromByteOffset: slot * 4, as: UInt32.self))
      if stored == 0 { return nil }
      if let entry = entry(stored - 1), Int(entry.idLength) == id.count, self.id(of: entry).sameBytes(as: id) { return entry }
      slot = (slot + 1) & (slotCount - 1)
    }
    return nil
  }

  /// Every entry, copied (for a whole index: a checkpoint written, two indexes compared).
  var allEntries: [EventIndex.Entry] { EventIndex.copied(entries, as: EventIndex.Entry.self) }
}

extension EventIndex {
  /// The index of a checkpoint's saved bytes (`writeBinary`'s three byte strings), its ids
  /// left in `file` and looked up there.
  init(savedIn file: MappedFile, bytes: UnsafeRawBufferPointer) throws {
    self = try BinaryDecoder().decode(from: bytes, owner: file) { try $0.field() as EventIndex }
  }

  /// The ids and entries of the whole index, the saved ones first (their entries' ids moved
  /// past the saved ids): what is written and compared.
  var whole: (arena: [UInt8], entries: [Entry]) {
    guard let saved else { return (arena, entries) }
    let shift = UInt32(saved.arena.count)
    return (Array(saved.arena) + arena, saved.allEntries + entries.map { var entry = $0; entry.idStart += shift; return entry })
  }
}
