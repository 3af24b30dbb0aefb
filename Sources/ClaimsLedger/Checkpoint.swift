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
/// The file: one JSON line (the key) and then the state in `BinaryEncoder`'s form.
public struct Checkpoint {
  /// Bumped whenever `check` or `apply` change what a fold produces, or the state its saved
  /// form, so old caches are dropped.
  public static let foldVersion = 11
  /// A command saves a new checkpoint once this many lines lie beyond the last one.
  public static let linesBetween = 10_000

  public var point: ChainPoint
  public var rules: String
  public var state: LedgerState

  public static func path(forJournal journal: String) -> String { journal + ".checkpoint" }

  /// The key of a rule library: the SHA-256 of its rulesets' ids and hashes.
  public static func rulesKey(_ library: RuleLibrary) -> String {
    let text = library.rulesets.map { "\($0.id):\($0.sha256)" }.sorted().joined(separator: "\n")
    return SHA256.hash(Array(text.utf8)).hex
  }

  /// Why a checkpoint was not used, or that it was.
  public enum Outcome: Error, Equatable, Sendable {
    case used(seq: Int)
    case absent
    case discarded(String)
  }

  /// The state of the whole journal (its complete prefix): from the checkpoint when it matches,
  /// else from line 1; saves a new checkpoint when `linesBetween` lines lie beyond the old one.
  /// The journal is streamed (`Replay.stream`), never held whole; the end says what the read found.
  public static func currentState(
    path journal: String, library: RuleLibrary, linesBetween: Int = linesBetween
  ) throws(JournalError) -> (end: JournalStreamEnd, state: LedgerState, outcome: Outcome) {
    let rules = rulesKey(library)
    var outcome = Outcome.absent
    var resumed: (JournalStreamEnd, LedgerState)?
    switch load(forJournal: journal, rules: rules) {
    case .failure(let reason): outcome = reason
    case .success(let checkpoint):
      var state = checkpoint.state
      if let end = try Replay.stream(path: journal, resumingAfter: checkpoint.point, into: &state) {
        resumed = (end, state)
        outcome = .used(seq: checkpoint.point.seq)
      } else {
        outcome = .discarded(
          "the journal no longer holds line \(checkpoint.point.seq) as the checkpoint saw it, or its head is older")
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
    let rules = rulesKey(library)
    var old: Key?
    var verdict = "there was no checkpoint"
    switch verifiedFile(forJournal: journal, rules: rules) {
    case .failure(.absent), .failure(.used): break
    case .failure(.discarded(let why)): verdict = "the old checkpoint was discarded: \(why)"
    case .success(let file): old = file.key
    }
    var state = LedgerState()
    var atOld: LedgerState?
    let look = old.map { old in (seq: old.point.seq, at: { (state: LedgerState) in atOld = state }) }
    let end = try Replay.stream(path: journal, into: &state, lookAfter: look)!
    var saved: String?
    if let point = end.endPoint {
      saved = try Checkpoint(point: point, rules: rules, state: state).write(forJournal: journal)
    }
    if let old {
      if let atOld {
        let hash = atOld.lastSeq == state.lastSeq ? saved : nil
        let agrees = try (hash ?? SHA256.hashOfPieces(BinaryEncoder().encode(atOld)).hex) == old.statePiecesSHA256
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

  /// The checkpoint beside `journal` if it is whole and keyed for this fold and these rules.
  static func load(forJournal journal: String, rules: String) -> Result<Checkpoint, Outcome> {
    let file: VerifiedFile
    switch verifiedFile(forJournal: journal, rules: rules) {
    case .failure(let outcome): return .failure(outcome)
    case .success(let verified): file = verified
    }
    guard let state = try? BinaryDecoder().decode(LedgerState.self, from: file.state),
      state.lastSeq == file.key.point.seq
    else {
      return .failure(.discarded("its state cannot be read"))
    }
    return .success(Checkpoint(point: file.key.point, rules: file.key.rules, state: state))
  }

  /// A checkpoint file mapped into memory (not copied: at ten million events it is near a
  /// gigabyte), its key read and both sections checked against their SHA-256s.
  struct VerifiedFile {
    let key: Key
    let mapped: MappedFile
    let stateRange: Range<Int>
    /// The state's bytes, valid while this lives.
    var state: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: mapped.bytes[stateRange]) }
  }

  /// The checkpoint's key and its state's bytes, when it is whole, keyed for this fold and
  /// these rules, and both sections match their SHA-256s; the state is not decoded.
  static func verifiedFile(forJournal journal: String, rules: String) -> Result<VerifiedFile, Outcome> {
    let path = path(forJournal: journal)
    guard FilePaths.exists(path), let mapped = try? OpenFile(path: path, writable: false).map() else {
      return .failure(.absent)
    }
    let bytes = mapped.bytes
    guard let newline = bytes.firstIndex(of: 0x0A), let key = try? Key(json: Array(bytes[..<newline])) else {
      return .failure(.discarded("its key line is unreadable"))
    }
    if let refusal = refusal(of: key, rules: rules) { return .failure(refusal) }
    let stateStart = newline + 1 + key.moneyLength
    guard key.moneyLength >= 0, stateStart <= bytes.count else { return .failure(.discarded("it is cut short")) }
    guard SHA256.hash(UnsafeRawBufferPointer(rebasing: bytes[(newline + 1)..<stateStart])).hex == key.moneySHA256 else {
      return .failure(.discarded("its money section does not match its SHA-256"))
    }
    let file = VerifiedFile(key: key, mapped: mapped, stateRange: stateStart..<bytes.count)
    guard SHA256.hashOfPieces(file.state).hex == key.statePiecesSHA256 else {
      return .failure(.discarded("its state does not match its SHA-256"))
    }
    return .success(file)
  }

  static func refusal(of key: Key, rules: String) -> Outcome? {
    guard key.foldVersion == foldVersion else { return .discarded("it was written by another fold version") }
    guard key.rules == rules else { return .discarded("it was made under other rulesets") }
    return nil
  }

  /// The money section alone, read without the rest of the file: the key line, then
  /// `moneyLength` bytes. Nil when anything does not match; the caller then takes the long way.
  static func loadMoney(forJournal journal: String, rules: String) -> (point: ChainPoint, money: MoneySection)? {
    let file = path(forJournal: journal)
    guard let head = bytes(of: file, count: 4096, at: 0), let newline = head.firstIndex(of: 0x0A),
      let key = try? Key(json: Array(head[..<newline])), refusal(of: key, rules: rules) == nil,
      (0...(1 << 30)).contains(key.moneyLength),
      let money = bytes(of: file, count: key.moneyLength, at: newline + 1),
      money.count == key.moneyLength, SHA256.hash(money).hex == key.moneySHA256,
      let section = try? BinaryDecoder().decode(MoneySection.self, from: money), section.lastSeq == key.point.seq
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
  /// money section, the whole state. Returns the state's hash (`Key.statePiecesSHA256`).
  ///
  /// The state goes to the file as it is encoded, a few megabytes at a time, hashed on the way
  /// (at ten million events it is most of a gigabyte, which built whole in fresh memory cost
  /// as much as encoding it). The key, which names that hash, is written last, over the room
  /// left for it at the start: its line is padded with spaces to `Key.lineLength`.
  @discardableResult
  public func write(forJournal journal: String) throws -> String {
    let money = try BinaryEncoder().encode(MoneySection(lastSeq: state.lastSeq, funds: state.fundLedger))
    var statePieces = SHA256PiecesHasher()
    var key: Key?
    try FilePaths.replaceAtomically(Self.path(forJournal: journal)) { file in
      try file.write(money, at: Key.lineLength)
      var offset = Key.lineLength + money.count
      try BinaryEncoder().encode(state) { part in
        try file.write(part, at: offset)
        offset += part.count
        statePieces.add(part)
      }
      key = Key(
        foldVersion: Self.foldVersion, point: point, rules: rules, statePiecesSHA256: statePieces.finish().hex,
        moneyLength: money.count, moneySHA256: SHA256.hash(money).hex)
      try file.write(key!.line, at: 0)
    }
    return key!.statePiecesSHA256
  }
}

/// What a checkpoint keeps of the money apart from the state, for `claims balances`.
struct MoneySection: Codable, Equatable {
  var lastSeq: Int
  var funds: FundLedger
}

extension Checkpoint {
  /// The money of the whole journal straight from the checkpoint's money section, when the
  /// checkpoint matches and no complete line lies after it; nil otherwise (then replay, which
  /// also refreshes the checkpoint). The end says what the read found (an incomplete tail, a
  /// missing head). Reading stops at the first line after the checkpoint.
  public static func currentMoney(path journal: String, library: RuleLibrary) throws(JournalError)
    -> (end: JournalStreamEnd, funds: FundLedger)?
  {
    guard let (point, section) = loadMoney(forJournal: journal, rules: rulesKey(library)) else { return nil }
    var later = false
    do {
      let end = try JournalSnapshot.stream(path: journal, resumingAfter: point) { (_, _) throws(JournalError) in
        later = true
        throw .integrity(line: point.seq + 1, reason: "a line after the checkpoint")
      }
      return end.map { ($0, section.funds) }
    } catch {
      if later { return nil }
      throw error
    }
  }
}
