// The 32-byte SHA-256 digest and its lowercase hex form.
//
// The digest is eight UInt32 words, so producing one allocates nothing; the journal writes
// and checks hashes as hex text, which `writeHex` and `matchesLowercaseHex` do in place.

/// A SHA-256 digest: 32 bytes.
public struct SHA256Digest: Equatable, Hashable, Sendable, CustomStringConvertible {
  // The chaining words in FIPS 180-4 order; the digest bytes are each word big-endian.
  // `SHA256.hashEach` writes digests as eight UInt32 words in this order: keep these eight
  // stored properties, and no others, in this order.
  private var w0: UInt32, w1: UInt32, w2: UInt32, w3: UInt32
  private var w4: UInt32, w5: UInt32, w6: UInt32, w7: UInt32

  init(_ state: SHA256State) {
    (w0, w1, w2, w3) = (state.h0, state.h1, state.h2, state.h3)
    (w4, w5, w6, w7) = (state.h4, state.h5, state.h6, state.h7)
  }

  /// The eight words as a tuple, for indexing without an array.
  private var words: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) {
    (w0, w1, w2, w3, w4, w5, w6, w7)
  }

  /// The 32 digest bytes (allocates an array: not for hot loops).
  public var bytes: [UInt8] {
    var result = [UInt8](repeating: 0, count: 32)
    result.withUnsafeMutableBytes { out in
      var words = self.words
      withUnsafeBytes(of: &words) { raw in
        for i in 0..<8 {
          let word = raw.load(fromByteOffset: i &* 4, as: UInt32.self)
          out.storeBytes(of: word.bigEndian, toByteOffset: i &* 4, as: UInt32.self)
        }
      }
    }
    return result
  }

  /// The digest as 64 lowercase hex characters.
  public var hex: String {
    String(unsafeUninitializedCapacity: 64) { buffer in
      writeHex(into: UnsafeMutableRawBufferPointer(buffer))
      return 64
    }
  }

  /// The lowercase hex form, as `sha256sum` prints it.
  public var description: String { hex }

  /// Parses 64 hex characters, lower or upper case; nil for any other length or character.
  public init?(hex: some StringProtocol) {
    var parsed: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
      (0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    let ok = withUnsafeMutableBytes(of: &parsed) { out -> Bool in
      var word: UInt32 = 0
      for char in hex.utf8 {
        guard count < 64, let nibble = sha256HexValue(char) else { return false }
        word = word &<< 4 | nibble
        count += 1
        if count & 7 == 0 {
          out.storeBytes(of: word, toByteOffset: (count &>> 3 &- 1) &* 4, as: UInt32.self)
        }
      }
      return count == 64
    }
    guard ok else { return nil }
    (w0, w1, w2, w3, w4, w5, w6, w7) = parsed
  }

  /// True when `hexBytes` (exactly 64 ASCII bytes) is the lowercase hex of this digest.
  /// No allocation.
  public func matchesLowercaseHex(_ hexBytes: UnsafeRawBufferPointer) -> Bool {
    guard hexBytes.count == 64, let base = hexBytes.baseAddress else { return false }
    // Compare eight hex characters (one word) at a time; OR the differences so the loop has
    // no early exit to mispredict on the common, matching case.
    var words = self.words
    return withUnsafeBytes(of: &words) { raw in
      var difference: UInt64 = 0
      for i in 0..<8 {
        let expected = sha256HexASCII(raw.load(fromByteOffset: i &* 4, as: UInt32.self))
        let actual = base.loadUnaligned(fromByteOffset: i &* 8, as: UInt64.self)
        difference |= expected ^ UInt64(littleEndian: actual)
      }
      return difference == 0
    }
  }

  /// Writes the 64 lowercase hex ASCII bytes into `out` (must have room for 64).
  /// No allocation.
  public func writeHex(into out: UnsafeMutableRawBufferPointer) {
    precondition(out.count >= 64, "SHA256Digest.writeHex needs room for 64 bytes")
    let base = out.baseAddress!
    var words = self.words
    withUnsafeBytes(of: &words) { raw in
      for i in 0..<8 {
        let ascii = sha256HexASCII(raw.load(fromByteOffset: i &* 4, as: UInt32.self))
        base.storeBytes(of: ascii.littleEndian, toByteOffset: i &* 8, as: UInt64.self)
      }
    }
  }
}

/// The value of one ASCII hex digit, either case.
@inline(__always)
private func sha256HexValue(_ char: UInt8) -> UInt32? {
  switch char {
  case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(char &- UInt8(ascii: "0"))
  case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(char &- UInt8(ascii: "a") &+ 10)
  case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(char &- UInt8(ascii: "A") &+ 10)
  default: nil
  }
}

/// The eight lowercase hex characters of `word`, most significant nibble first, packed so
/// that byte 0 of the result (its least significant byte) is the first character.
@inline(__always)
private func sha256HexASCII(_ word: UInt32) -> UInt64 {
  // Byte-swap so the most significant byte lands lowest, then give each nibble its own byte:
  // spread bytes into 16-bit slots and put each byte's high nibble in the slot's low byte.
  var x = UInt64(word.byteSwapped)
  x = (x | x &<< 16) & 0x0000_FFFF_0000_FFFF
  x = (x | x &<< 8) & 0x00FF_00FF_00FF_00FF
  x = (x &>> 4 & 0x000F_000F_000F_000F) | (x & 0x000F_000F_000F_000F) &<< 8
  // Each byte n (0...15) becomes "0" + n, plus 39 more for n > 9 to reach "a"; n + 6
  // carries into bit 4 exactly when n > 9, and never crosses into the next byte.
  let letters = (x &+ 0x0606_0606_0606_0606) &>> 4 & 0x0101_0101_0101_0101
  return x &+ 0x3030_3030_3030_3030 &+ letters &* 39
}
