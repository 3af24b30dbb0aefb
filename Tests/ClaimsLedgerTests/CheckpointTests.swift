import ClaimsDomain
import ClaimsJournal
@testable import ClaimsLedger
import ClaimsRules
import ClaimsTestSupport
import Foundation
import Testing

/// `JOURNAL.checkpoint`: used only when it matches, discarded whenever anything does not, and
/// never changes an answer: the state it leads to equals a replay from line 1.
@Suite struct CheckpointTests {
  let library = RuleLibrary.shipped

  /// A journal with a paid claim, and its checkpoint saved at the end.
  func journalWithCheckpoint() throws -> LedgerFixture {
    let ledger = try LedgerFixture()
    try ledger.append(Bureau.paidClaim)
    let (_, _, outcome) = try Checkpoint.currentState(path: ledger.path, library: library, linesBetween: 1)
    #expect(outcome == .absent)
    #expect(FileManager.default.fileExists(atPath: Checkpoint.path(forJournal: ledger.path)))
    return ledger
  }

  func fullReplay(_ ledger: LedgerFixture) throws -> LedgerState {
    try Replay.state(of: try JournalSnapshot.read(path: ledger.path))
  }

  @Test func aMatchingCheckpointIsUsedAndGivesTheStateOfAFullReplay() throws {
    let ledger = try journalWithCheckpoint()
    let seq = try fullReplay(ledger).lastSeq
    let (snapshot, state, outcome) = try Checkpoint.currentState(path: ledger.path, library: library)
    #expect(outcome == .used(seq: seq))
    #expect(state == (try fullReplay(ledger)))
    #expect(snapshot.scan.lineCount == seq)

    // Lines appended after it are folded on top, and read alone.
    try ledger.append([Bureau.paymentReturned("PAY-1", id: "ret-1")], at: "2024-10-11T00:00:00.000Z")
    let (later, laterState, laterOutcome) = try Checkpoint.currentState(path: ledger.path, library: library)
    #expect(laterOutcome == .used(seq: seq))
    #expect(laterState == (try fullReplay(ledger)))
    #expect(later.scan.lineCount == seq + 1)

    // Only the lines after it are read: a byte changed in line 2 goes unseen here (the
    // checkpoint's line vouches for every earlier one; `verify` reads them all).
    var journal = TemporaryFolder.bytes(ledger.path)
    let line2 = journal.firstIndex(of: 0x0A)! + 1
    let name = line2 + journal[line2...].firstIndex(of: UInt8(ascii: "}"))! - line2 - 2
    journal[name] ^= 0x01
    TemporaryFolder.writeBytes(ledger.path, journal)
    let (_, damagedState, damagedOutcome) = try Checkpoint.currentState(path: ledger.path, library: library)
    #expect(damagedOutcome == .used(seq: seq))
    #expect(damagedState == laterState)
    #expect(throws: JournalError.self) { try JournalSnapshot.read(path: ledger.path) }
  }

  /// `claims balances` reads the money section alone: the balances now without the days'
  /// movements, or with them as of a date; either way, what a replay gives.
  @Test func theMoneySectionIsReadAloneWithOrWithoutItsMovements() throws {
    let ledger = try journalWithCheckpoint()
    let funds = try fullReplay(ledger).fundLedger
    #expect(!funds.movements.isEmpty && !funds.balances.isEmpty)
    let now = try #require(Checkpoint.loadMoney(forJournal: ledger.path, rules: library.key, movements: false))
    #expect(now.money.funds.balances == funds.balances)
    #expect(now.money.funds.movements.isEmpty)
    let all = try #require(Checkpoint.loadMoney(forJournal: ledger.path, rules: library.key))
    #expect(all.money.funds == funds)
    let date = CivilDate("2024-10-01")!
    #expect(try Checkpoint.currentMoney(path: ledger.path, library: library)?.funds == funds.balances)
    #expect(try Checkpoint.currentMoney(path: ledger.path, library: library, asOf: date)?.funds == funds.balances(asOf: date))
    #expect(funds.balances(asOf: date) != funds.balances)
  }

