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

    // Saved as the dictionary, in both codings, and read back equal (the dictionary's bytes
    // list the lines in the order of their bytes, not in journal order).
    let saved = try BinaryEncoder().encode(table)
    #expect(saved == (try BinaryEncoder().encode(model)))
    #expect(saved == (try BinaryEncoder(fastPaths: false).encode(table)))
    #expect(try BinaryDecoder().decode(LineTable<String>.self, from: saved) == table)
    #expect(try BinaryDecoder(fastPaths: false).decode(LineTable<String>.self, from: saved) == table)
  }

  /// A saved table that names a line twice could not have come from a journal: refused.
  @Test func aLineTwiceIsRefused() throws {
    let one = try BinaryEncoder().encode([5: "a"])
    #expect(one.first == 1, "the count is the first byte")
    // That dictionary of one pair, its count made two and the pair repeated.
    let twice: [UInt8] = [2] + one.dropFirst() + one.dropFirst()
    #expect(throws: BinaryDecodingError.self) { try BinaryDecoder().decode(LineTable<String>.self, from: twice) }
  }
}
