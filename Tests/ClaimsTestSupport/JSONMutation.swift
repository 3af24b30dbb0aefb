import ClaimsDomain

/// Seeded damage to JSON text, for differential tests of the readers.
public enum JSONMutation {
  /// `text` with 1…`edits` random insertions, deletions or replacements of JSON's structural
  /// characters and a few bytes that need a look (a control character, broken UTF-8).
  public static func mutated(_ text: String, edits: Int, _ random: inout SplitMix64) -> [UInt8] {
    let alphabet = Array(#"{}[]",:\ u0 1-e.tfn"#.utf8) + [0x01, 0xE4, 0xB8, 0xFF]
    var bytes = Array(text.utf8)
    for _ in 0..<(1 + Int(random.next() % UInt64(edits))) {
      let at = Int(random.next() % UInt64(bytes.count))
      let byte = alphabet[Int(random.next() % UInt64(alphabet.count))]
      switch random.next() % 3 {
      case 0: bytes.insert(byte, at: at)
      case 1: bytes.remove(at: at)
      default: bytes[at] = byte
      }
      if bytes.isEmpty { bytes = [0x7B] }
    }
    return bytes
  }
}
