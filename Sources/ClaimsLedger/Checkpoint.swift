import ClaimsDomain
import ClaimsJournal
import ClaimsRules

/// `JOURNAL.checkpoint`: the ledger's state after some line, so that a command on a large
/// journal folds only the lines after it. A cache, never a source of truth: it is used only
/// when its key matches — the fold's version, the rulesets' hashes, and a line that the journal
/// must still hold at the same place with the same SHA-256 (which, by the chain, vouches for
/// every line before it) — and its own hashes are checked before its state is decoded. Anything
/// that does not match is discarded and the state is rebuilt from line 1.
///
/// The file: one JSON line (the key), the money (`MoneySection`), the state without its id
/// index, and the index, each in `BinaryEncoder`'s form with its SHA-256 in the key. A command
/// that only reads loads the index only when lines after the checkpoint are to be folded.
public struct Checkpoint {
  /// Bumped whenever `check` or `apply` change what a fold produces, or the state its saved
  /// form, so old caches are dropped.
  public static let foldVersion = 23
  /// A command saves a new checkpoint once this many lines lie beyond the last one.
  public static let linesBetween = 10_000

  public var point: ChainPoint
  public var rules: String
  public var state: LedgerState

  public static func path(forJournal journal: String) -> String { journal + ".checkpoint" }

  /// The state, taken out: the caller's copy is then the only one, and folding lines into it
  /// changes its tables in place (a second reference made the first change of each table copy
  /// it whole).
  mutating func takeState() -> LedgerState {
    defer { state = LedgerState() }
    return state
  }

  /// Why a checkpoint was not used, or that it was.
  public enum Outcome: Error, Equatable, Sendable {
    case used(seq: Int)
    case absent
    case discarded(String)
  }

  /// Whether a caller needs the state's id index (`LedgerState.events`).
  public enum IndexNeed: Sendable {
    /// It checks or appends events: the index is loaded.
    case always
    /// It only reads the state: the index is loaded only to fold lines after the checkpoint;
    /// when none follow, the state's index is empty.
    case toFoldLines
  }

  /// The state of the whole journal (its complete prefix): from the checkpoint when it matches,
  /// else from line 1; saves a new checkpoint when `linesBetween` lines lie beyond the old one.
  /// The journal is streamed (`Replay.stream`), never held whole; the end says what the read found.
  public static func currentState(
    path journal: String, library: RuleLibrary, linesBetween: Int = linesBetween, index: IndexNeed = .always
  ) throws(JournalError) -> (end: JournalStreamEnd, state: LedgerState, outcome: Outcome) {
    let rules = library.key
    var outcome = Outcome.absent
    var resumed: (JournalStreamEnd, LedgerState)?
    switch load(forJournal: journal, rules: rules, index: index) {
    case .failure(let reason): outcome = reason
    case .success(let (loaded, file)):
      var checkpoint = loaded
      var state = checkpoint.takeState()
      var indexUnreadable = false
      // Read the first time a line is to be folded (with `.always` it was read with the state).
      let loadIndex = { (state: inout LedgerState) throws(JournalError) in
        guard !state.hasEventIndex else { return }
        guard let events = Self.index(in: file) else {
          indexUnreadable = true
          throw .integrity(line: checkpoint.point.seq, reason: "the checkpoint's id index")
        }
        state.events = events
      }
      do throws(JournalError) {
        if let end = try Replay.stream(path: journal, resumingAfter: checkpoint.point, into: &state, beforeFirstLine: loadIndex) {
          resumed = (end, state)
          outcome = .used(seq: checkpoint.point.seq)
        } else {
          outcome = .discarded(
            "the journal no longer holds line \(checkpoint.point.seq) as the checkpoint saw it, or its head is older")
        }
      } catch {
        guard indexUnreadable else { throw error }
        outcome = .discarded("its id index does not match its SHA-256 or cannot be read")
      }
    }
    let end: JournalStreamEnd
    let state: LedgerState
    if let resumed { (end, state) = resumed } else { (end, state) = try Replay.state(ofJournal: journal) }
    let saved: Int
    if case .used(let seq) = outcome { saved = seq } else { saved = 0 }
    if end.scan.lineCount - saved >= linesBetween, let point = end.endPoint {
      // A cache that cannot be written (a read-only folder) costs speed, not correctness.
      _ = try? Checkpoint(point: point, rules: rules, state: state).write(forJournal: journal)
    }
    return (end, state, outcome)
  }