  /// A class enrolled after another that sorts after it: the state keeps its classes by the
  /// order of their first enrolments (each trainee's as numbers), and a checkpoint must give
  /// them back in that order, not in the order of their names. (Read back by name, the
  /// second trainee's class became the first's, and their entitlements vanished.)
  @Test func classesEnrolledOutOfNameOrderReadBackTheSame() throws {
    let ledger = try LedgerFixture()
    try ledger.append([
      Bureau.classApproved("B-0", id: "cls-2"), Bureau.enrol(Bureau.trainee1, id: "enr-3", classID: "B-0"),
    ])
    let replayed = try fullReplay(ledger)
    #expect(replayed.classes(ofTrainee: ResidentID(Bureau.trainee2)!) == [Bureau.classID])
    _ = try Checkpoint.currentState(path: ledger.path, library: library, linesBetween: 1)
    let (_, loaded, outcome) = try Checkpoint.currentState(path: ledger.path, library: library)
    #expect(outcome == .used(seq: replayed.lastSeq))
    #expect(loaded == replayed)
    for trainee in [Bureau.trainee1, Bureau.trainee2].compactMap(ResidentID.init) {
      #expect(loaded.classes(ofTrainee: trainee) == replayed.classes(ofTrainee: trainee))
      let entitlements = loaded.entitlements(library: library, of: [trainee])
      #expect(!entitlements.isEmpty)
      #expect(entitlements == replayed.entitlements(library: library, of: [trainee]))
    }
  }

  /// The same journal gives the same checkpoint, byte for byte, however the state's tables
  /// happen to be laid out: a state read back from the checkpoint (new tables, other hash
  /// order) writes the same file, and so does a replay of the journal.
  @Test func theSameJournalGivesTheSameCheckpointBytes() throws {
    let ledger = try journalWithCheckpoint()
    let path = Checkpoint.path(forJournal: ledger.path)
    let first = TemporaryFolder.bytes(path)
    let (_, state, outcome) = try Checkpoint.currentState(path: ledger.path, library: library, linesBetween: 1)
    #expect(outcome == .used(seq: state.lastSeq))
    try FileManager.default.removeItem(atPath: path)
    let payload = try BinaryEncoder().encode(state)
    let copy = try BinaryDecoder().decode(LedgerState.self, from: payload)
    #expect(copy == state)
    #expect(try BinaryEncoder().encode(copy) == payload)
    _ = try Checkpoint.currentState(path: ledger.path, library: library, linesBetween: 1)
    #expect(TemporaryFolder.bytes(path) == first)
  }

  @Test func aCheckpointWhoseBytesWereDamagedIsDiscarded() throws {
    let ledger = try journalWithCheckpoint()
    let path = Checkpoint.path(forJournal: ledger.path)
    let saved = TemporaryFolder.bytes(path)
    TemporaryFolder.writeBytes(path, try CheckpointSections.damaged(saved, in: \.state))
    for index in [Checkpoint.IndexNeed.always, .toFoldLines] {
      let (_, state, outcome) = try Checkpoint.currentState(path: ledger.path, library: library, index: index)
      #expect(outcome == .discarded("its state does not match its SHA-256"))
      #expect(state == (try fullReplay(ledger)))
    }
    TemporaryFolder.writeBytes(path, try CheckpointSections.damaged(saved, in: \.index))
    let (_, state, outcome) = try Checkpoint.currentState(path: ledger.path, library: library)
    #expect(outcome == .discarded("its id index does not match its SHA-256"))
    #expect(state == (try fullReplay(ledger)))
  }

