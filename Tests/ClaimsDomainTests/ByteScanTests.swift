@testable import ClaimsDomain
import Testing

/// The word-at-a-time tests the canonical reader skips text with, held to their byte-by-byte
/// definitions: every byte value at every position of a word, and random words.
@Suite struct ByteScanTests {
  static func isIdentifierByte(_ byte: UInt8) -> Bool { (0x21...0x7E).contains(byte) && byte != 0x22 && byte != 0x5C }

  static func word(_ bytes: [UInt8]) -> UInt64 {
    bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
  }

  @Test func anIdentifierWordHoldsOnlyVisibleASCIIOtherThanQuoteAndBackslash() {
    for byte in UInt8.min...UInt8.max {
      for position in 0..<8 {
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
        bytes[position] = byte
        #expect(JSONParser.isPlainIdentifier(Self.word(bytes)) == Self.isIdentifierByte(byte), "byte \(byte) at \(position)")
      }
    }
    var random = SplitMix64(seed: 2024)
    for _ in 0..<100_000 {
      // Mostly visible ASCII, so that words of every verdict come up.
      let bytes = (0..<8).map { _ in UInt8(truncatingIfNeeded: random.next() % 8 == 0 ? random.next() : 0x21 + random.next() % 94) }
      #expect(JSONParser.isPlainIdentifier(Self.word(bytes)) == bytes.allSatisfy(Self.isIdentifierByte))
    }
  }

  @Test func sameBytesComparesEveryByteOfEveryLength() {
    for length in 0...40 {
      let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
      bytes.withUnsafeBytes { original in
        #expect(original.sameBytes(as: original))
        for position in 0..<length {
          var changed = bytes
          changed[position] ^= 0x01
          changed.withUnsafeBytes { #expect(!original.sameBytes(as: $0), "length \(length), byte \(position)") }
        }
        (bytes + [0]).withUnsafeBytes { #expect(!original.sameBytes(as: $0)) }
      }
    }
  }

  /// `bytesPrecede` orders as the generic `lexicographicallyPrecedes` does: random byte strings of
  /// every length to 40, many sharing prefixes, bytes above 0x7F included.
  @Test func bytesPrecedeOrdersAsTheGenericComparison() {
    var random = SplitMix64(seed: 0xB17E5)
    let strings = (0..<3_000).map { index -> [UInt8] in
      let length = Int(random.next() % 41)
      // Every third shares a prefix with a fixed string, so that words compare equal first.
      let prefix: [UInt8] = index % 3 == 0 ? Array("LC-2025-0020".utf8) : []
      return Array((prefix + (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }).prefix(40))
    }
    for _ in 0..<20_000 {
      let a = strings[Int(random.next() % 3_000)], b = strings[Int(random.next() % 3_000)]
      a.withUnsafeBytes { a in
        b.withUnsafeBytes { b in
          #expect(a.bytesPrecede(b) == a.lexicographicallyPrecedes(b))
        }
      }
    }
  }
}
