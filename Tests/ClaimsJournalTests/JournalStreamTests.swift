import ClaimsDomain
import ClaimsTestSupport
import Foundation
import Testing

@testable import ClaimsJournal

/// `JournalSnapshot.stream` against `read`: the same scan, end point, warnings and errors on
/// good and damaged journals, with chunks small enough that lines and batches straddle them.
@Suite struct JournalStreamTests {
  /// Chunk sizes: lines (about 320 bytes) and batches (up to 9 lines) straddle the first two.
  static let chunkSizes = [64, 1000, JournalSnapshot.streamChunkBytes]

  /// What a reader learns from a journal, whichever way it was read.
  struct Outcome: Equatable {
    var scan: JournalScan
    var endPoint: ChainPoint?
    var warnings: [String]
  }

  /// A copy of the golden journal (42 lines in batches of 1 to 9) in a temporary folder.
  final class GoldenCopy {
    let folder = TemporaryFolder()
    let path: String
    let original: [UInt8]
    let originalHead: [UInt8]
    /// Where each line starts; the last entry is the end of the file.
    let lineStarts: [Int]

    init() throws {
      path = folder.path("golden.journal")
      let source = try #require(
        Bundle.module.url(forResource: "Fixtures/golden", withExtension: "journal"))
      let bytes = TemporaryFolder.bytes(source.path)
      original = bytes
      originalHead = TemporaryFolder.bytes(source.path + ".head")
      lineStarts = [0] + bytes.indices.filter { bytes[$0] == 0x0A }.map { $0 + 1 }
      restore()
    }

    func restore() {
      TemporaryFolder.writeBytes(path, original)
      TemporaryFolder.writeBytes(path + ".head", originalHead)
    }

    /// The bytes of line `n` (1-based), without its newline.
    func line(_ n: Int) -> [UInt8] { Array(original[lineStarts[n - 1]..<(lineStarts[n] - 1)]) }