  /// A command that only reads starts from the checkpoint without its id index; it reads the
  /// index (and checks its hash) only when lines after the checkpoint are to be folded.
  @Test func aReadingCommandLoadsTheIdIndexOnlyToFoldLines() throws {
    let ledger = try journalWithCheckpoint()
    let path = Checkpoint.path(forJournal: ledger.path)
    let seq = try fullReplay(ledger).lastSeq
    var withoutIndex = try fullReplay(ledger)
    withoutIndex.events = EventIndex()
    let (_, state, outcome) = try Checkpoint.currentState(path: ledger.path, library: library, index: .toFoldLines)
    #expect(outcome == .used(seq: seq))
    #expect(state.events.count == 0)
    #expect(state == withoutIndex)

    // A damaged index is never read when no line follows; the answer is the same.
    let saved = TemporaryFolder.bytes(path)
    TemporaryFolder.writeBytes(path, try CheckpointSections.damaged(saved, in: \.index))
    let (_, unread, unreadOutcome) = try Checkpoint.currentState(path: ledger.path, library: library, index: .toFoldLines)
    #expect(unreadOutcome == .used(seq: seq))
    #expect(unread == withoutIndex)

    // With a line after it, the index is read: a damaged one sends the read to line 1, a whole
    // one is the state of a full replay.
    TemporaryFolder.writeBytes(path, saved)
    try ledger.append([Bureau.paymentReturned("PAY-1", id: "ret-1")], at: "2024-10-11T00:00:00.000Z")
    #expect(TemporaryFolder.bytes(path) == saved)
    TemporaryFolder.writeBytes(path, try CheckpointSections.damaged(saved, in: \.index))
    let (_, replayed, damagedOutcome) = try Checkpoint.currentState(
      path: ledger.path, library: library, linesBetween: 100, index: .toFoldLines)
    #expect(damagedOutcome == .discarded("its id index does not match its SHA-256 or cannot be read"))
    #expect(replayed == (try fullReplay(ledger)))
    TemporaryFolder.writeBytes(path, saved)
    let (_, folded, foldedOutcome) = try Checkpoint.currentState(
      path: ledger.path, library: library, linesBetween: 100, index: .toFoldLines)
    #expect(foldedOutcome == .used(seq: seq))
    #expect(folded == (try fullReplay(ledger)))
  }

  /// Read from a checkpoint, the state's larger tables (`Deferred`) and the enrolments' rosters
  /// stay in the file until asked for, each then read alone; the state is the same. Where the
  /// key says they lie is checked: a key that points elsewhere sends the read to line 1.
  @Test func itsLargerTablesAreReadOnlyWhenAskedFor() throws {
    let ledger = try journalWithCheckpoint()
    let seq = try fullReplay(ledger).lastSeq
    var withoutIndex = try fullReplay(ledger)
    withoutIndex.events = EventIndex()
    let (_, state, outcome) = try Checkpoint.currentState(path: ledger.path, library: library, index: .toFoldLines)
    #expect(outcome == .used(seq: seq))
    let deferred = { (state: LedgerState) in
      [state.$enrolmentsBySeq.wasRead, state.$claims.wasRead, state.$payments.wasRead, state.$bankRefs.wasRead,
        state.$recoveries.wasRead, state.$employments.wasRead, state.$claimMoney.wasRead, state.$history.wasRead]
    }
    #expect(deferred(state) == Array(repeating: false, count: 8))
    // The trainees' rosters stay in the file, looked up there.
    #expect(state.rostersOfTrainee.isInPlace)
    let someone = try fullReplay(ledger).traineesSeen.last!
    #expect(state.classes(ofTrainee: someone) == (try fullReplay(ledger)).classes(ofTrainee: someone))
    #expect(state.rostersOfTrainee.isInPlace)
    #expect(state.enrolments.saved.count == state.enrolments.classIDs.count)
    #expect(state.enrolments.saved.allSatisfy { $0.readCount == 0 })
    #expect(state.claims.count == withoutIndex.claims.count)
    #expect(deferred(state) == [false, true, false, false, false, false, false, false])
    #expect(state == withoutIndex)
    #expect(deferred(state) == Array(repeating: true, count: 8))

    // Read and saved again unchanged, with no table asked for: the same bytes, copied from the
    // file, not read (the rosters too).
    let (unread, _) = try Checkpoint.load(forJournal: ledger.path, rules: library.key, index: .always).get()
    _ = try unread.write(forJournal: ledger.path + ".again")
    #expect(TemporaryFolder.bytes(ledger.path + ".again.checkpoint") == TemporaryFolder.bytes(Checkpoint.path(forJournal: ledger.path)))
    #expect(deferred(unread.state) == Array(repeating: false, count: 8))
    #expect(unread.state.enrolments.saved.allSatisfy { $0.readCount == 0 })
    #expect(unread.state.rostersOfTrainee.isInPlace)

    // The first table moved by a byte in the key: not where the state's reader stands.
    let path = Checkpoint.path(forJournal: ledger.path)
    let saved = TemporaryFolder.bytes(path)
    let newline = saved.firstIndex(of: 0x0A)!
    var key = try JSONSerialization.jsonObject(with: Data(saved[..<newline])) as! [String: Any]
    var tables = key["state_tables"] as! [Int]
    tables[0] += 1
    key["state_tables"] = tables
    let line = Array(try JSONSerialization.data(withJSONObject: key))
    TemporaryFolder.writeBytes(path, line + Array(repeating: 0x20, count: newline - line.count) + saved[newline...])
    let (_, replayed, movedOutcome) = try Checkpoint.currentState(path: ledger.path, library: library, index: .toFoldLines)
    #expect(movedOutcome == .discarded("its state cannot be read"))
    #expect(replayed == (try fullReplay(ledger)))
  }

