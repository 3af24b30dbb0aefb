import ClaimsDomain
import ClaimsJournal

/// An id's hash and its entry's number in the whole index: what the saved table is built from,
/// in the order of the hashes.
struct HashedNumber: Comparable {
  var hash: UInt64
  var number: UInt32

  static func < (lhs: HashedNumber, rhs: HashedNumber) -> Bool { (lhs.hash, lhs.number) < (rhs.hash, rhs.number) }
}

extension Array where Element == HashedNumber {
  /// Sorted by hash, equal hashes keeping their order: eight stable passes of a byte each (a
  /// comparison sort of a million took a tenth of a second a spill). Given in the order of their
  /// numbers, as every caller gives them, they come out in `HashedNumber`'s order.
  mutating func sortByHash() {
    guard count > 1 else { return }
    var other = self
    for pass in 0..<8 {
      let shift = UInt64(pass * 8)
      var starts = [Int](repeating: 0, count: 257)
      for item in self { starts[Int((item.hash >> shift) & 0xFF) + 1] += 1 }
      // A byte every hash shares orders nothing.
      if starts.contains(count) { continue }
      for digit in 0..<256 { starts[digit + 1] += starts[digit] }
      for item in self {
        let digit = Int((item.hash >> shift) & 0xFF)
        other[starts[digit]] = item
        starts[digit] += 1
      }
      swap(&self, &other)
    }
  }
}

/// The ids a long fold has moved out of memory (`EventIndex.spillLimit`), so that a replay from
/// line 1 holds the tables of its trainees and classes, not one entry per event. They lie in
/// scratch files: the ids end to end, their 16-byte entries in journal order, and per move a
/// run of (hash, number) pairs sorted by hash. Memory keeps a sample of every 256th hash of
/// each run and a filter of the hashes (two bytes an id), so that a new id — nearly every
/// lookup — is answered without reading a file; an id the filter may hold (one in some
/// hundreds of new ids, every void's target) is looked for in the runs.
final class SpilledIds: @unchecked Sendable {
  let ids: ScratchFile
  let entries: ScratchFile
  let pairs: ScratchFile
  /// The number of the first entry here: the checkpoint's ids come before.
  let firstNumber: Int
  private(set) var count = 0
  private(set) var runs: [Run] = []
  /// Of every id moved, whichever view it belongs to: a lookup may be sent to the runs for an id
  /// that is not in its view's, and finds nothing there.
  private var filter: HashFilter

  struct Run {
    /// Where its pairs start, counted in pairs: also where its entries start.
    var start: Int
    var count: Int
    /// Where its ids end in `ids`.
    var idsEnd: Int
    /// The hash of every `sampleEvery`-th pair.
    var samples: [UInt64]
  }

  static let sampleEvery = 256
  static let pairStride = MemoryLayout<HashedNumber>.stride
  static let entryStride = MemoryLayout<EventIndex.Entry>.stride

  /// Nil when no scratch file can be made (`ScratchFile`).
  init?(firstNumber: Int, expected: Int) {
    guard let ids = ScratchFile(purpose: "ids"), let entries = ScratchFile(purpose: "id-entries"),
      let pairs = ScratchFile(purpose: "id-runs")
    else { return nil }
    (self.ids, self.entries, self.pairs) = (ids, entries, pairs)
    self.firstNumber = firstNumber
    filter = HashFilter(capacity: expected)
  }

  /// Takes entries whose ids lie in `arena` (as `EventIndex` holds them): appended to the
  /// files in order, numbered after those already here, their pairs a new run.
  fileprivate func take(arena: [UInt8], entries moved: [EventIndex.Entry]) {
    let shift = UInt32(ids.count)
    precondition(ids.count + arena.count <= Int(UInt32.max), "over 4 GB of event ids")
    var run = arena.withUnsafeBytes { arena in
      moved.indices.map { index in
        HashedNumber(hash: EventIndex.hash64(EventIndex.id(of: moved[index], in: arena)), number: UInt32(firstNumber + count + index))
      }
    }
    run.sortByHash()
    arena.withUnsafeBytes { _ = ids.append($0) }
    moved.shifted(by: shift).withUnsafeBytes { _ = entries.append($0) }
    run.withUnsafeBytes { _ = pairs.append($0) }
    let start = runs.last.map { $0.start + $0.count } ?? 0
    runs.append(
      Run(
        start: start, count: run.count, idsEnd: ids.count,
        samples: stride(from: 0, to: run.count, by: Self.sampleEvery).map { run[$0].hash }))
    count += moved.count
    if count > filter.capacity { refilter() }
    for pair in run { filter.insert(pair.hash) }
  }