  /// What `claims rebuild` does: streams the journal from line 1, judges the checkpoint on disk
  /// against the state at its line on the way, and saves a fresh one at the end. Returns what
  /// the read found, the state, and a sentence on the checkpoint.
  ///
  /// The old checkpoint is judged by its state's hash, not read back: the encoding is
  /// deterministic, so the replayed state at its line agrees when it encodes to the bytes the
  /// old key vouches for. When that line is the journal's last, those are the bytes the new
  /// checkpoint saves, and judging costs nothing.
  public static func rebuild(path journal: String, library: RuleLibrary) throws
    -> (end: JournalStreamEnd, state: LedgerState, verdict: String)
  {
    let rules = library.key
    var old: Key?
    var verdict = "there was no checkpoint"
    switch verifiedFile(forJournal: journal, rules: rules, index: .always) {
    case .failure(.absent), .failure(.used): break
    case .failure(.discarded(let why)): verdict = "the old checkpoint was discarded: \(why)"
    case .success(let file): old = file.key
    }
    var state = LedgerState()
    var atOld: LedgerState?
    let look = old.map { old in (seq: old.point.seq, at: { (state: LedgerState) in atOld = state }) }
    let end = try Replay.stream(path: journal, into: &state, lookAfter: look)!
    var saved: SectionHashes?
    if let point = end.endPoint {
      saved = try Checkpoint(point: point, rules: rules, state: state).write(forJournal: journal)
    }
    if let old {
      if let atOld {
        let hashes = atOld.lastSeq == state.lastSeq ? saved : nil
        let agrees = try (hashes ?? sectionHashes(of: atOld)) == old.sections
        verdict =
          agrees
          ? "the old checkpoint at line \(old.point.seq) agrees with the replay"
          : "the old checkpoint at line \(old.point.seq) DISAGREES with the replay and was replaced"
      } else {
        verdict = "the old checkpoint at line \(old.point.seq) lies beyond the journal, which ends at line \(end.scan.lineCount)"
      }
    }
    if let point = end.endPoint { verdict += "; a new one is saved at line \(point.seq)" }
    return (end, state, verdict)
  }

  /// The checkpoint beside `journal` if it is whole and keyed for this fold and these rules,
  /// with its state's id index.
  static func load(forJournal journal: String, rules: String) -> Result<Checkpoint, Outcome> {
    load(forJournal: journal, rules: rules, index: .always).map(\.0)
  }

  /// The checkpoint, and the file it came from, mapped. With `.always` the state holds its id
  /// index; with `.toFoldLines` the index is left empty, its hash unchecked, for `index(in:)`
  /// to read from the file when a line is to be folded.
  static func load(forJournal journal: String, rules: String, index: IndexNeed)
    -> Result<(Checkpoint, VerifiedFile), Outcome>
  {
    verifiedFile(forJournal: journal, rules: rules, index: index).flatMap { file in
      var events = EventIndex()
      if index == .always {
        guard let read = Self.index(in: file) else { return .failure(.discarded("its id index cannot be read")) }
        events = read
      }
      // The state's bytes are given back as they are read: held whole beside the state they
      // become, they were a third of a command's peak at 10 M events. Those of the tables and
      // rosters left in the file (read through above to check their hash) go back too, to be
      // read again from the file if they are asked for.
      var released = file.stateRange.lowerBound
      let read = { (position: Int) in released = file.mapped.release(released..<(file.stateRange.lowerBound + position)) }
      defer { file.mapped.release(file.stateRange) }
      guard
        var state = try? BinaryDecoder().decode(
          from: file.state, read: read, owner: file.mapped,
          reading: { try LedgerState(binaryWithoutIndex: $0, deferred: file.key.stateTables) }),
        state.lastSeq == file.key.point.seq
      else {
        return .failure(.discarded("its state cannot be read"))
      }
      state.events = events
      return .success((Checkpoint(point: file.key.point, rules: file.key.rules, state: state), file))
    }
  }

