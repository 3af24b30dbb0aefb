import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsTestSupport
import Testing

/// Imports hand batches to a background thread (`appendWithoutWaiting`) and wait once at the
/// end: the journal must be the one that waiting after every batch writes, and every refusal
/// and disk failure must leave only whole, acknowledged-or-not batches.
@Suite struct AppendWithoutWaitingTests {
  typealias B = Bureau

  /// Attendance batches for the bureau's class, one day each, with stamps a day apart.
  static let batches: [(lines: [String], at: String)] = (10...19).map { day in
    (
      [B.attendance(B.trainee1, id: "att-a-\(day)", date: "2024-09-\(day)"),
       B.attendance(B.trainee2, id: "att-b-\(day)", date: "2024-09-\(day)", hours: day % 8 + 1)],
      "2024-09-\(day)T10:00:00.000Z"
    )
  }

  static func input(_ lines: [String]) throws -> [InputEvent] {
    try AppendInput.parse(Array(lines.joined(separator: "\n").utf8))
  }

  @Test func theJournalIsTheOneThatWaitingAfterEveryBatchWrites() throws {
    let waited = try LedgerFixture()
    let pipelined = try LedgerFixture()
    var waitedRanges: [ClosedRange<Int>?] = []
    for batch in Self.batches { waitedRanges.append(try waited.append(batch.lines, at: batch.at).appended) }

    let session = try AppendSession(path: pipelined.path, clock: Timestamp(Bureau.setupAt)!)
    var ranges: [ClosedRange<Int>?] = []
    for batch in Self.batches {
      let stamp = Timestamp(batch.at)!
      ranges.append(try session.appendWithoutWaiting(Self.input(batch.lines), recordedAt: stamp, clock: stamp).appended)
    }
    try session.waitUntilDurable()

    #expect(ranges == waitedRanges)
    #expect(pipelined.files == waited.files)
    let snapshot = try JournalSnapshot.read(path: pipelined.path)
    #expect(snapshot.scan.head == .matches)
    #expect(snapshot.scan.lineCount == waitedRanges.last!!.upperBound)
  }

  @Test func anIdFromAnEarlierBatchOfTheSessionIsADuplicateOrAConflict() throws {
    let ledger = try LedgerFixture()
    let session = try AppendSession(path: ledger.path, clock: Timestamp(Bureau.setupAt)!)
    let stamp = Timestamp(Bureau.laterAt)!
    let first = try session.appendWithoutWaiting(
      Self.input([B.exam(id: "exm-1"), B.claimSubmitted()]), recordedAt: stamp, clock: stamp)
    // The journal's lines are read again from the file (the writer keeps none after appending).
    let again = try session.appendWithoutWaiting(
      Self.input([B.claimSubmitted(), B.attendance(id: "att-x")]), recordedAt: stamp, clock: stamp)
    #expect(again.duplicates.map(\.id) == ["clm-1"])
    #expect(again.duplicates.map(\.seq) == [first.appended!.upperBound])
    #expect(again.appended == (first.appended!.upperBound + 1)...(first.appended!.upperBound + 1))

    let conflicting = B.exam(id: "exm-1", passed: false)
    #expect(throws: AppendError.self) {
      try session.appendWithoutWaiting(
        Self.input([B.attendance(id: "att-y", date: "2024-09-11"), conflicting]), recordedAt: stamp, clock: stamp)
    }
    // The refused batch left nothing, in the journal or in the session's state.
    let journalLines = try JournalSnapshot.read(path: ledger.path).scan.lineCount
    #expect(journalLines == again.appended!.upperBound)
    #expect(session.state.lastSeq == journalLines)
    #expect(session.state.events["att-y"] == nil)
    let next = try session.appendWithoutWaiting(
      Self.input([B.attendance(id: "att-y", date: "2024-09-11")]), recordedAt: stamp, clock: stamp)
    try session.waitUntilDurable()
    #expect(next.appended == (journalLines + 1)...(journalLines + 1))
    #expect(try JournalSnapshot.read(path: ledger.path).scan.head == .matches)
  }

  @Test(arguments: [300, 2_000, 5_000])
  func aFullDiskStopsTheImportWithWholeBatchesOnly(bytesBeforeFull: Int) throws {
    let ledger = try LedgerFixture()
    let linesBefore = try JournalSnapshot.read(path: ledger.path).scan.lineCount
    let (handedOver, failure) = try importUntilTheDiskIsFull(ledger, bytesBeforeFull: bytesBeforeFull)
    #expect(failure?.description.contains("No space left on device") == true, "\(String(describing: failure))")
    // What reached the disk is a prefix of whole batches: no tail, the head at the end or, when
    // the head's replacement was what failed, one batch behind.
    let snapshot = try JournalSnapshot.read(path: ledger.path)
    #expect(snapshot.scan.tail == nil)
    let ends = [linesBefore] + handedOver.map(\.upperBound)
    #expect(ends.contains(snapshot.scan.lineCount))
    let end = ends.firstIndex(of: snapshot.scan.lineCount) ?? 0
    switch snapshot.scan.head {
    case .matches: break
    case .oneBatchBehind(let seq): #expect(end > 0 && seq == ends[end - 1])
    case .missing: Issue.record("the head is gone")
    }
    // The import stopped before its end: the last batch handed over may be on the disk (when
    // what failed was its head) or not.
    #expect(snapshot.scan.lineCount <= handedOver.last!.upperBound)
    #expect(snapshot.scan.lineCount < linesBefore + Self.batches.reduce(0) { $0 + $1.lines.count })
    // The next command's session appends after what is there.
    let report = try ledger.append([B.attendance(id: "att-z", date: "2024-09-20")], at: "2024-09-30T10:00:00.000Z")
    #expect(report.appended == (snapshot.scan.lineCount + 1)...(snapshot.scan.lineCount + 1))
  }

  /// Appends the batches without waiting on a disk that fills after `bytesBeforeFull` bytes;
  /// returns the seqs handed over and the failure. The session (and its lock) ends here.
  func importUntilTheDiskIsFull(_ ledger: LedgerFixture, bytesBeforeFull: Int) throws
    -> (handedOver: [ClosedRange<Int>], failure: AppendError?)
  {
    let session = try AppendSession(path: ledger.path, clock: Timestamp(Bureau.setupAt)!)
    var handedOver: [ClosedRange<Int>] = []
    var failure: AppendError?
    FileFaults.inject(FileFaults(diskFullAfter: bytesBeforeFull)) {
      do {
        for batch in Self.batches {
          let stamp = Timestamp(batch.at)!
          let report = try session.appendWithoutWaiting(Self.input(batch.lines), recordedAt: stamp, clock: stamp)
          if let seqs = report.appended { handedOver.append(seqs) }
        }
        try session.waitUntilDurable()
      } catch let error as AppendError { failure = error } catch { Issue.record("unexpected \(error)") }
    }
    // The session does not go on after a disk failure, even with room on the disk again.
    let stamp = Timestamp("2024-09-30T10:00:00.000Z")!
    #expect(throws: AppendError.self) {
      try session.append(Self.input([B.attendance(id: "att-z", date: "2024-09-20")]), recordedAt: stamp, clock: stamp)
    }
    return (handedOver, failure)
  }
}
