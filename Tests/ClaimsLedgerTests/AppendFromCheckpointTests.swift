import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsRules
import ClaimsTestSupport
import Foundation
import Testing

/// `claims append` starts from `JOURNAL.checkpoint` when it matches: it reads, verifies and
/// folds only the lines after it, and ends with the state and the journal a start from line 1
/// gives — after a torn tail, after a refusal, and when the checkpoint does not match.
@Suite struct AppendFromCheckpointTests {
  typealias B = Bureau
  let library = RuleLibrary.shipped
  let stamp = Timestamp(Bureau.laterAt)!

  /// The set-up journal with its checkpoint at its end.
  func ledgerWithCheckpoint() throws -> LedgerFixture {
    let ledger = try LedgerFixture()
    _ = try Checkpoint.currentState(path: ledger.path, library: library, linesBetween: 1)
    #expect(FileManager.default.fileExists(atPath: Checkpoint.path(forJournal: ledger.path)))
    return ledger
  }

  func input(_ lines: [String]) throws -> [InputEvent] { try AppendInput.parse(Array(lines.joined(separator: "\n").utf8)) }

  @Test func anAppendStartsFromAMatchingCheckpointAndEndsWhereLineOneWould() throws {
    let ledger = try ledgerWithCheckpoint()
    try ledger.append([B.exam(id: "exm-1")])  // a line after the checkpoint
    let session = try AppendSession(path: ledger.path, clock: stamp, checkpointRules: library)
    #expect(session.startedFromCheckpoint)
    #expect(session.state == (try ledger.state()))
    let report = try session.append(try input([B.claimSubmitted(), B.claimApproved()]), recordedAt: stamp, clock: stamp)
    #expect(report.appended != nil)
    #expect(session.state == (try ledger.state()))
    #expect(try JournalSnapshot.read(path: ledger.path).scan.head == .matches)
  }

  @Test func aCheckpointMadeUnderOtherRulesIsNotUsed() throws {
    let ledger = try ledgerWithCheckpoint()
    let fewer = RuleLibrary(Array(library.rulesets.dropLast()))
    let session = try AppendSession(path: ledger.path, clock: stamp, checkpointRules: fewer)
    #expect(!session.startedFromCheckpoint)
    #expect(session.state == (try ledger.state()))
  }

  /// A journal put back to a copy whose line at the checkpoint's place differs: line 1.
  @Test func aCheckpointWhoseLineTheJournalNoLongerHoldsIsNotUsed() throws {
    let ledger = try ledgerWithCheckpoint()
    let other = try LedgerFixture(openedAt: "2024-09-02T00:00:00.000Z")
    TemporaryFolder.writeBytes(Checkpoint.path(forJournal: other.path), TemporaryFolder.bytes(Checkpoint.path(forJournal: ledger.path)))
    let session = try AppendSession(path: other.path, clock: stamp, checkpointRules: library)
    #expect(!session.startedFromCheckpoint)
    #expect(session.state == (try other.state()))
  }

  /// A batch torn after the checkpoint's line is moved aside, as from line 1.
  @Test func aTornTailAfterTheCheckpointIsRecovered() throws {
    let ledger = try ledgerWithCheckpoint()
    let clean = TemporaryFolder.bytes(ledger.path)
    let head = TemporaryFolder.bytes(JournalHead.path(forJournal: ledger.path))
    try ledger.append([B.exam(id: "exm-1"), B.claimSubmitted(), B.claimApproved()])
    let full = TemporaryFolder.bytes(ledger.path)
    let torn = Array(full[clean.count..<(full.firstIndex(of: 0x0A, after: clean.count)! + 40)])
    TemporaryFolder.writeBytes(ledger.path, clean + torn)
    TemporaryFolder.writeBytes(JournalHead.path(forJournal: ledger.path), head)

    let session = try AppendSession(path: ledger.path, clock: stamp, checkpointRules: library)
    #expect(session.startedFromCheckpoint)
    #expect(session.notices.first?.contains("recovered") == true, "\(session.notices)")
    #expect(TemporaryFolder.bytes(ledger.path) == clean)
    let tornFiles = try FileManager.default.contentsOfDirectory(atPath: ledger.folder.url.path).filter { $0.contains(".torn-") }
    #expect(tornFiles.count == 1)
    #expect(tornFiles.first.map { TemporaryFolder.bytes(ledger.folder.path($0)) } == torn)
    #expect(session.state == (try ledger.state()))
    #expect(try session.append(try input([B.exam(id: "exm-2")]), recordedAt: stamp, clock: stamp).appended != nil)
    #expect(session.state == (try ledger.state()))
  }

  /// A batch sent again is acknowledged as duplicates wherever its lines lie: after the
  /// checkpoint (read from the point the session resumed after) and before it (from line 1);
  /// the same ids with other content are refused there too.
  @Test func aRepeatedEventIsFoundOnEitherSideOfTheCheckpoint() throws {
    let ledger = try ledgerWithCheckpoint()
    let setUpLine = B.setup.count + 1  // after journal.opened
    try ledger.append([B.exam(id: "exm-1")])
    let session = try AppendSession(path: ledger.path, clock: stamp, checkpointRules: library)
    #expect(session.startedFromCheckpoint)
    let after = try session.append(try input([B.exam(id: "exm-1")]), recordedAt: stamp, clock: stamp)
    #expect(after.duplicates.map(\.seq) == [setUpLine + 1])
    let both = try session.append(try input([B.setup.last!, B.exam(id: "exm-1")]), recordedAt: stamp, clock: stamp)
    #expect(both.duplicates.map(\.id) == ["enr-2", "exm-1"])
    #expect(both.duplicates.map(\.seq) == [setUpLine, setUpLine + 1])
    #expect(both.appended == nil)
    let before = ledger.files
    #expect(B.setup.last == B.enrol(B.trainee2, id: "enr-2"))
    for changed in [B.exam(id: "exm-1", passed: false), B.enrol(B.trainee2, id: "enr-2", uiBenefit: true)] {
      #expect {
        try session.append(try input([changed]), recordedAt: stamp, clock: stamp)
      } throws: { error in
        guard case AppendError.refused(let refusal) = error else { return false }
        return refusal.refusal.code == "id-conflict"
      }
    }
    #expect(ledger.files == before)
  }

  /// A batch refused at its second event, the first already folded in place: the state goes
  /// back to the journal's, from the checkpoint again.
  @Test func aBatchRefusedMidwayLeavesTheStateOfTheJournal() throws {
    let ledger = try ledgerWithCheckpoint()
    let session = try AppendSession(path: ledger.path, clock: stamp, checkpointRules: library)
    let before = ledger.files
    #expect(throws: AppendError.self) {
      try session.append(try input([B.exam(id: "exm-1"), B.claimApproved("CL-404")]), recordedAt: stamp, clock: stamp)
    }
    #expect(ledger.files == before)
    #expect(session.state == (try ledger.state()))
    #expect(try session.append(try input([B.exam(id: "exm-1")]), recordedAt: stamp, clock: stamp).appended != nil)
    #expect(session.state == (try ledger.state()))
  }
}

extension Array where Element == UInt8 {
  fileprivate func firstIndex(of byte: UInt8, after start: Int) -> Int? { self[start...].firstIndex(of: byte) }
}