  /// `SHA256.hashOfPieces` of a mapped section, on every core, each part's pages mapped in for
  /// its hashing (a page fault each costs more) and given back after it: a section checked but
  /// not read whole holds no memory.
  static func piecesHash(of range: Range<Int>, in mapped: MappedFile) -> String {
    let offset = range.lowerBound
    // Parts of 16 MiB: a few of them mapped at once, one per core, hold little.
    return SHA256.hashOfPieces(
      UnsafeRawBufferPointer(rebasing: mapped.bytes[range]), partPieces: 16,
      beforePart: { mapped.populate((offset + $0.lowerBound)..<(offset + $0.upperBound)) },
      afterPart: { mapped.release((offset + $0.lowerBound)..<(offset + $0.upperBound)) }
    ).hex
  }

  /// The id index a verified file holds, when its bytes match their hash and can be read.
  /// Its ids stay in the file, looked up there (`SavedIds`): only the pages a lookup reads are
  /// mapped in (its hash check gave back those it read).
  static func index(in file: VerifiedFile) -> EventIndex? {
    guard file.indexChecked || piecesHash(of: file.indexRange, in: file.mapped) == file.key.indexPiecesSHA256 else {
      return nil
    }
    return try? EventIndex(savedIn: file.mapped, bytes: file.index)
  }