  /// A filter twice the size, of every hash here (read back from the runs).
  private func refilter() {
    filter = HashFilter(capacity: 2 * max(count, filter.capacity))
    var pairs = HashedNumberMerge(runs.map(reader))
    while let pair = pairs.next() { filter.insert(pair.hash) }
  }

  /// A copy of the files as they stood after `runCount` runs, for an index that moves ids of
  /// its own after another has moved more; nil when no scratch file can be made.
  fileprivate func fork(runCount: Int) -> SpilledIds? {
    guard let copy = SpilledIds(firstNumber: firstNumber, expected: 0) else { return nil }
    let kept = runs.prefix(runCount)
    let entryCount = kept.last.map { $0.start + $0.count } ?? 0
    let idBytes = kept.last?.idsEnd ?? 0
    for (from, to, length) in [(ids, copy.ids, idBytes), (entries, copy.entries, entryCount * Self.entryStride),
      (pairs, copy.pairs, entryCount * Self.pairStride)] {
      from.forEachPart(upTo: length) { _ = to.append($0) }
    }
    (copy.count, copy.runs, copy.filter) = (entryCount, Array(kept), filter)
    return copy
  }

  /// The entry of `id`, whose hash is `hash`, in the first `runCount` runs; nil when it is not
  /// there.
  func find(_ id: UnsafeRawBufferPointer, hash: UInt64, runCount: Int) -> EventIndex.Entry? {
    guard filter.mightContain(hash) else { return nil }
    for run in runs.prefix(runCount) {
      // The last sample below the hash starts the pairs that may hold it.
      var (low, high) = (0, run.samples.count)
      while low < high {
        let middle = (low + high) / 2
        if run.samples[middle] < hash { low = middle + 1 } else { high = middle }
      }
      var position = max(0, low - 1) * Self.sampleEvery
      scan: while position < run.count {
        let block = readPairs(of: run, from: position, count: min(Self.sampleEvery, run.count - position))
        for pair in block {
          if pair.hash > hash { break scan }
          if pair.hash == hash, let entry = entry(Int(pair.number)), self.id(of: entry) == Array(id) { return entry }
        }
        position += block.count
      }
    }
    return nil
  }

  /// Entry `number` of the whole index, its id placed in `ids`.
  func entry(_ number: Int) -> EventIndex.Entry? {
    let local = number - firstNumber
    guard (0..<count).contains(local) else { return nil }
    var entry = EventIndex.Entry(seq: 0, idStart: 0, subject: 0, idLength: 0, type: 0)
    withUnsafeMutableBytes(of: &entry) { entries.read(into: $0, at: local * Self.entryStride) }
    return entry
  }

  func id(of entry: EventIndex.Entry) -> [UInt8] { ids.bytes(at: Int(entry.idStart), count: Int(entry.idLength)) }

  private func readPairs(of run: Run, from position: Int, count: Int) -> [HashedNumber] {
    [HashedNumber](unsafeUninitializedCapacity: count) { buffer, initialized in
      pairs.read(into: UnsafeMutableRawBufferPointer(buffer), at: (run.start + position) * Self.pairStride)
      initialized = count
    }
  }

  /// A run's pairs in order, a block at a time (`HashedNumberMerge`).
  func reader(of run: Run) -> () -> [HashedNumber] {
    var position = 0
    return {
      guard position < run.count else { return [] }
      let block = self.readPairs(of: run, from: position, count: min(HashedNumberMerge.blockSize, run.count - position))
      position += block.count
      return block
    }
  }

  /// The ids' bytes (`ofIds`), or the entries, their ids moved `shift` bytes on, of the first
  /// `runCount` runs, in parts of about a megabyte.
  func forEachPart(ofIds: Bool, runCount: Int, shift: UInt32 = 0, _ body: (UnsafeRawBufferPointer) throws -> Void)
    rethrows
  {
    let last = runs.prefix(runCount).last
    guard !ofIds else { return try ids.forEachPart(upTo: last?.idsEnd ?? 0, body) }
    let length = (last.map { $0.start + $0.count } ?? 0) * Self.entryStride
    try entries.forEachPart(upTo: length, partSize: (1 << 20) / Self.entryStride * Self.entryStride) { part in
      guard shift != 0 else { return try body(part) }
      try EventIndex.copied(part, as: EventIndex.Entry.self).shifted(by: shift).withUnsafeBytes(body)
    }
  }
}

