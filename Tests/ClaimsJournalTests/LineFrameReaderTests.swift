import ClaimsDomain
import ClaimsTestSupport
import Foundation
import Testing

@testable import ClaimsJournal

/// The scan's fast frame reader against the field-by-field one: the same verdict and the same
/// frame on real lines and on lines damaged in every way a seeded run can think of.
@Suite struct LineFrameReaderTests {
  let lines: [[UInt8]]

  init() throws {
    let source = try #require(
      Bundle.module.url(forResource: "Fixtures/golden", withExtension: "journal"))
    lines = TemporaryFolder.bytes(source.path).split(separator: 0x0A).map(Array.init)
  }

  /// Compares both readers on `line`, the fast one keeping its state from earlier lines.
  func expectSameVerdict(_ line: [UInt8], _ reader: inout LineFrameReader, _ note: String) {
    let fast = line.withUnsafeBytes { reader.frame(of: $0) }
    let fresh = line.withUnsafeBytes { LineFrameReader.frame(of: $0) }
    let slow = line.withUnsafeBytes { try? LineFrame.diagnose($0).get() }
    #expect(fast == slow, "\(note): \(String(decoding: line, as: UTF8.self))")
    #expect(fresh == slow, "\(note)")
  }

  @Test func realLinesReadTheSame() {
    var reader = LineFrameReader()
    for (index, line) in lines.enumerated() {
      expectSameVerdict(line, &reader, "line \(index + 1)")
      #expect(line.withUnsafeBytes { reader.frame(of: $0) } != nil)
    }
  }

  @Test func damagedLinesReadTheSame() {
    var random = SplitMix64(seed: 0xF4A3_E5)
    var reader = LineFrameReader()
    var accepted = 0
    // Bytes that matter to a frame: digits, hex letters, quotes, the punctuation, and others.
    let alphabet = Array("0123456789abcdefABCDEFxz\"{}[],:T-.Z \u{7F}".utf8) + [0x80, 0xFF, 0x0A]
    for round in 0..<20_000 {
      var line = lines[Int(random.next() % UInt64(lines.count))]
      // Most damage within the frame (its first 150 bytes), some anywhere.
      let nearFrame = round % 4 != 0
      for _ in 0...(random.next() % 3) where !line.isEmpty {
        let reach = nearFrame ? min(150, line.count) : line.count
        let position = Int(random.next() % UInt64(reach))
        let byte = alphabet[Int(random.next() % UInt64(alphabet.count))]
        switch random.next() % 4 {
        case 0: line[position] = byte
        case 1: line.insert(byte, at: position)
        case 2: line.remove(at: position)
        default: line = Array(line[..<position])
        }
      }
      expectSameVerdict(line, &reader, "round \(round)")
      if line.withUnsafeBytes({ LineFrameReader.frame(of: $0) }) != nil { accepted += 1 }
    }
    // The damage must exercise both verdicts.
    #expect(
      accepted > 2_000 && accepted < 18_000, "\(accepted) of 20000 damaged lines kept a frame")
  }

  @Test func numbersAtTheirLimitsReadTheSame() {
    var reader = LineFrameReader()
    let text = String(decoding: lines[1], as: UTF8.self)
    for seq in ["0", "00", "01", "999999999999", "1000000000000", "", "-1"] {
      let changed = text.replacingOccurrences(of: #"{"seq":2,"#, with: #"{"seq":\#(seq),"#)
      expectSameVerdict(Array(changed.utf8), &reader, "seq \(seq)")
    }
    for batch in ["0,9", "10,9", "9,9", "1,1", "01,9", "1,09", "1,999999999999", "1,", ",9"] {
      let changed = text.replacingOccurrences(of: #""batch":[1,9]"#, with: #""batch":[\#(batch)]"#)
      expectSameVerdict(Array(changed.utf8), &reader, "batch \(batch)")
    }
    // The shortest frame there can be, and one byte less.
    let shortest =
      #"{"seq":1,"recorded":"2024-03-01T10:00:00.000Z","prev":""#
      + String(repeating: "0", count: 64) + #"","batch":[1,1],}"#
    expectSameVerdict(Array(shortest.utf8), &reader, "shortest")
    #expect(Array(shortest.utf8).withUnsafeBytes { LineFrameReader.frame(of: $0) } != nil)
    expectSameVerdict(Array(shortest.utf8.dropLast()), &reader, "shortest, cut")
  }
}
