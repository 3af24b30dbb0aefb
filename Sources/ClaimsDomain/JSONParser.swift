/// A strict RFC 8259 parser over UTF-8 bytes, written for the journal's hot path: one pass, no
/// Foundation, strings without escapes decoded straight from the buffer.
public struct JSONParser {
  /// Why a text is not JSON, and at which byte offset.
  public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
    public let offset: Int
    public let reason: String
    public var description: String { "\(reason) at byte \(offset + 1)" }
  }

  /// Parses one complete JSON value; anything but whitespace after it is an error.
  public static func parse(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> JSONValue {
    var parser = JSONParser(bytes: bytes)
    parser.skipWhitespace()
    let value = try parser.parseValue(depth: 0)
    parser.skipWhitespace()
    guard parser.index == bytes.count else { throw parser.failure("unexpected text after the value") }
    return value
  }

  public static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
    let result: Result<JSONValue, Failure> = bytes.withUnsafeBytes { buffer in
      do throws(Failure) { return .success(try parse(buffer)) } catch { return .failure(error) }
    }
    return try result.get()
  }

  public static func parse(_ text: String) throws(Failure) -> JSONValue {
    try parse(Array(text.utf8))
  }

  static let maxDepth = 32

  let bytes: UnsafeRawBufferPointer
  var index = 0

  init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  func failure(_ reason: String) -> Failure { Failure(offset: index, reason: reason) }

  mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x0A, 0x0D, 0x09: index += 1
      default: return
      }
    }
  }

  mutating func parseValue(depth: Int) throws(Failure) -> JSONValue {
    guard index < bytes.count else { throw failure("unexpected end of text") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return .object(try parseObject(depth: depth + 1))
    case UInt8(ascii: "["): return .array(try parseArray(depth: depth + 1))
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
    case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
    case UInt8(ascii: "n"): try expectLiteral("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
    default: throw failure("unexpected character")
    }
  }

  mutating func expectLiteral(_ literal: StaticString) throws(Failure) {
    let count = literal.utf8CodeUnitCount
    guard index + count <= bytes.count else { throw failure("unexpected end of text") }
    for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] {
      throw failure("unexpected character")
    }
    index += count
  }

  /// An object: its fields are scanned (and checked) in place, then made into values.
  mutating func parseObject(depth: Int) throws(Failure) -> JSONObject {
    let fields = try scanObjectFields(depth: depth)
    var object = JSONObject()
    object.fields.reserveCapacity(fields.count)
    for field in fields {
      object.append(try string(field.key, escaped: field.keyEscaped), try value(of: field, depth: depth))
    }
    return object
  }

  /// The value of a field that `scanValue` checked.
  func value(of field: RawJSONObject.Field, depth: Int) throws(Failure) -> JSONValue {
    switch field.kind {
    case .null: return .null
    case .bool: return .bool(bytes[field.value.lowerBound] == UInt8(ascii: "t"))
    case .number: return .number(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[field.value]), as: UTF8.self))
    case .string: return .string(try string(field.value, escaped: field.escaped))
    case .array, .object:
      var nested = JSONParser(bytes: UnsafeRawBufferPointer(rebasing: bytes[..<field.value.upperBound]))
      nested.index = field.value.lowerBound
      return try nested.parseValue(depth: depth)
    }
  }

  mutating func parseArray(depth: Int) throws(Failure) -> [JSONValue] {
    guard depth <= Self.maxDepth else { throw failure("nested too deeply") }
    var elements: [JSONValue] = []
    try skipElements(until: UInt8(ascii: "]")) { (parser) throws(Failure) in
      elements.append(try parser.parseValue(depth: depth))
    }
    return elements
  }

  mutating func parseNumber() throws(Failure) -> String {
    let range = try scanNumber()
    return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
  }

  /// Checks a number at `index` and steps past it; its range.
  mutating func scanNumber() throws(Failure) -> Range<Int> {
    let start = index
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard index < bytes.count, isDigit(bytes[index]) else { throw failure("malformed number") }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
    } else {
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard index < bytes.count, isDigit(bytes[index]) else { throw failure("malformed number") }
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
        index += 1
      }
      guard index < bytes.count, isDigit(bytes[index]) else { throw failure("malformed number") }
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    return start..<index
  }

  @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

  /// Parses a string at `index` (on its opening quote). Control characters must be escaped and
  /// the bytes must be valid UTF-8: a journal line is text a person can read.
  mutating func parseString() throws(Failure) -> String {
    let (range, escaped) = try scanString()
    return try string(range, escaped: escaped)
  }

  /// Checks a string at `index` (on its opening quote) and steps past it: the range of its
  /// contents between the quotes, and whether they hold escapes. Makes no `String`.
  mutating func scanString() throws(Failure) -> (range: Range<Int>, escaped: Bool) {
    index += 1
    let start = index
    var hasEscape = false
    var hasNonASCII = false
    while true {
      // Eight bytes at a time while none needs a look: the common case of plain ASCII text.
      while index &+ 8 <= bytes.count, Self.isPlainText(bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
        index &+= 8
      }
      guard index < bytes.count else { throw failure("unterminated string") }
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") { break }
      if byte < 0x20 { throw failure("control character in a string") }
      if byte == UInt8(ascii: "\\") {
        hasEscape = true
        index += 2
        continue
      }
      if byte >= 0x80 { hasNonASCII = true }
      index += 1
    }
    let range = start..<index
    index += 1
    if hasNonASCII {
      guard String(validating: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self) != nil else {
        index = start
        throw failure("string is not valid UTF-8")
      }
    }
    // Escapes are rare in the journal; check them now so that a scan is as strict as a parse.
    if hasEscape { _ = try unescape(UnsafeRawBufferPointer(rebasing: bytes[range]), offset: start) }
    return (range, hasEscape)
  }

  /// Whether eight bytes hold no quote, backslash, control character or non-ASCII byte
  /// (the "has zero byte" trick: a byte b is zero when (b - 1) & ~b has its high bit set).
  @inline(__always) static func isPlainText(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    func hasZeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
    let quote = hasZeroByte(word ^ (ones &* 0x22))
    let backslash = hasZeroByte(word ^ (ones &* 0x5C))
    let control = (word &- ones &* 0x20) & ~word & highs  // some byte below 0x20
    return (quote | backslash | control | (word & highs)) == 0
  }

  /// Whether eight bytes are all visible ASCII other than a quote or backslash: what an
  /// identifier may hold (`FieldReader.isPlainIdentifier`).
  @inline(__always) static func isPlainIdentifier(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    func hasZeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
    let quote = hasZeroByte(word ^ (ones &* 0x22))
    let backslash = hasZeroByte(word ^ (ones &* 0x5C))
    let delete = hasZeroByte(word ^ (ones &* 0x7F))
    let belowVisible = (word &- ones &* 0x21) & ~word & highs  // some byte below 0x21
    return (quote | backslash | delete | belowVisible | (word & highs)) == 0
  }

  /// The text of a string that `scanString` checked.
  func string(_ range: Range<Int>, escaped: Bool) throws(Failure) -> String {
    let raw = UnsafeRawBufferPointer(rebasing: bytes[range])
    return escaped ? try unescape(raw, offset: range.lowerBound) : String(decoding: raw, as: UTF8.self)
  }

  func unescape(_ raw: UnsafeRawBufferPointer, offset: Int) throws(Failure) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(raw.count)
    var i = 0
    func fail(_ reason: String) -> Failure { Failure(offset: offset + i, reason: reason) }
    while i < raw.count {
      let byte = raw[i]
      guard byte == UInt8(ascii: "\\") else {
        output.append(byte)
        i += 1
        continue
      }
      guard i + 1 < raw.count else { throw fail("malformed escape") }
      let code = raw[i + 1]
      i += 2
      switch code {
      case UInt8(ascii: "\""): output.append(0x22)
      case UInt8(ascii: "\\"): output.append(0x5C)
      case UInt8(ascii: "/"): output.append(0x2F)
      case UInt8(ascii: "b"): output.append(0x08)
      case UInt8(ascii: "f"): output.append(0x0C)
      case UInt8(ascii: "n"): output.append(0x0A)
      case UInt8(ascii: "r"): output.append(0x0D)
      case UInt8(ascii: "t"): output.append(0x09)
      case UInt8(ascii: "u"):
        guard var scalar = hex4(raw, at: i) else { throw fail("malformed \\u escape") }
        i += 4
        if (0xD800...0xDBFF).contains(scalar) {
          guard i + 6 <= raw.count, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u"),
            let low = hex4(raw, at: i + 2), (0xDC00...0xDFFF).contains(low)
          else { throw fail("unpaired surrogate in \\u escape") }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          i += 6
        } else if (0xDC00...0xDFFF).contains(scalar) {
          throw fail("unpaired surrogate in \\u escape")
        }
        output.append(contentsOf: Array(String(Character(UnicodeScalar(scalar)!)).utf8))
      default: throw fail("malformed escape")
      }
    }
    return String(decoding: output, as: UTF8.self)
  }

  func hex4(_ raw: UnsafeRawBufferPointer, at start: Int) -> UInt32? {
    guard start + 4 <= raw.count else { return nil }
    var value: UInt32 = 0
    for i in start..<(start + 4) {
      let byte = raw[i]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: return nil
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }
}