  @Test func aCheckpointForAnotherJournalOrOtherRulesIsDiscarded() throws {
    let ledger = try journalWithCheckpoint()
    let other = try LedgerFixture()
    try other.append([Bureau.attendance(id: "att-1")])
    // The other journal's checkpoint beside this journal: its line is not this journal's.
    try Checkpoint.currentState(path: other.path, library: library, linesBetween: 1)
    try FileManager.default.removeItem(atPath: Checkpoint.path(forJournal: ledger.path))
    try FileManager.default.copyItem(atPath: Checkpoint.path(forJournal: other.path), toPath: Checkpoint.path(forJournal: ledger.path))
    let (_, state, outcome) = try Checkpoint.currentState(path: ledger.path, library: library)
    guard case .discarded(let why) = outcome else { Issue.record("used \(outcome)"); return }
    #expect(why.contains("no longer holds line"))
    #expect(state == (try fullReplay(ledger)))

    // Rulesets that differ from the ones it was made under.
    try Checkpoint.currentState(path: ledger.path, library: library, linesBetween: 1)
    let fewer = RuleLibrary(Array(library.rulesets.dropLast()))
    let (_, _, other2) = try Checkpoint.currentState(path: ledger.path, library: fewer)
    #expect(other2 == .discarded("it was made under other rulesets"))
  }

  @Test func aCheckpointOfAnotherFoldVersionIsDiscarded() throws {
    let ledger = try journalWithCheckpoint()
    let path = Checkpoint.path(forJournal: ledger.path)
    let text = String(decoding: TemporaryFolder.bytes(path), as: UTF8.self)
    let edited = text.replacingOccurrences(of: "\"fold_version\":\(Checkpoint.foldVersion)", with: "\"fold_version\":999")
    #expect(edited != text)
    TemporaryFolder.writeBytes(path, Array(edited.utf8))
    let (_, _, outcome) = try Checkpoint.currentState(path: ledger.path, library: library)
    #expect(outcome == .discarded("it was written by another fold version"))

    // An older key lacks the fields added since: still another fold version, not unreadable.
    let older = try #require(try Regex(#""state_tables":\[[0-9,]*\],"#).firstMatch(in: edited))
    TemporaryFolder.writeBytes(path, Array(edited.replacing(older.0, with: "").utf8))
    let (_, _, olderOutcome) = try Checkpoint.currentState(path: ledger.path, library: library)
    #expect(olderOutcome == .discarded("it was written by another fold version"))
  }

  /// A checkpoint rewritten whole, its hash included, passes the key; `claims rebuild` is what
  /// compares it with the journal.
  @Test func rebuildSaysWhetherTheCheckpointAgreesWithTheJournal() throws {
    let ledger = try journalWithCheckpoint()
    let snapshot = try JournalSnapshot.read(path: ledger.path)
    let state = try Replay.state(of: snapshot)
    let rebuilt = try Checkpoint.rebuild(path: ledger.path, library: library)
    #expect(rebuilt.verdict.contains("agrees with the replay"))
    #expect(rebuilt.state == state)

    var forged = state
    forged.voided.insert("a line that never was")
    try Checkpoint(point: snapshot.endPoint!, rules: library.key, state: forged).write(forJournal: ledger.path)
    let verdict = try Checkpoint.rebuild(path: ledger.path, library: library).verdict
    #expect(verdict.contains("DISAGREES"))
    let (_, after, outcome) = try Checkpoint.currentState(path: ledger.path, library: library)
    #expect(outcome == .used(seq: state.lastSeq))
    #expect(after == state, "rebuild replaced the forged checkpoint")
  }

