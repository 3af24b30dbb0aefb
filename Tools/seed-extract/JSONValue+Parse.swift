/// A JSON syntax error with the byte offset where it was found.
struct JSONParseError: Error, CustomStringConvertible {
  let offset: Int
  let message: String
  var description: String { "JSON error at byte \(offset): \(message)" }
}

extension JSONValue {
  /// Parses one JSON document (RFC 8259), keeping object member order and number literals.
  static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
    var parser = Parser(bytes: Array(text.utf8))
    parser.skipWhitespace()
    let value = try parser.parseValue()
    parser.skipWhitespace()
    guard parser.index == parser.bytes.count else {
      throw parser.error("trailing characters after the document")
    }
    return value
  }
}

/// A small recursive-descent parser over UTF-8 bytes.
private struct Parser {
  let bytes: [UInt8]
  var index = 0

  init(bytes: [UInt8]) { self.bytes = bytes }

  func error(_ message: String) -> JSONParseError {
    JSONParseError(offset: index, message: message)
  }

  mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x0A, 0x0D, 0x09: index += 1
      default: return
      }
    }
  }

  mutating func expect(_ literal: String) throws(JSONParseError) {
    for byte in literal.utf8 {
      guard index < bytes.count, bytes[index] == byte else { throw error("expected \(literal)") }
      index += 1
    }
  }

  mutating func parseValue() throws(JSONParseError) -> JSONValue {
    guard index < bytes.count else { throw error("unexpected end of input") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"):
      try expect("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try expect("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try expect("null")
      return .null
    default: return try parseNumber()
    }
  }

  mutating func parseObject() throws(JSONParseError) -> JSONValue {
    index += 1
    var members: [(String, JSONValue)] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object([])
    }
    while true {
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
        throw error("expected a member name")
      }
      let key = try parseString()
      // Duplicate keys would make "the value of a parameter" ambiguous.
      guard !members.contains(where: { $0.0 == key }) else { throw error("duplicate key \(key)") }
      skipWhitespace()
      try expect(":")
      skipWhitespace()
      members.append((key, try parseValue()))
      skipWhitespace()
      guard index < bytes.count else { throw error("unterminated object") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      try expect("}")
      return .object(members)
    }
  }

  mutating func parseArray() throws(JSONParseError) -> JSONValue {
    index += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array([])
    }
    while true {
      skipWhitespace()
      elements.append(try parseValue())
      skipWhitespace()
      guard index < bytes.count else { throw error("unterminated array") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      try expect("]")
      return .array(elements)
    }
  }

  mutating func parseString() throws(JSONParseError) -> String {
    index += 1
    var out: [UInt8] = []
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "\""):
        return String(decoding: out, as: UTF8.self)
      case UInt8(ascii: "\\"):
        guard index < bytes.count else { throw error("unterminated escape") }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"): out.append(contentsOf: Array(String(try parseUnicodeEscape()).utf8))
        default: throw error("invalid escape")
        }
      case 0x00..<0x20:
        throw error("control character in string")
      default:
        out.append(byte)
      }
    }
    throw error("unterminated string")
  }

  /// Reads the four hex digits after `\u`, combining a surrogate pair when one follows.
  mutating func parseUnicodeEscape() throws(JSONParseError) -> Character {
    let high = try parseHex4()
    if (0xD800..<0xDC00).contains(high) {
      try expect("\\u")
      let low = try parseHex4()
      guard (0xDC00..<0xE000).contains(low) else { throw error("invalid surrogate pair") }
      let scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
      guard let s = Unicode.Scalar(scalar) else { throw error("invalid code point") }
      return Character(s)
    }
    guard let s = Unicode.Scalar(high) else { throw error("invalid code point") }
    return Character(s)
  }

  mutating func parseHex4() throws(JSONParseError) -> UInt32 {
    guard index + 4 <= bytes.count,
      let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
    else { throw error("invalid \\u escape") }
    index += 4
    return value
  }

  /// Reads a number by the strict RFC 8259 grammar: optional minus, no leading zeros, a
  /// fraction and an exponent each with at least one digit.
  mutating func parseNumber() throws(JSONParseError) -> JSONValue {
    let start = index
    if peek(UInt8(ascii: "-")) { index += 1 }
    if peek(UInt8(ascii: "0")) {
      index += 1
    } else if digits() == 0 {
      index = start
      throw error("invalid value")
    }
    if peek(UInt8(ascii: ".")) {
      index += 1
      guard digits() > 0 else { throw error("digit expected after the decimal point") }
    }
    if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
      index += 1
      if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
      guard digits() > 0 else { throw error("digit expected in the exponent") }
    }
    if index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
      throw error("leading zero")
    }
    return .number(String(decoding: bytes[start..<index], as: UTF8.self))
  }

  func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

  /// Consumes a run of ASCII digits and returns its length.
  mutating func digits() -> Int {
    let start = index
    while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
      index += 1
    }
    return index - start
  }

}