    /// Keeps the first `byteCount` bytes and points the head at line `headSeq`, as a crash
    /// between the journal's write and the head's replacement would leave them.
    func crash(keeping byteCount: Int, headAt headSeq: Int) throws {
      TemporaryFolder.writeBytes(path, Array(original[..<byteCount]))
      try JournalHead(seq: headSeq, lastLineHash: SHA256.hash(line(headSeq))).write(
        forJournal: path)
    }
  }

  func readOutcome(_ path: String, after point: ChainPoint? = nil) -> Result<Outcome?, JournalError>
  {
    Result { () throws(JournalError) -> Outcome? in
      let snapshot: JournalSnapshot?
      if let point {
        snapshot = try JournalSnapshot.read(path: path, resumingAfter: point)
      } else {
        snapshot = try JournalSnapshot.read(path: path)
      }
      return snapshot.map { Outcome(scan: $0.scan, endPoint: $0.endPoint, warnings: $0.warnings) }
    }
  }

  /// The stream's outcome, and the lines its body saw, in order.
  func streamOutcome(_ path: String, after point: ChainPoint? = nil, chunk: Int, threads: Int = 1)
    -> (Result<Outcome?, JournalError>, lines: [[UInt8]], frames: [LineFrame])
  {
    var lines: [[UInt8]] = []
    var frames: [LineFrame] = []
    let result = Result { () throws(JournalError) -> Outcome? in
      let end = try JournalSnapshot.stream(
        path: path, resumingAfter: point, threads: threads, chunkBytes: chunk
      ) { frame, line in
        lines.append(Array(line))
        frames.append(frame)
      }
      return end.map { Outcome(scan: $0.scan, endPoint: $0.endPoint, warnings: $0.warnings) }
    }
    return (result, lines, frames)
  }

  /// Checks that stream and read agree at every chunk size, and that the stream's body saw
  /// exactly the lines of the complete prefix (after `point`), split from the file's bytes.
  func expectAgreement(
    _ path: String, after point: ChainPoint? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let expected = readOutcome(path, after: point)
    let bytes = TemporaryFolder.bytes(path)
    for chunk in Self.chunkSizes {
      for threads in [1, 2] {
        let (outcome, lines, frames) = streamOutcome(
          path, after: point, chunk: chunk, threads: threads)
        #expect(
          outcome == expected, "chunk \(chunk), threads \(threads)", sourceLocation: sourceLocation)
        // Each frame is the one its line carries.
        #expect(
          frames == lines.map { line in line.withUnsafeBytes { try? LineFrame.parse($0).get() } })
        switch outcome {
        case .success(let end?):
          let from = point?.endOffset ?? 0
          let complete = bytes[from..<end.scan.completeLength].split(
            separator: 0x0A, omittingEmptySubsequences: false
          ).dropLast().map(Array.init)
          #expect(
            lines == complete, "chunk \(chunk): the body saw other lines",
            sourceLocation: sourceLocation)
        case .success(nil):
          #expect(lines.isEmpty, sourceLocation: sourceLocation)
        case .failure(let error):
          // Only whole batches before the broken line were seen.
          if case .integrity(let line?, _) = error {
            #expect(
              frames.allSatisfy { $0.seq < line }, "chunk \(chunk)", sourceLocation: sourceLocation)
          }
          #expect(frames.last?.endsBatch ?? true, "chunk \(chunk)", sourceLocation: sourceLocation)
        }
      }
    }
  }

  @Test func aGoodJournalStreamsAsItReads() throws {
    let copy = try GoldenCopy()
    let outcome = try readOutcome(copy.path).get()
    #expect(outcome?.scan.lineCount == 42 && outcome?.scan.tail == nil)
    expectAgreement(copy.path)
    let (_, lines, _) = streamOutcome(copy.path, chunk: 64)
    #expect(lines == (1...42).map { copy.line($0) })
  }

  @Test func aTornTailIsReportedAndNeverDelivered() throws {
    let copy = try GoldenCopy()
    // The last batch is lines 39-42; cut inside line 41, head still at line 38.
    try copy.crash(keeping: copy.lineStarts[40] + 100, headAt: 38)
    let outcome = try #require(try readOutcome(copy.path).get())
    #expect(outcome.scan.lineCount == 38 && outcome.scan.tail?.firstLine == 39)
    expectAgreement(copy.path)
    // Whole lines of a batch that never ends are a tail too.
    try copy.crash(keeping: copy.lineStarts[40], headAt: 38)
    #expect(
      try readOutcome(copy.path).get()?.scan.tail?.reason.contains("2 of a batch of 4") == true)
    expectAgreement(copy.path)
    // Garbage after the last batch.
    copy.restore()
    TemporaryFolder.writeBytes(copy.path, copy.original + Array("{\"seq\":43,\"rec\n{\"se".utf8))
    expectAgreement(copy.path)
  }

  @Test func aFlippedByteInTheMiddleIsTheSameErrorEitherWay() throws {
    let copy = try GoldenCopy()
    // In line 20's body, line 20's frame, and line 1.
    for position in [copy.lineStarts[19] + 200, copy.lineStarts[19] + 8, 100] {
      var bytes = copy.original
      bytes[position] ^= 0x04
      TemporaryFolder.writeBytes(copy.path, bytes)
      guard case .failure(.integrity) = readOutcome(copy.path) else {
        Issue.record("flipping byte \(position) went unnoticed")
        continue
      }
      expectAgreement(copy.path)
    }
  }

  @Test func aBrokenChainIsTheSameErrorEitherWay() throws {
    let copy = try GoldenCopy()
    var lines = copy.original.split(separator: 0x0A, omittingEmptySubsequences: false).map(
      Array.init)
    lines.swapAt(4, 5)  // lines 5 and 6
    TemporaryFolder.writeBytes(copy.path, Array(lines.joined(separator: [0x0A])))
    #expect(throws: JournalError.self) { try readOutcome(copy.path).get() }
    expectAgreement(copy.path)
    // A line that is no journal line, with complete batches after it: damage, not a crash. The
    // search for a later batch reads on through the chunks.
    lines = copy.original.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    lines[29] = Array("not a journal line".utf8)
    TemporaryFolder.writeBytes(copy.path, Array(lines.joined(separator: [0x0A])))
    guard case .failure(.integrity(30, let reason)) = readOutcome(copy.path) else {
      Issue.record(
        "a non-journal line before complete batches was not an integrity error at line 30")
      return
    }
    #expect(reason.contains("a complete batch follows"))
    expectAgreement(copy.path)
  }

  @Test func aHeadBehindOrMissingIsReportedTheSame() throws {
    let copy = try GoldenCopy()
    try copy.crash(keeping: copy.original.count, headAt: 38)
    #expect(try readOutcome(copy.path).get()?.scan.head == .oneBatchBehind(headSeq: 38))
    expectAgreement(copy.path)
    // Two batches behind is an integrity error.
    try copy.crash(keeping: copy.original.count, headAt: 35)
    #expect(throws: JournalError.self) { try readOutcome(copy.path).get() }
    expectAgreement(copy.path)
    // A head that names a changed last line.
    try JournalHead(seq: 42, lastLineHash: SHA256.hash(copy.line(41))).write(forJournal: copy.path)
    #expect(throws: JournalError.self) { try readOutcome(copy.path).get() }
    expectAgreement(copy.path)
    try FileManager.default.removeItem(atPath: copy.path + ".head")
    #expect(try readOutcome(copy.path).get()?.scan.head == .missing)
    expectAgreement(copy.path)
  }

  @Test func aResumedStreamReadsOnlyTheLinesAfterItsPoint() throws {
    let copy = try GoldenCopy()
    try copy.crash(keeping: copy.lineStarts[38], headAt: 38)
    let point = try #require(try readOutcome(copy.path).get()?.endPoint)
    // The stream's own end point is the same point.
    #expect(try streamOutcome(copy.path, chunk: 64).0.get()?.endPoint == point)
    #expect(
      point.seq == 38 && point.lineOffset == copy.lineStarts[37]
        && point.endOffset == copy.lineStarts[38])
    copy.restore()
    let resumed = try #require(try readOutcome(copy.path, after: point).get())
    #expect(resumed.scan.lineCount == 42)
    expectAgreement(copy.path, after: point)
    let (_, lines, _) = streamOutcome(copy.path, after: point, chunk: 64)
    #expect(lines == (39...42).map { copy.line($0) })
    // Resumed at the last line: nothing after it, and no end point.
    let last = try #require(try readOutcome(copy.path).get()?.endPoint)
    expectAgreement(copy.path, after: last)
    let atEnd = try #require(try streamOutcome(copy.path, after: last, chunk: 64).0.get())
    #expect(atEnd.endPoint == nil && atEnd.scan.lineCount == 42)
  }

  @Test func aPointThatNoLongerMatchesGivesNil() throws {
    let copy = try GoldenCopy()
    let point = try #require(try readOutcome(copy.path).get()?.endPoint)
    // The point's line changed.
    var bytes = copy.original
    bytes[point.lineOffset + 150] ^= 0x01
    TemporaryFolder.writeBytes(copy.path, bytes)
    #expect(try readOutcome(copy.path, after: point).get() == nil)
    expectAgreement(copy.path, after: point)
    // The file is shorter than the point.
    try copy.crash(keeping: copy.lineStarts[38], headAt: 38)
    #expect(try readOutcome(copy.path, after: point).get() == nil)
    expectAgreement(copy.path, after: point)
  }

  @Test func aHeadOlderThanThePointGivesNil() throws {
    let copy = try GoldenCopy()
    let point = try #require(try readOutcome(copy.path).get()?.endPoint)
    try copy.crash(keeping: copy.original.count, headAt: 38)
    #expect(try readOutcome(copy.path, after: point).get() == nil)
    expectAgreement(copy.path, after: point)
  }

  @Test func anErrorFromTheBodyStopsTheStream() throws {
    let copy = try GoldenCopy()
    var seen: [Int] = []
    let stop = JournalError.integrity(line: 12, reason: "the reader refuses line 12")
    #expect(throws: stop) {
      try JournalSnapshot.stream(path: copy.path, resumingAfter: nil, threads: 1, chunkBytes: 64) {
        (frame, _) throws(JournalError) in
        seen.append(frame.seq)
        if frame.seq == 12 { throw stop }
      }
    }
    #expect(seen == Array(1...12))
  }

  @Test func aMissingOrEmptyFileIsTheSameErrorEitherWay() throws {
    let folder = TemporaryFolder()
    expectAgreement(folder.path("nothing.journal"))
    expectAgreement(folder.write("empty.journal", ""))
    expectAgreement(folder.write("torn.journal", "{\"seq\":1,"))
  }
}