/// What one index holds of the ids moved to scratch files: the first `runCount` runs. The files
/// only grow, so an index copied before a later move (a replay's state kept at a checkpoint's
/// line while the fold goes on) still reads exactly its own ids; one that moves ids after
/// another has moved more since the two parted forks the files first.
struct SpilledView {
  let store: SpilledIds
  let runCount: Int
  /// The ids moved, and their bytes.
  let count: Int
  let idBytes: Int

  init(_ store: SpilledIds) {
    (self.store, runCount) = (store, store.runs.count)
    (count, idBytes) = (store.count, store.ids.count)
  }

  /// This view with `entries` (whose ids lie in `arena`) moved too; nil when the files would
  /// have to be forked and no scratch file can be made.
  func taking(arena: [UInt8], entries: [EventIndex.Entry]) -> SpilledView? {
    guard let target = runCount == store.runs.count ? store : store.fork(runCount: runCount) else { return nil }
    target.take(arena: arena, entries: entries)
    return SpilledView(target)
  }

  var runs: ArraySlice<SpilledIds.Run> { store.runs.prefix(runCount) }

  func find(_ id: UnsafeRawBufferPointer, hash: UInt64) -> EventIndex.Entry? { store.find(id, hash: hash, runCount: runCount) }

  func forEachPart(ofIds: Bool, shift: UInt32 = 0, _ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
    try store.forEachPart(ofIds: ofIds, runCount: runCount, shift: shift, body)
  }
}

/// The pairs of several sources, each in order, in one order: what a saved table is placed
/// from. Each source gives a block of pairs a call, an empty one when it has no more: a closure
/// call per pair, its captured counters checked for exclusive access each time, was half the
/// instructions of writing the id index.
struct HashedNumberMerge: IteratorProtocol {
  static let blockSize = 1 << 14
  private let sources: [() -> [HashedNumber]]
  private var blocks: [[HashedNumber]]
  private var places: [Int]

  init(_ sources: [() -> [HashedNumber]]) {
    self.sources = sources
    blocks = sources.map { $0() }
    places = Array(repeating: 0, count: sources.count)
  }

  mutating func next() -> HashedNumber? {
    var least = -1
    for source in blocks.indices where places[source] < blocks[source].count {
      if least < 0 || blocks[source][places[source]] < blocks[least][places[least]] { least = source }
    }
    guard least >= 0 else { return nil }
    let pair = blocks[least][places[least]]
    places[least] += 1
    if places[least] == blocks[least].count { (blocks[least], places[least]) = (sources[least](), 0) }
    return pair
  }
}

/// A split-block Bloom filter of 64-bit hashes, sixteen bits a hash: blocks of eight 32-bit
/// words, a hash setting one bit in each word of one block (one cache line read a lookup).
/// Says "not here" for all but about one in five hundred hashes that are not.
struct HashFilter {
  private var words: [UInt32]
  private let blocks: Int
  let capacity: Int

  private static let salts: [UInt32] = [
    0x47b6_137b, 0x4497_4d91, 0x8824_ad5b, 0xa2b7_289d, 0x7054_95c7, 0x2df1_424b, 0x9efc_4947, 0x5c6b_fb31,
  ]

  init(capacity: Int) {
    self.capacity = max(capacity, 1 << 12)
    blocks = (self.capacity * 16 + 255) / 256
    words = Array(repeating: 0, count: blocks * 8)
  }

  private func block(_ hash: UInt64) -> Int { Int(((hash >> 32) &* UInt64(blocks)) >> 32) * 8 }

  mutating func insert(_ hash: UInt64) {
    let (start, low) = (block(hash), UInt32(truncatingIfNeeded: hash))
    for word in 0..<8 { words[start + word] |= 1 << ((low &* Self.salts[word]) >> 27) }
  }

  func mightContain(_ hash: UInt64) -> Bool {
    let (start, low) = (block(hash), UInt32(truncatingIfNeeded: hash))
    for word in 0..<8 where words[start + word] & (1 << ((low &* Self.salts[word]) >> 27)) == 0 { return false }
    return true
  }
}
