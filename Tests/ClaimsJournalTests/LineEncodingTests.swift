import ClaimsDomain
import ClaimsJournal
import ClaimsTestSupport
import Foundation
import Testing

/// The append path's encoder (`JournalLine.encodeBatch`: the frame, the event's fields staged on
/// the stack, each line's hash chained into the next) must write the ledger's lines byte for
/// byte: every batch of the demo journal, decoded and encoded again, is the same bytes. So must
/// the append's fact lane, which hands over enrolment, attendance and exam lines in the
/// canonical form and has them copied, not encoded.
@Suite struct LineEncodingTests {
  @Test func everyBatchOfTheDemoJournalEncodesToItsOwnBytes() throws {
    var batch: [(frame: LineFrame, bytes: [UInt8])] = []
    var batches = 0
    var canonicalLines = 0
    try JournalSnapshot.read(path: CanonicalDecodingTests.demoJournal).forEachLine { frame, line in
      batch.append((frame, Array(line)))
      guard frame.endsBatch else { return }
      defer { batch.removeAll(keepingCapacity: true) }
      batches += 1
      let events = try batch.map { line in
        try line.bytes.withUnsafeBytes { try JournalLine.decodeEvent($0, frame: line.frame) }
      }
      let first = batch[0]
      let previous = first.bytes.withUnsafeBytes { line in
        SHA256Digest(hex: String(decoding: line[first.frame.prevOffset..<(first.frame.prevOffset + 64)], as: UTF8.self))!
      }
      // The fact lines as an input line would carry them: `{`, then the line's fields as written.
      let canonical = zip(batch, events).map { line, event -> BatchEvent in
        let isFact = line.bytes.withUnsafeBytes { FactLine.read($0, bodyOffset: line.frame.bodyOffset) != nil }
        return isFact ? .canonical(ArraySlice([0x7B] + line.bytes[line.frame.bodyOffset...])) : .event(event)
      }
      canonicalLines += canonical.filter { if case .canonical = $0 { true } else { false } }.count
      let expected: [UInt8] = batch.flatMap { line -> [UInt8] in line.bytes + [0x0A] }
      for items in [events.map(BatchEvent.event), canonical] {
        let (bytes, lastHash) = JournalLine.encodeBatch(
          items, firstSeq: first.frame.seq, recorded: first.frame.recorded, previous: previous)
        #expect(bytes == expected, "batch ending at line \(frame.seq)")
        #expect(lastHash == SHA256.hash(batch.last!.bytes))
      }
    }
    #expect(batches > 100)
    #expect(canonicalLines > 500)
  }
}