  /// An old checkpoint short of the journal's end is judged at its own line: the state the
  /// replay had there, encoded, against the hash its key vouches for.
  @Test func rebuildJudgesACheckpointBeforeTheEndAtItsOwnLine() throws {
    let ledger = try journalWithCheckpoint()
    let seq = try fullReplay(ledger).lastSeq
    let checkpoint = Checkpoint.path(forJournal: ledger.path)
    let saved = TemporaryFolder.bytes(checkpoint)
    try ledger.append([Bureau.paymentReturned("PAY-1", id: "ret-1")], at: "2024-10-11T00:00:00.000Z")
    let rebuilt = try Checkpoint.rebuild(path: ledger.path, library: library)
    #expect(rebuilt.verdict.contains("the old checkpoint at line \(seq) agrees with the replay"), "\(rebuilt.verdict)")
    #expect(rebuilt.verdict.contains("a new one is saved at line \(seq + 1)"))

    // The same old checkpoint, its state one void richer and its hashes made to match.
    TemporaryFolder.writeBytes(checkpoint, saved)
    var forged = try Checkpoint.load(forJournal: ledger.path, rules: library.key).get()
    forged.state.voided.insert("a line that never was")
    try forged.write(forJournal: ledger.path)
    let judged = try Checkpoint.rebuild(path: ledger.path, library: library).verdict
    #expect(judged.contains("the old checkpoint at line \(seq) DISAGREES with the replay"), "\(judged)")
  }

  /// A checkpoint whose state bytes were changed without its hash is discarded by rebuild too.
  @Test func rebuildDiscardsACheckpointWhoseStateDoesNotMatchItsHash() throws {
    let ledger = try journalWithCheckpoint()
    let path = Checkpoint.path(forJournal: ledger.path)
    TemporaryFolder.writeBytes(path, try CheckpointSections.damaged(TemporaryFolder.bytes(path), in: \.state))
    let verdict = try Checkpoint.rebuild(path: ledger.path, library: library).verdict
    #expect(verdict.contains("the old checkpoint was discarded: its state does not match its SHA-256"), "\(verdict)")
  }

  @Test func aHeadOlderThanTheCheckpointSendsTheReadBackToLineOne() throws {
    let ledger = try journalWithCheckpoint()
    // A head one batch behind, as a crash between two writes leaves it.
    let snapshot = try JournalSnapshot.read(path: ledger.path)
    let point = snapshot.endPoint!
    let resumed = try JournalSnapshot.read(path: ledger.path, resumingAfter: ChainPoint(
      seq: point.seq, lineOffset: point.lineOffset, endOffset: point.endOffset, lineHash: point.lineHash,
      recorded: point.recorded, batchFirstSeq: point.batchFirstSeq))
    #expect(resumed != nil)
    try JournalHead(seq: point.batchFirstSeq - 1, lastLineHash: .zero).write(forJournal: ledger.path)
    #expect(try JournalSnapshot.read(path: ledger.path, resumingAfter: point) == nil)
  }

  @Test func aCheckpointCutShortIsDiscarded() throws {
    let ledger = try journalWithCheckpoint()
    let path = Checkpoint.path(forJournal: ledger.path)
    let bytes = TemporaryFolder.bytes(path)
    TemporaryFolder.writeBytes(path, Array(bytes[...(bytes.firstIndex(of: 0x0A)! + 2)]))
    let (_, state, outcome) = try Checkpoint.currentState(path: ledger.path, library: library)
    #expect(outcome == .discarded("it is cut short"))
    #expect(state == (try fullReplay(ledger)))
  }

  /// A journal put back to an older copy — here only its first line — is shorter than the
  /// checkpoint beside it: rebuild says so and saves a checkpoint of what is there.
  @Test func rebuildSaysWhenTheCheckpointLiesBeyondTheJournal() throws {
    let ledger = try journalWithCheckpoint()
    let folder = TemporaryFolder("checkpoint-beyond")
    let shorter = folder.path("shorter.journal")
    let journal = TemporaryFolder.bytes(ledger.path)
    TemporaryFolder.writeBytes(shorter, Array(journal[...journal.firstIndex(of: 0x0A)!]))
    TemporaryFolder.writeBytes(Checkpoint.path(forJournal: shorter), TemporaryFolder.bytes(Checkpoint.path(forJournal: ledger.path)))
    let rebuilt = try Checkpoint.rebuild(path: shorter, library: library)
    #expect(rebuilt.verdict.contains("lies beyond the journal, which ends at line 1"), "\(rebuilt.verdict)")
    #expect(rebuilt.verdict.contains("a new one is saved at line 1"))
    #expect(rebuilt.state.lastSeq == 1)
  }
}
