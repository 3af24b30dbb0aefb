import ClaimsDomain
import ClaimsJournal
@testable import ClaimsLedger
import ClaimsTestSupport
import Testing

/// The event-id index behind idempotency and voids: every id found with its line and type
/// after the table has grown many times and the newest ids have moved to it from the small
/// table several times (every `recentLimit` ids), no id found that was never put in, and a
/// saved index read back whole — or refused when its bytes do not hold together.
@Suite struct EventIndexTests {
  /// Ids of many lengths (0 to 40 bytes past a prefix), so that the eight-byte steps of the hash
  /// and of the comparison meet every tail length, and ids that differ only in their last byte.
  static func ids(_ count: Int) -> [String] {
    (0..<count).map { "e-\($0)" + String(repeating: "x", count: $0 % 41) }
  }

  /// Grown as ids come, and reserved ahead as a replay does (the newest ids then move into
  /// the big table without its growing).
  @Test(arguments: [false, true]) func findsEveryIdItHoldsAndNoOther(reserved: Bool) throws {
    var index = EventIndex()
    let ids = Self.ids(3 * EventIndex.recentLimit + 1_000)
    if reserved { index.reserveCapacity(ids.count) }
    let types = EventType.allCases
    for (number, id) in ids.enumerated() {
      index.insert(id, seq: number + 1, type: types[number % types.count], subject: number % 7)
      // On the way, in both tables: the ids just before and after a move.
      if number % EventIndex.recentLimit == 3 {
        for earlier in stride(from: number, through: 0, by: -331) {
          #expect(index[ids[earlier]]?.seq == earlier + 1, "\(ids[earlier]) after \(number + 1) ids")
        }
      }
    }
    #expect(index.count == ids.count)
    for (number, id) in ids.enumerated() {
      #expect(index[id] == EventRef(seq: number + 1, type: types[number % types.count]))
      #expect(index.subject(of: id) == (number % 7 == 0 ? nil : number % 7))
    }
    for absent in ["", "e-", "e-0x", "e-1", "e-20000", "E-1", String(ids[40].dropLast()) + "y"] {
      #expect(index[absent] == nil, "\(absent)")
    }
    let decoded = try BinaryDecoder().decode(EventIndex.self, from: try BinaryEncoder().encode(index))
    #expect(decoded == index)
    for id in ids.prefix(5_000) { #expect(decoded[id] == index[id]) }
  }

  @Test func aSavedIndexReadsBackEqualAndDamagedEntriesAreRefused() throws {
    var index = EventIndex()
    for (number, id) in Self.ids(500).enumerated() { index.insert(id, seq: number + 1, type: .attendanceRecorded) }
    let bytes = try BinaryEncoder().encode(index)
    let decoded = try BinaryDecoder().decode(EventIndex.self, from: bytes)
    #expect(decoded.count == index.count)
    for id in Self.ids(500) { #expect(decoded[id] == index[id]) }

    // The saved bytes end with the entries, then the table: a tag, a two-byte length, 4 bytes a slot.
    let table = 4 * EventIndex.capacity(toHold: 500)
    let entriesEnd = bytes.count - table - 3
    // An entry whose id would lie outside the arena.
    var damaged = bytes
    damaged[entriesEnd - 16 + 6] = 0xFF
    damaged[entriesEnd - 16 + 7] = 0xFF
    #expect(throws: (any Error).self) { try BinaryDecoder().decode(EventIndex.self, from: damaged) }
    // A slot naming an entry beyond the entries.
    damaged = bytes
    damaged[bytes.count - 1] = 0x7F
    #expect(throws: (any Error).self) { try BinaryDecoder().decode(EventIndex.self, from: damaged) }
    // A table cut short, with its length said to match.
    damaged = Array(bytes[..<(entriesEnd + 1)]) + [0x80 | 0x7C, 0x1F] + Array(bytes[(entriesEnd + 3)..<(bytes.count - 4)])
    #expect(throws: (any Error).self) { try BinaryDecoder().decode(EventIndex.self, from: damaged) }
    // Cut in the middle of a slot.
    #expect(throws: (any Error).self) { try BinaryDecoder().decode(EventIndex.self, from: Array(bytes.dropLast(3))) }
  }

  /// The saved table depends on the ids alone: an index grown id by id, one reserved ahead and
  /// one read back save the same bytes, and the one read back finds every id.
  @Test func theSavedTableIsTheSameWhateverTheOrderItGrewIn() throws {
    let ids = Self.ids(2 * EventIndex.recentLimit + 777)
    var grown = EventIndex()
    var reserved = EventIndex()
    reserved.reserveCapacity(ids.count)
    for (number, id) in ids.enumerated() {
      grown.insert(id, seq: number + 1, type: .examRecorded)
      reserved.insert(id, seq: number + 1, type: .examRecorded)
    }
    #expect(grown.slots != reserved.slots, "two histories, two in-memory tables")
    let bytes = try BinaryEncoder().encode(grown)
    #expect(try BinaryEncoder().encode(reserved) == bytes)
    #expect(try BinaryEncoder(fastPaths: false).encode(grown) == bytes)
    let read = try BinaryDecoder().decode(EventIndex.self, from: bytes)
    #expect(try BinaryEncoder().encode(read) == bytes)
    for (number, id) in ids.enumerated() { #expect(read[id]?.seq == number + 1) }
    #expect(read["e-absent"] == nil)
  }

  /// A saved index mapped from a file and looked up there: every id found, ids added after it
  /// found too, and saved again it gives the bytes of an index that held them all from the start.
  @Test func anIndexReadInPlaceFindsItsIdsAndThoseAddedSince() throws {
    let ids = Self.ids(EventIndex.recentLimit + 900)
    let (before, after) = (ids.prefix(2_000), ids.dropFirst(2_000))
    let types = EventType.allCases
    func insert(_ id: String, _ number: Int, into index: inout EventIndex) {
      index.insert(id, seq: number + 1, type: types[number % types.count], subject: number % 5)
    }
    var flat = EventIndex()
    var first = EventIndex()
    for (number, id) in ids.enumerated() {
      insert(id, number, into: &flat)
      if number < before.count { insert(id, number, into: &first) }
    }
    let folder = TemporaryFolder()
    let path = folder.path("index")
    let bytes = try BinaryEncoder().encode(first)
    TemporaryFolder.writeBytes(path, bytes)
    let mapped = try OpenFile(path: path, writable: false).map(populate: false)
    var index = try EventIndex(savedIn: mapped, bytes: mapped.bytes)
    #expect(index.saved != nil)
    #expect(index == first)
    for (number, id) in after.enumerated() { insert(id, before.count + number, into: &index) }
    #expect(index.count == ids.count)
    for (number, id) in ids.enumerated() {
      #expect(index[id] == EventRef(seq: number + 1, type: types[number % types.count]), "\(id)")
      #expect(index.subject(of: id) == (number % 5 == 0 ? nil : number % 5))
    }
    for absent in ["", "e-", "E-1", String(ids[40].dropLast()) + "y"] { #expect(index[absent] == nil) }
    #expect(index == flat)
    #expect(try BinaryEncoder().encode(index) == (try BinaryEncoder().encode(flat)))
    #expect(try BinaryEncoder(fastPaths: false).encode(index) == (try BinaryEncoder().encode(flat)))
  }

  /// Damaged bytes in place never send a lookup outside the file or round the table for ever:
  /// a slot beyond the entries, an entry beyond the ids, a table with no empty slot.
  @Test func damagedSavedIdsAreNeverFollowedOutOfBounds() throws {
    var index = EventIndex()
    let ids = Self.ids(300)
    for (number, id) in ids.enumerated() { index.insert(id, seq: number + 1, type: .examRecorded) }
    let bytes = try BinaryEncoder().encode(index)
    let table = 4 * EventIndex.capacity(toHold: ids.count)
    let tableStart = bytes.count - table
    let entriesEnd = tableStart - 3
    let folder = TemporaryFolder()
    func lookUp(_ damaged: [UInt8]) throws -> [EventRef?] {
      let path = folder.path("damaged")
      TemporaryFolder.writeBytes(path, damaged)
      let mapped = try OpenFile(path: path, writable: false).map()
      let read = try EventIndex(savedIn: mapped, bytes: mapped.bytes)
      return (ids + ["absent"]).map { read[$0] }
    }
    var beyond = bytes
    for slot in stride(from: tableStart, to: bytes.count, by: 4) where bytes[slot..<(slot + 4)] != [0, 0, 0, 0] {
      beyond.replaceSubrange(slot..<(slot + 4), with: [0xFF, 0xFF, 0, 0])
    }
    #expect(try lookUp(beyond).allSatisfy { $0 == nil })
    var outside = bytes
    for entry in stride(from: entriesEnd - 16 * ids.count, to: entriesEnd, by: 16) {
      outside[entry + 4] = 0xFF  // idStart
      outside[entry + 7] = 0xFF
    }
    #expect(try lookUp(outside).allSatisfy { $0 == nil })
    var full = bytes
    for slot in stride(from: tableStart, to: bytes.count, by: 4) { full.replaceSubrange(slot..<(slot + 4), with: [1, 0, 0, 0]) }
    #expect(try lookUp(full).last! == nil)
  }

  /// Past its spill limit an index moves its ids to scratch files, again and again: it finds
  /// every id and no other, as an index that held them all in memory does, and saves the same
  /// bytes; read back from those bytes, it goes on spilling what is added after them.
  @Test func anIndexThatSpillsFindsAndSavesWhatOneInMemoryDoes() throws {
    let ids = Self.ids(12_000)
    let types = EventType.allCases
    var memory = EventIndex()
    var spilling = EventIndex()
    spilling.spillLimit = 1_000
    for (number, id) in ids.enumerated() {
      memory.insert(id, seq: number + 1, type: types[number % types.count], subject: number % 5)
      spilling.insert(id, seq: number + 1, type: types[number % types.count], subject: number % 5)
      if number % 997 == 0 {
        for earlier in stride(from: number, through: 0, by: -89) { #expect(spilling[ids[earlier]]?.seq == earlier + 1) }
      }
    }
    #expect(spilling.spilled?.runs.count == 11, "eleven moves of a thousand ids")
    #expect(spilling.entries.count == 1_000 && spilling.count == ids.count)
    for (number, id) in ids.enumerated() {
      #expect(spilling[id] == memory[id])
      #expect(spilling.subject(of: id) == (number % 5 == 0 ? nil : number % 5))
    }
    // Ten thousand ids never put in: the filter lets a few through to the runs, which hold none.
    let absent = ["", "e-", "E-1", String(ids[40].dropLast()) + "y"] + (0..<10_000).map { "absent-\($0)" }
    #expect(absent.allSatisfy { spilling[$0] == nil })
    #expect(spilling == memory)
    let bytes = try BinaryEncoder().encode(memory)
    #expect(try BinaryEncoder().encode(spilling) == bytes)
    #expect(try BinaryEncoder(fastPaths: false).encode(spilling) == bytes)

    // Read in place from the first 5,000 ids' bytes, then the rest added: spilled again.
    var first = EventIndex()
    for (number, id) in ids.prefix(5_000).enumerated() {
      first.insert(id, seq: number + 1, type: types[number % types.count], subject: number % 5)
    }
    let folder = TemporaryFolder()
    TemporaryFolder.writeBytes(folder.path("index"), try BinaryEncoder().encode(first))
    let mapped = try OpenFile(path: folder.path("index"), writable: false).map(populate: false)
    var resumed = try EventIndex(savedIn: mapped, bytes: mapped.bytes)
    resumed.spillLimit = 1_500
    for (number, id) in ids.enumerated().dropFirst(5_000) {
      resumed.insert(id, seq: number + 1, type: types[number % types.count], subject: number % 5)
    }
    #expect(resumed.saved?.count == 5_000 && resumed.spilled?.count == 6_000 && resumed.entries.count == 1_000)
    for (number, id) in ids.enumerated() { #expect(resumed[id]?.seq == number + 1) }
    #expect(absent.allSatisfy { resumed[$0] == nil })
    #expect(resumed == memory)
    #expect(try BinaryEncoder().encode(resumed) == bytes)
  }

  /// The saved table of a hash order: each id at its home or just after the id before, so that
  /// a lookup from the home meets it before an empty slot; a last cluster running past the
  /// table's capacity lengthens the table rather than wrapping round.
  @Test func theSavedTableHoldsEachIdBetweenItsHomeAndTheNextEmptySlot() throws {
    for count in [1, 12, 500, 3_000] {
      var index = EventIndex()
      let ids = Self.ids(count)
      for (number, id) in ids.enumerated() { index.insert(id, seq: number + 1, type: .examRecorded) }
      var slots: [UInt32] = []
      _ = index.placeSavedTable { slots += $0 }
      let capacity = EventIndex.capacity(toHold: count)
      #expect(slots.count >= capacity && slots.count <= capacity + count)
      #expect(slots.filter { $0 != 0 }.count == count)
      for (number, id) in ids.enumerated() {
        var bytes = id
        let home = EventIndex.savedHome(bytes.withUTF8 { EventIndex.hash64(UnsafeRawBufferPointer($0)) }, capacity: capacity)
        let at = try #require(slots.firstIndex(of: UInt32(number + 1)))
        #expect(at >= home && slots[home..<at].allSatisfy { $0 != 0 }, "\(id): home \(home), placed at \(at)")
      }
    }
  }

  /// The radix sort gives the order a comparison sort gives, equal hashes (and hashes sharing
  /// bytes) included.
  @Test func sortingByHashIsSortingByHashThenNumber() {
    var random = SplitMix64(seed: 7)
    let pool = (0..<300).map { _ in random.next() & 0xFFFF_00FF_FFFF_FF0F }
    var pairs = (0..<5_000).map { HashedNumber(hash: pool[Int(random.next() % 300)], number: UInt32($0)) }
    let expected = pairs.sorted()
    pairs.sortByHash()
    #expect(pairs == expected)
  }

  /// An index copied before the other moves more ids to the files (a replay's state kept at a
  /// checkpoint's line while the fold goes on) keeps finding and saving exactly its own ids;
  /// moving ids of its own after that, it forks the files, and both stay as if never shared.
  @Test func aCopyKeepsItsOwnSpilledIds() throws {
    let ids = Self.ids(5_000)
    let others = (0..<1_500).map { "other-\($0)" }
    func index(of ids: [String], spillLimit: Int = 500) -> EventIndex {
      var index = EventIndex()
      index.spillLimit = spillLimit
      for (number, id) in ids.enumerated() { index.insert(id, seq: number + 1, type: .examRecorded) }
      return index
    }
    var first = index(of: Array(ids.prefix(2_000)))
    var copy = first
    let copyBytes = try BinaryEncoder().encode(copy)
    for (number, id) in ids.enumerated().dropFirst(2_000) { first.insert(id, seq: number + 1, type: .examRecorded) }
    #expect(first.count == 5_000 && copy.count == 2_000)
    #expect(copy[ids[2_500]] == nil && copy[ids[10]]?.seq == 11)
    #expect(try BinaryEncoder().encode(copy) == copyBytes)

    for (number, id) in others.enumerated() { copy.insert(id, seq: 2_001 + number, type: .examRecorded) }
    #expect(copy.spilled?.store !== first.spilled?.store, "the copy forked the files")
    let reference = index(of: Array(ids.prefix(2_000)) + others, spillLimit: .max)
    #expect(copy == reference)
    #expect(try BinaryEncoder().encode(copy) == (try BinaryEncoder().encode(reference)))
    #expect(copy[ids[2_500]] == nil && first["other-3"] == nil)
    let whole = index(of: ids, spillLimit: .max)
    #expect(first == whole)
    #expect(try BinaryEncoder().encode(first) == (try BinaryEncoder().encode(whole)))
  }
}
