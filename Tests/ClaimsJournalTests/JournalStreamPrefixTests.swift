import ClaimsDomain
import ClaimsJournal
import ClaimsTestSupport
import Testing

/// `JournalSnapshot.streamPrefix`: the lines of `stream` until the reader says stop, and none
/// after.
@Suite struct JournalStreamPrefixTests {
  @Test func stopsWhereTheReaderSaysAndEndsOtherwise() throws {
    let ledger = try LedgerFixture()
    let lines = try JournalSnapshot.read(path: ledger.path).scan.lineCount
    #expect(lines > 4)

    var seen: [Int] = []
    let stopped = try JournalSnapshot.streamPrefix(path: ledger.path) { frame, _ in
      seen.append(frame.seq)
      return frame.seq < 3
    }
    guard case .stopped = stopped else { Issue.record("expected a stop, got \(stopped)"); return }
    #expect(seen == [1, 2, 3])

    seen = []
    let ended = try JournalSnapshot.streamPrefix(path: ledger.path) { frame, _ in
      seen.append(frame.seq)
      return true
    }
    guard case .ended(let end) = ended else { Issue.record("expected the end, got \(ended)"); return }
    #expect(seen == Array(1...lines))
    #expect(end.scan.lineCount == lines)

    // From a point: only the lines after it; a point the journal does not hold reads nothing.
    let point = try #require(end.endPoint)
    try ledger.append([Bureau.exam(id: "exm-1")])
    seen = []
    let resumed = try JournalSnapshot.streamPrefix(path: ledger.path, resumingAfter: point) { frame, _ in
      seen.append(frame.seq)
      return true
    }
    guard case .ended = resumed else { Issue.record("expected the end, got \(resumed)"); return }
    #expect(seen == [lines + 1])
    var moved = point
    moved.lineOffset += 1
    let gone = try JournalSnapshot.streamPrefix(path: ledger.path, resumingAfter: moved) { _, _ in
      Issue.record("no line should be read")
      return true
    }
    guard case .pointGone = gone else { Issue.record("expected the point gone, got \(gone)"); return }
  }

  /// An error of the journal itself still comes through (the stop is not mistaken for one).
  @Test func aDamagedLineIsStillAnError() throws {
    let ledger = try LedgerFixture()
    var bytes = TemporaryFolder.bytes(ledger.path)
    bytes[bytes.firstIndex(of: 0x0A)! - 20] ^= 0x01  // inside line 1
    TemporaryFolder.writeBytes(ledger.path, bytes)
    #expect(throws: JournalError.self) {
      _ = try JournalSnapshot.streamPrefix(path: ledger.path) { _, _ in true }
    }
  }
}
