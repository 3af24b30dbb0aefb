import ClaimsDomain
@testable import ClaimsLedger
import Testing

/// Values by the line that made them (`LineTable`) against a dictionary of the same lines: the
/// lookups, and the bytes they are saved as.
@Suite struct LineTableTests {
  @Test func findsWhatADictionaryFinds() throws {
    var table = LineTable<String>()
    var model: [Int: String] = [:]
    var random = SplitMix64(seed: 0x11E5)
    var seq = 0
    for _ in 0..<2_000 {
      seq += Int(random.next() % 5) + 1
      table.append("enr-\(seq)", at: seq)
      model[seq] = "enr-\(seq)"
    }
    #expect(table.count == model.count)
    // Every line up to past the last: held ones found, the gaps between them not.
    for line in 0...(seq + 3) { #expect(table[line] == model[line], "line \(line)") }
    #expect(Dictionary(uniqueKeysWithValues: table.pairs.map { ($0.key, $0.value) }) == model)

    // Saved as its lines and its values, in journal order, in both codings, and read back equal.
    struct Saved: Encodable { var seqs: [Int]; var values: [String] }
    let saved = try BinaryEncoder().encode(table)
    #expect(saved == (try BinaryEncoder().encode(Saved(seqs: model.keys.sorted(), values: model.keys.sorted().map { model[$0]! }))))
    #expect(saved == (try BinaryEncoder(fastPaths: false).encode(table)))
    #expect(try BinaryDecoder().decode(LineTable<String>.self, from: saved) == table)
    #expect(try BinaryDecoder(fastPaths: false).decode(LineTable<String>.self, from: saved) == table)
  }

  /// A saved table whose lines do not rise (a line twice, or out of order), or whose values
  /// are not one a line, could not have come from a journal: refused, both ways.
  @Test func linesThatDoNotRiseAreRefused() throws {
    struct Saved: Encodable { var seqs: [Int]; var values: [String] }
    for bad in [Saved(seqs: [3, 3], values: ["a", "b"]), Saved(seqs: [5, 2], values: ["a", "b"]), Saved(seqs: [1, 2], values: ["a"])] {
      let bytes = try BinaryEncoder().encode(bad)
      #expect(throws: BinaryDecodingError.self) { try BinaryDecoder().decode(LineTable<String>.self, from: bytes) }
      #expect(throws: BinaryDecodingError.self) { try BinaryDecoder(fastPaths: false).decode(LineTable<String>.self, from: bytes) }
    }
    let good = try BinaryEncoder().encode(Saved(seqs: [1, 4], values: ["a", "b"]))
    #expect(try BinaryDecoder().decode(LineTable<String>.self, from: good)[4] == "b")
  }
}
