/// An 18-character PRC resident identity number (居民身份证号码), GB 11643-1999.
/// Stored as its 17 leading digits in one integer: the check character follows from them, so
/// equality, hashing and order (numeric order is the text's order) cost one word.
public struct ResidentID: Hashable, Comparable, Sendable, CustomStringConvertible {
  let digits: UInt64

  /// Accepts 17 digits and a check character (0–9 or upper-case X) that satisfies
  /// ISO 7064 MOD 11-2; a lower-case x is refused so that one person has one spelling.
  public init?(_ text: some StringProtocol) {
    var text = String(text)
    guard let id = text.withUTF8({ Self(utf8: UnsafeRawBufferPointer($0)) }) else { return nil }
    self = id
  }

  /// The same, straight from UTF-8 bytes (the journal decoder's path): the first sixteen
  /// digits are checked, weighed and converted eight at a time in a word, then the seventeenth
  /// and the check character.
  public init?(utf8 bytes: UnsafeRawBufferPointer) {
    guard bytes.count == 18 else { return nil }
    let first = bytes.loadUnaligned(as: UInt64.self)
    let second = bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
    let last = bytes[16] &- UInt8(ascii: "0")
    guard Self.eightDigits(first), Self.eightDigits(second), last < 10 else { return nil }
    let lowNibbles: UInt64 = 0x0F0F_0F0F_0F0F_0F0F
    let (a, b) = (first & lowNibbles, second & lowNibbles)
    let w = Self.weightWords
    let sum = Self.dot4(a, w.0) + Self.dot4(a >> 32, w.1) + Self.dot4(b, w.2) + Self.dot4(b >> 32, w.3)
      + Int(last) * Self.weights[16]
    guard bytes[17] == Self.checkCharacters[(12 - sum % 11) % 11] else { return nil }
    digits = Self.value(a) &* 1_000_000_000 &+ Self.value(b) &* 10 &+ UInt64(last)
  }

  /// Whether all eight bytes of a word are ASCII digits: high nibble 3, low nibble at most 9.
  static func eightDigits(_ word: UInt64) -> Bool {
    word & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030
      && ((word & 0x0F0F_0F0F_0F0F_0F0F) &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 == 0
  }

  /// The number eight digit values (the first in the lowest byte) spell, by pairs, fours, eights.
  static func value(_ digits: UInt64) -> UInt64 {
    let pairs = (digits &* (10 << 8 + 1)) >> 8 & 0x00FF_00FF_00FF_00FF
    let fours = (pairs &* (100 << 16 + 1)) >> 16 & 0x0000_FFFF_0000_FFFF
    return (fours &* (10_000 << 32 + 1)) >> 32
  }

  /// The weighted sum of the four digit values in the low bytes of `digits`: spread into 16-bit
  /// lanes and multiplied by the weights in reverse, the sum collects in the top lane (no lane
  /// exceeds 4 × 9 × 10, so none carries into another).
  static func dot4(_ digits: UInt64, _ reversedWeights: UInt64) -> Int {
    var lanes = digits & 0xFFFF_FFFF
    lanes = (lanes | lanes << 16) & 0x0000_FFFF_0000_FFFF
    lanes = (lanes | lanes << 8) & 0x00FF_00FF_00FF_00FF
    return Int((lanes &* reversedWeights) >> 48)
  }

  /// `weights` 0–3, 4–7, 8–11 and 12–15 in reverse 16-bit lanes, for `dot4`.
  static let weightWords: (UInt64, UInt64, UInt64, UInt64) = {
    func word(_ start: Int) -> UInt64 {
      (0..<4).reduce(0) { $0 | UInt64(weights[start + $1]) << (16 * UInt64(3 - $1)) }
    }
    return (word(0), word(4), word(8), word(12))
  }()

  /// The whole number, as the machine formats carry it.
  public var value: String {
    var bytes = [UInt8](repeating: UInt8(ascii: "0"), count: 18)
    var rest = digits
    var sum = 0
    for index in stride(from: 16, through: 0, by: -1) {
      let digit = Int(rest % 10)
      bytes[index] = UInt8(ascii: "0") + UInt8(digit)
      sum += digit * Self.weights[index]
      rest /= 10
    }
    bytes[17] = Self.checkCharacters[(12 - sum % 11) % 11]
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The number as human-readable output shows it: `370102********123X`.
  public var masked: String {
    let value = value
    return String(value.prefix(6)) + String(repeating: "*", count: 8) + String(value.suffix(4))
  }

  public var description: String { value }
  public static func < (lhs: ResidentID, rhs: ResidentID) -> Bool { lhs.digits < rhs.digits }

  /// The 17 leading digits as one number: a saved form's key, in the IDs' order.
  public var number: UInt64 { digits }

  /// The ID whose 17 leading digits are `number`; nil beyond 17 digits.
  public init?(number: UInt64) {
    guard number < Self.digitsLimit else { return nil }
    digits = number
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(digits) }
  /// What a `Set` or `Dictionary` of resident IDs asks for: the number mixed with the table's
  /// seed by one 64-bit finalizer, where `Hasher` runs SipHash over it. These tables are the
  /// replay's hottest (an enrolment is found by its trainee for every attendance line). The
  /// seed is the table's own and random per process, as with `Hasher`.
  public func _rawHashValue(seed: Int) -> Int {
    Int(truncatingIfNeeded: FixedHash.mix(digits ^ UInt64(bitPattern: Int64(seed)) &* 0x9E37_79B9_7F4A_7C15))
  }

  /// Weight of position i is 2^(17-i) mod 11.
  static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  /// The check character for (12 - sum mod 11) mod 11 = 0…10.
  static let checkCharacters: [UInt8] = Array("0123456789X".utf8)

  /// The check character that completes 17 leading digits; for tests and generators.
  public static func checkCharacter(for first17: String) -> Character? {
    let bytes = Array(first17.utf8)
    guard bytes.count == 17 else { return nil }
    var sum = 0
    for (index, byte) in bytes.enumerated() {
      let digit = byte &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      sum += Int(digit) * weights[index]
    }
    return Character(UnicodeScalar(checkCharacters[(12 - sum % 11) % 11]))
  }
}
