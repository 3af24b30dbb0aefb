import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsTestSupport
import Testing

/// `JOURNAL.head` is two slots written in turn in place. A write torn by a crash spoils only the
/// slot being written: the other holds the head one batch behind, which is reported and fixed.
@Suite struct JournalHeadTests {
  typealias B = Bureau
  static let slotSize = 4096

  /// The slot that holds the higher seq, and the seqs in both (nil for a slot without a valid line).
  func slots(_ ledger: LedgerFixture) -> [Int?] {
    let bytes = TemporaryFolder.bytes(JournalHead.path(forJournal: ledger.path))
    #expect(bytes.count == 2 * Self.slotSize)
    return (0..<2).map { slot in
      let region = bytes[(slot * Self.slotSize)..<((slot + 1) * Self.slotSize)]
      let line = String(decoding: region.prefix { $0 != 0x0A }, as: UTF8.self)
      guard line.contains("\"check\"") else { return nil }
      return Int(line.split(separator: ",")[0].dropFirst("{\"seq\":".count))
    }
  }

  @Test func appendsWriteTheSlotsInTurnAndTheHigherSeqIsTheHead() throws {
    let ledger = try LedgerFixture()
    let afterSetup = try JournalSnapshot.read(path: ledger.path).scan.lineCount
    var seen = [slots(ledger)]
    try ledger.append([B.attendance(id: "att-1", date: "2024-09-10")])
    seen.append(slots(ledger))
    try ledger.append([B.attendance(id: "att-2", date: "2024-09-11")])
    seen.append(slots(ledger))
    // Each append writes the slot that did not hold the head, so the one before stays.
    #expect(seen[1].contains(afterSetup) && seen[1].contains(afterSetup + 1))
    #expect(seen[2].contains(afterSetup + 1) && seen[2].contains(afterSetup + 2))
    #expect(try JournalHead.read(forJournal: ledger.path)?.seq == afterSetup + 2)
    #expect(try JournalSnapshot.read(path: ledger.path).scan.head == .matches)
  }

  /// Spoils the slot holding the newest head at `offset` within its line, as a torn write would.
  func tear(_ ledger: LedgerFixture, at offset: Int) throws {
    let path = JournalHead.path(forJournal: ledger.path)
    var bytes = TemporaryFolder.bytes(path)
    let newest = slots(ledger).enumerated().max { ($0.element ?? 0) < ($1.element ?? 0) }!.offset
    bytes[newest * Self.slotSize + offset] ^= 0x01
    TemporaryFolder.writeBytes(path, bytes)
  }

  @Test(arguments: [1, 10, 40, 100, 150])
  func aTornNewestSlotLeavesTheHeadOneBatchBehindAndTheNextAppendFixesIt(offset: Int) throws {
    let ledger = try LedgerFixture()
    let before = try JournalSnapshot.read(path: ledger.path).scan.lineCount
    try ledger.append([B.attendance(id: "att-1", date: "2024-09-10"), B.attendance(id: "att-2", date: "2024-09-11")])
    try tear(ledger, at: offset)
    #expect(try JournalSnapshot.read(path: ledger.path).scan.head == .oneBatchBehind(headSeq: before))
    let report = try ledger.append([B.attendance(id: "att-3", date: "2024-09-12")])
    #expect(report.notices.contains { $0.contains("one batch behind") })
    #expect(try JournalSnapshot.read(path: ledger.path).scan.head == .matches)
    #expect(try JournalHead.read(forJournal: ledger.path)?.seq == before + 3)
  }

  @Test func aHeadFileWithNoValidSlotIsAnIntegrityError() throws {
    let ledger = try LedgerFixture()
    let path = JournalHead.path(forJournal: ledger.path)
    TemporaryFolder.writeBytes(path, Array(repeating: 0x0A, count: 2 * Self.slotSize))
    #expect(throws: JournalError.integrity(line: nil, reason: "\(path) is not a valid head file")) {
      try JournalSnapshot.read(path: ledger.path)
    }
  }

  /// A slot whose `check` does not match its values is not a head: a head edited by hand to
  /// claim more lines is not believed, and the other slot's head (line 1) is found behind.
  @Test func aSlotWhoseCheckDoesNotMatchIsIgnored() throws {
    let ledger = try LedgerFixture()
    let lines = try JournalSnapshot.read(path: ledger.path).scan.lineCount
    let path = JournalHead.path(forJournal: ledger.path)
    let text = String(decoding: TemporaryFolder.bytes(path), as: UTF8.self)
    TemporaryFolder.writeBytes(path, Array(text.replacingOccurrences(of: "{\"seq\":\(lines),", with: "{\"seq\":\(lines + 5),").utf8))
    #expect(try JournalSnapshot.read(path: ledger.path).scan.head == .oneBatchBehind(headSeq: 1))
  }

  /// The first format, one line replaced by rename, is still read; the next append writes the
  /// two slots.
  @Test func aOneLineHeadIsReadAndTheNextAppendWritesTwoSlots() throws {
    let ledger = try LedgerFixture()
    let head = try #require(try JournalHead.read(forJournal: ledger.path))
    let path = JournalHead.path(forJournal: ledger.path)
    TemporaryFolder.writeBytes(path, Array("{\"seq\":\(head.seq),\"sha256\":\"\(head.lastLineHash.hex)\"}\n".utf8))
    #expect(try JournalSnapshot.read(path: ledger.path).scan.head == .matches)
    try ledger.append([B.attendance(id: "att-1", date: "2024-09-10")])
    #expect(slots(ledger).compactMap { $0 } == [head.seq + 1])
    #expect(try JournalSnapshot.read(path: ledger.path).scan.head == .matches)
  }
}