  /// A checkpoint file mapped into memory (not copied: at ten million events it is near a
  /// gigabyte), its key read and its sections checked against their SHA-256s.
  struct VerifiedFile {
    let key: Key
    let mapped: MappedFile
    let stateRange: Range<Int>
    let indexRange: Range<Int>
    /// Whether the index's hash was checked with the rest.
    let indexChecked: Bool
    /// The state's bytes (without the id index), valid while this lives.
    var state: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: mapped.bytes[stateRange]) }
    /// The id index's bytes, valid while this lives.
    var index: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: mapped.bytes[indexRange]) }
  }

  /// The checkpoint's key and its sections' bytes, when it is whole, keyed for this fold and
  /// these rules, and its sections match their SHA-256s (the id index's only when `index` is
  /// `.always`); nothing is decoded.
  static func verifiedFile(forJournal journal: String, rules: String, index: IndexNeed) -> Result<VerifiedFile, Outcome> {
    let path = path(forJournal: journal)
    // Mapped without its pages; those of the sections to be read are mapped in below.
    guard FilePaths.exists(path), let mapped = try? OpenFile(path: path, writable: false).map(populate: false) else {
      return .failure(.absent)
    }
    let bytes = mapped.bytes
    guard let newline = bytes.firstIndex(of: 0x0A) else { return .failure(.discarded("its key line is unreadable")) }
    let key: Key
    do {
      key = try Key(json: Array(bytes[..<newline]))
    } catch is Key.OtherFoldVersion {
      return .failure(.discarded("it was written by another fold version"))
    } catch {
      return .failure(.discarded("its key line is unreadable"))
    }
    if let refusal = refusal(of: key, rules: rules) { return .failure(refusal) }
    let stateStart = newline + 1 + key.moneyLength
    guard key.moneyLength >= 0, stateStart <= bytes.count else { return .failure(.discarded("it is cut short")) }
    guard SHA256.hash(UnsafeRawBufferPointer(rebasing: bytes[(newline + 1)..<stateStart])).hex == key.moneySHA256 else {
      return .failure(.discarded("its money section does not match its SHA-256"))
    }
    let indexStart = stateStart + key.stateLength
    guard key.stateLength >= 0, indexStart <= bytes.count else { return .failure(.discarded("it is cut short")) }
    let file = VerifiedFile(
      key: key, mapped: mapped, stateRange: stateStart..<indexStart, indexRange: indexStart..<bytes.count,
      indexChecked: index == .always)
    // Both are hashed a part at a time, each part's pages given back after it (the state's
    // tables and rosters are then read from the file only if they are asked for; the index is
    // looked up in place).
    guard piecesHash(of: file.stateRange, in: mapped) == key.statePiecesSHA256 else {
      return .failure(.discarded("its state does not match its SHA-256"))
    }
    guard index != .always || piecesHash(of: file.indexRange, in: mapped) == key.indexPiecesSHA256 else {
      return .failure(.discarded("its id index does not match its SHA-256"))
    }
    return .success(file)
  }

  /// A key of this fold version (`Key(json:)` reads no other) refused for these rules.
  static func refusal(of key: Key, rules: String) -> Outcome? {
    guard key.rules == rules else { return .discarded("it was made under other rulesets") }
    return nil
  }

  /// The money section alone, read without the rest of the file: the key line, then
  /// `moneyLength` bytes. Nil when anything does not match; the caller then takes the long way.
  /// Without `movements`, the balances now alone: the days' movements, most of the section, are
  /// left unread (their types' metadata and a dictionary per day were half of `claims balances`).
  static func loadMoney(forJournal journal: String, rules: String, movements: Bool = true)
    -> (point: ChainPoint, money: MoneySection)?
  {
    let file = path(forJournal: journal)
    guard let head = bytes(of: file, count: 4096, at: 0), let newline = head.firstIndex(of: 0x0A),
      let key = try? Key(json: Array(head[..<newline])), refusal(of: key, rules: rules) == nil,
      (0...(1 << 30)).contains(key.moneyLength),
      let money = bytes(of: file, count: key.moneyLength, at: newline + 1),
      money.count == key.moneyLength, SHA256.hash(money).hex == key.moneySHA256,
      // Read as the type it is: the general way asks the runtime whether it codes itself, a
      // search of every conformance in the binary (a tenth of `claims balances` at 100 k).
      let section = try? money.withUnsafeBytes({ try MoneySection.read($0, movements: movements) }),
      section.lastSeq == key.point.seq
    else { return nil }
    return (key.point, section)
  }

  /// Up to `count` bytes of a file from `offset`; nil when it cannot be read.
  static func bytes(of path: String, count: Int, at offset: Int) -> [UInt8]? {
    guard let file = try? OpenFile(path: path, writable: false) else { return nil }
    var bytes = [UInt8](repeating: 0, count: count)
    guard let read = try? bytes.withUnsafeMutableBytes({ (buffer) throws(FileError) in try file.read(into: buffer, at: offset) })
    else { return nil }
    return Array(bytes[..<read])
  }

  /// Replaces the checkpoint file atomically (mode 0640, like the journal): the key line, the
  /// money section, the state without its id index, the index. Returns the two sections' hashes.
  ///
  /// The sections go to the file as they are encoded, a few megabytes at a time, hashed on the
  /// way (at ten million events they are most of a gigabyte, which built whole in fresh memory
  /// cost as much as encoding it). The key, which names their hashes, is written last, over the
  /// room left for it at the start: its line is padded with spaces to `Key.lineLength`.
  @discardableResult
  public func write(forJournal journal: String) throws -> SectionHashes {
    // A state without its index (`IndexNeed.toFoldLines`) must never be saved as whole.
    precondition(state.hasEventIndex, "a checkpoint of a state without its id index")
    let money = try BinaryEncoder().encode(MoneySection(lastSeq: state.lastSeq, funds: state.fundLedger))
    var key: Key?
    try FilePaths.replaceAtomically(Self.path(forJournal: journal)) { file in
      try file.write(money, at: Key.lineLength)
      let stateStart = Key.lineLength + money.count
      var offset = stateStart
      let hashes = try Self.sectionHashes(of: state) { part in
        try file.write(part, at: offset)
        offset += part.count
      }
      key = Key(
        foldVersion: Self.foldVersion, point: point, rules: rules, sections: hashes.sections,
        stateLength: hashes.stateLength, stateTables: hashes.tables, moneyLength: money.count,
        moneySHA256: SHA256.hash(money).hex)
      try file.write(key!.line, at: 0)
    }
    return key!.sections
  }

  /// Encodes the state's two sections, the state without its id index and then the index,
  /// handing their bytes to `sink` in parts; returns their hashes, the first's length and where
  /// its `Deferred` tables lie in it.
  static func sectionHashes(of state: LedgerState, sink: (UnsafeRawBufferPointer) throws -> Void) throws
    -> (sections: SectionHashes, stateLength: Int, tables: [Range<Int>])
  {
    var pieces = SHA256PiecesHasher()
    var length = 0
    var tables: [Range<Int>] = []
    try BinaryEncoder().encode(sink: { part in
      try sink(part)
      pieces.add(part)
      length += part.count
    }) { try state.writeBinaryWithoutIndex(to: $0) { tables.append($0) } }
    let stateHash = pieces.finish().hex
    pieces = SHA256PiecesHasher()
    try BinaryEncoder().encode(state.events) { part in
      try sink(part)
      pieces.add(part)
    }
    return (SectionHashes(state: stateHash, index: pieces.finish().hex), length, tables)
  }

  /// The hashes the state's sections would be saved with.
  static func sectionHashes(of state: LedgerState) throws -> SectionHashes {
    try sectionHashes(of: state) { _ in }.sections
  }
}

