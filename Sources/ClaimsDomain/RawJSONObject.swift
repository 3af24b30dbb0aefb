/// A JSON object scanned in place: where each top-level field's key and value lie in the text,
/// checked as strictly as `JSONParser.parse` checks them, but with no strings or trees made.
/// The event decoder reads values straight from the bytes; only what it keeps becomes a `String`.
/// Valid only while the bytes it was scanned from are.
struct RawJSONObject {
  enum Kind: UInt8 { case null, bool, number, string, array, object }

  struct Field {
    /// The key's bytes between its quotes, and whether they hold escapes.
    var key: Range<Int>
    var keyEscaped: Bool
    /// The value's bytes; for a string, between its quotes.
    var value: Range<Int>
    var kind: Kind
    var escaped: Bool
  }

  let bytes: UnsafeRawBufferPointer
  var fields: [Field] = []

  /// Scans the object that `bytes[range]` holds, with nothing but whitespace around it.
  init(scanning bytes: UnsafeRawBufferPointer, range: Range<Int>? = nil) throws(JSONParser.Failure) {
    self.bytes = bytes
    let range = range ?? 0..<bytes.count
    var parser = JSONParser(bytes: UnsafeRawBufferPointer(rebasing: bytes[..<range.upperBound]))
    parser.index = range.lowerBound
    parser.skipWhitespace()
    guard parser.index < range.upperBound, bytes[parser.index] == UInt8(ascii: "{") else {
      throw parser.failure("expected an object")
    }
    fields = try parser.scanObjectFields()
    parser.skipWhitespace()
    guard parser.index == range.upperBound else { throw parser.failure("unexpected text after the value") }
  }

  /// Scans the fields that follow `offset` in an object whose opening and first fields were
  /// already checked by the caller (a journal line's frame): `bytes[offset...]` holds
  /// `"key":value,…}` and nothing after.
  init(scanningFieldsOf bytes: UnsafeRawBufferPointer, from offset: Int) throws(JSONParser.Failure) {
    self.bytes = bytes
    var parser = JSONParser(bytes: bytes)
    parser.index = offset - 1  // where `scanObjectFields` expects the `{`, which it steps over
    fields = try parser.scanObjectFields()
    guard parser.index == bytes.count else { throw parser.failure("unexpected text after the value") }
  }

  /// The key of field `index` as text (for messages and the rare escaped key).
  func keyText(_ index: Int) -> String {
    let field = fields[index]
    let parser = JSONParser(bytes: bytes)
    return (try? parser.string(field.key, escaped: field.keyEscaped)) ?? ""
  }

  /// Whether field `index` is named `key`.
  func field(_ index: Int, isNamed key: StaticString) -> Bool {
    let field = fields[index]
    if field.keyEscaped { return keyText(index) == key.description }
    let count = key.utf8CodeUnitCount
    guard field.key.count == count else { return false }
    let start = key.utf8Start
    let base = field.key.lowerBound
    for offset in 0..<count where bytes[base &+ offset] != start[offset] { return false }
    return true
  }

  func valueBytes(_ index: Int) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: bytes[fields[index].value])
  }

  /// The value of field `index` as a tree: for lists, objects, and messages.
  func value(_ index: Int) -> JSONValue {
    (try? JSONParser(bytes: bytes).value(of: fields[index], depth: 1)) ?? .null
  }

  /// The ranges of the elements of the list in field `index`.
  func elementRanges(_ index: Int) -> [Range<Int>] {
    var parser = JSONParser(bytes: UnsafeRawBufferPointer(rebasing: bytes[..<fields[index].value.upperBound]))
    parser.index = fields[index].value.lowerBound + 1
    var ranges: [Range<Int>] = []
    while true {
      parser.skipWhitespace()
      guard parser.index < parser.bytes.count, parser.bytes[parser.index] != UInt8(ascii: "]") else { break }
      let start = parser.index
      guard (try? parser.skipValue(depth: 2)) != nil else { break }
      ranges.append(start..<parser.index)
      parser.skipWhitespace()
      if parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: ",") { parser.index += 1 }
    }
    return ranges
  }
}

