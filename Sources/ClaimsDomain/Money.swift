/// An amount of Chinese yuan held as integer fen (1 yuan = 100 fen). Never floating point.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var fen: Int64

  public init(fen: Int64) { self.fen = fen }
  public static let zero = Money(fen: 0)

  /// Parses a decimal string of yuan with at most two decimals: `"600"`, `"1152.00"`, `"0.5"`.
  /// Signs, exponents, leading zeros ("007") and more than two decimals are refused, because an
  /// amount in the journal must read the same to a person and to the ledger.
  public init?(decimal text: some StringProtocol) {
    var text = String(text)
    guard let money = text.withUTF8({ Self(decimalUTF8: UnsafeRawBufferPointer($0)) }) else { return nil }
    self = money
  }

  /// The same, straight from UTF-8 bytes (the journal decoder's path).
  public init?(decimalUTF8 bytes: UnsafeRawBufferPointer) {
    guard !bytes.isEmpty, bytes.count <= 20 else { return nil }
    var yuan: Int64 = 0
    var index = 0
    var integerDigits = 0
    while index < bytes.count, bytes[index] != UInt8(ascii: ".") {
      let digit = bytes[index] &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      if integerDigits == 1, yuan == 0 { return nil }  // a leading zero
      yuan = yuan * 10 + Int64(digit)
      integerDigits += 1
      index += 1
    }
    guard integerDigits > 0, integerDigits <= 15 else { return nil }
    var fraction: Int64 = 0
    var fractionDigits = 0
    if index < bytes.count {
      index += 1  // the point
      while index < bytes.count {
        let digit = bytes[index] &- UInt8(ascii: "0")
        guard digit < 10, fractionDigits < 2 else { return nil }
        fraction = fraction * 10 + Int64(digit)
        fractionDigits += 1
        index += 1
      }
      guard fractionDigits > 0 else { return nil }
    }
    if fractionDigits == 1 { fraction *= 10 }
    self.fen = yuan * 100 + fraction
  }

  /// The journal's form: yuan with exactly two decimals, `"600.00"`.
  public var decimalString: String {
    let sign = fen < 0 ? "-" : ""
    let magnitude = fen.magnitude
    let cents = magnitude % 100
    return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
  }

  /// The clerk's form: `¥1,234.50`.
  public var displayString: String {
    let sign = fen < 0 ? "-" : ""
    let magnitude = fen.magnitude
    var digits = String(magnitude / 100)
    var grouped = ""
    while digits.count > 3 {
      grouped = "," + digits.suffix(3) + grouped
      digits.removeLast(3)
    }
    let cents = magnitude % 100
    return "\(sign)¥\(digits)\(grouped).\(cents < 10 ? "0" : "")\(cents)"
  }

  public var description: String { decimalString }

  public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }
  public static func + (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen + rhs.fen) }
  public static func - (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen - rhs.fen) }
  public static func += (lhs: inout Money, rhs: Money) { lhs.fen += rhs.fen }
  public static func -= (lhs: inout Money, rhs: Money) { lhs.fen -= rhs.fen }
}
