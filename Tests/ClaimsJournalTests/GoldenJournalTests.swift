import ClaimsDomain
import ClaimsJournal
import Foundation
import Testing

/// The golden journal was written by an early version of the ledger. It is the format's
/// contract: it must verify, and every line must decode and re-encode to the same bytes, for as
/// long as format 1 lives. Never regenerate it to make this test pass.
@Suite struct GoldenJournalTests {
  var path: String {
    get throws {
      try #require(Bundle.module.url(forResource: "Fixtures/golden", withExtension: "journal")).path
    }
  }

  @Test func theGoldenJournalStillVerifies() throws {
    let snapshot = try JournalSnapshot.read(path: try path)
    #expect(snapshot.scan.lineCount == 42)
    #expect(snapshot.scan.head == .matches)
    #expect(snapshot.scan.lastHash.hex == "cdc4abf932e7f8bbbcd6af0d4a9ac76198419e208930cbe650210e3b32b9f558")
  }

  @Test func everyGoldenLineDecodesAndEncodesToTheSameBytes() throws {
    let snapshot = try JournalSnapshot.read(path: try path)
    var types: Set<EventType> = []
    var previous = SHA256Digest.zero
    try snapshot.forEachLine { frame, bytes in
      let line = try JournalLine.decode(bytes, frame: frame)
      types.insert(line.event.type)
      let encoded = JournalLine.encode(
        line.event, seq: frame.seq, recorded: frame.recorded, prev: previous,
        batchIndex: frame.batchIndex, batchCount: frame.batchCount)
      #expect(encoded == Array(bytes), "line \(frame.seq)")
      previous = SHA256.hash(bytes)
    }
    #expect(types.count == EventType.allCases.count)
  }
}
