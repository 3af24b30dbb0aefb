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

  /// The same, straight from UTF-8 bytes (the journal decoder's path).
  public init?(utf8 bytes: UnsafeRawBufferPointer) {
    guard bytes.count == 18 else { return nil }
    var sum = 0
    var digits: UInt64 = 0
    for index in 0..<17 {
      let digit = bytes[index] &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      sum += Int(digit) * Self.weights[index]
      digits = digits &* 10 &+ UInt64(digit)
    }
    guard bytes[17] == Self.checkCharacters[(12 - sum % 11) % 11] else { return nil }
    self.digits = digits
  }

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