extension JSONParser {
  /// Scans an object at `index` (on its `{`) field by field, refusing a key that appears twice.
  mutating func scanObjectFields(depth: Int = 1) throws(Failure) -> [RawJSONObject.Field] {
    guard depth <= Self.maxDepth else { throw failure("nested too deeply") }
    index += 1
    var fields: [RawJSONObject.Field] = []
    fields.reserveCapacity(12)
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return fields
    }
    while true {
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
        throw failure("expected a field name in quotes")
      }
      let keyStart = index
      let (key, keyEscaped) = try scanString()
      if let earlier = fields.first(where: { sameKey($0, key, keyEscaped) }) {
        index = keyStart
        throw failure("field \"\((try? string(earlier.key, escaped: earlier.keyEscaped)) ?? "")\" appears twice")
      }
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
        throw failure("expected ':' after a field name")
      }
      index += 1
      skipWhitespace()
      fields.append(try scanValue(key: key, keyEscaped: keyEscaped, depth: depth))
      skipWhitespace()
      guard index < bytes.count else { throw failure("unexpected end of text") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return fields
      } else {
        throw failure("expected ',' or '}'")
      }
    }
  }

  /// One field's value, checked and stepped over.
  mutating func scanValue(key: Range<Int>, keyEscaped: Bool, depth: Int) throws(Failure) -> RawJSONObject.Field {
    guard index < bytes.count else { throw failure("unexpected end of text") }
    let start = index
    let kind: RawJSONObject.Kind
    switch bytes[index] {
    case UInt8(ascii: "\""):
      let (range, escaped) = try scanString()
      return RawJSONObject.Field(key: key, keyEscaped: keyEscaped, value: range, kind: .string, escaped: escaped)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      _ = try scanNumber()
      kind = .number
    case UInt8(ascii: "["):
      try skipValue(depth: depth)
      kind = .array
    case UInt8(ascii: "{"):
      try skipValue(depth: depth)
      kind = .object
    case UInt8(ascii: "n"):
      try expectLiteral("null")
      kind = .null
    default:
      try skipValue(depth: depth)
      kind = .bool
    }
    return RawJSONObject.Field(key: key, keyEscaped: keyEscaped, value: start..<index, kind: kind, escaped: false)
  }

  /// Checks any value at `index` as strictly as `parseValue` and steps past it, making nothing.
  mutating func skipValue(depth: Int) throws(Failure) {
    guard depth <= Self.maxDepth else { throw failure("nested too deeply") }
    guard index < bytes.count else { throw failure("unexpected end of text") }
    switch bytes[index] {
    case UInt8(ascii: "\""): _ = try scanString()
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try scanNumber()
    case UInt8(ascii: "t"): try expectLiteral("true")
    case UInt8(ascii: "f"): try expectLiteral("false")
    case UInt8(ascii: "n"): try expectLiteral("null")
    case UInt8(ascii: "["):
      try skipElements(until: UInt8(ascii: "]")) { (parser) throws(Failure) in try parser.skipValue(depth: depth + 1) }
    case UInt8(ascii: "{"):
      _ = try scanObjectFields(depth: depth + 1)
    default: throw failure("unexpected character")
    }
  }

  /// Steps over `[` or `{`, then elements read by `element` separated by commas, then `close`.
  mutating func skipElements(until close: UInt8, _ element: (inout JSONParser) throws(Failure) -> Void) throws(Failure) {
    index += 1
    skipWhitespace()
    if index < bytes.count, bytes[index] == close {
      index += 1
      return
    }
    while true {
      skipWhitespace()
      try element(&self)
      skipWhitespace()
      guard index < bytes.count else { throw failure("unexpected end of text") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == close {
        index += 1
        return
      } else {
        throw failure(close == UInt8(ascii: "]") ? "expected ',' or ']'" : "expected ',' or '}'")
      }
    }
  }

  func sameKey(_ field: RawJSONObject.Field, _ key: Range<Int>, _ keyEscaped: Bool) -> Bool {
    if field.keyEscaped || keyEscaped {
      return (try? string(field.key, escaped: field.keyEscaped)) == (try? string(key, escaped: keyEscaped))
    }
    guard field.key.count == key.count else { return false }
    for offset in 0..<key.count where bytes[field.key.lowerBound &+ offset] != bytes[key.lowerBound &+ offset] {
      return false
    }
    return true
  }
}