/// What a checkpoint keeps of the money apart from the state, for `claims balances`.
struct MoneySection: Codable, Equatable, BinaryFastCodable {
  var lastSeq: Int
  var funds: FundLedger

  init(lastSeq: Int, funds: FundLedger) { (self.lastSeq, self.funds) = (lastSeq, funds) }

  func writeBinary(to output: BinaryOutput) throws {
    try output.field(lastSeq)
    try output.field(funds)
  }
  init(binary input: BinaryInput) throws { self.init(lastSeq: try input.field(), funds: try input.field()) }

  /// The section's bytes; without `movements`, the days' movements (the last field) unread.
  static func read(_ bytes: UnsafeRawBufferPointer, movements: Bool) throws -> MoneySection {
    try BinaryDecoder().decode(from: bytes) { input in
      guard !movements else { return try input.field() }
      // The section's slot, then its fields: the last sequence number, the funds' slot, and of
      // the funds the balances, then the movements.
      guard try input.byte() != 0 else { throw BinaryDecodingError("nil where the money was expected") }
      let lastSeq: Int = try input.field()
      guard try input.byte() != 0 else { throw BinaryDecodingError("nil where the funds were expected") }
      var funds = FundLedger()
      funds.balances = try input.field()
      input.position = input.bytes.count
      return MoneySection(lastSeq: lastSeq, funds: funds)
    }
  }
}

extension Checkpoint {
  /// The money of the whole journal straight from the checkpoint's money section, when the
  /// checkpoint matches and no complete line lies after it; nil otherwise (then replay, which
  /// also refreshes the checkpoint). The end says what the read found (an incomplete tail, a
  /// missing head). Reading stops at the first line after the checkpoint.
  public static func currentMoney(path journal: String, library: RuleLibrary, asOf date: CivilDate? = nil)
    throws(JournalError) -> (end: JournalStreamEnd, funds: [FundKey: FundBalance])?
  {
    guard let (point, section) = loadMoney(forJournal: journal, rules: library.key, movements: date != nil) else { return nil }
    guard case .ended(let end) = try JournalSnapshot.streamPrefix(path: journal, resumingAfter: point, while: { (_, _) in false })
    else { return nil }
    return (end, date.map(section.funds.balances(asOf:)) ?? section.funds.balances)
  }
}
