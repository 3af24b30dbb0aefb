/// Reads typed fields out of a JSON object scanned in place, each failure an
/// `EventDecodingError` naming the field. It remembers which fields it read, so that the decoder
/// knows without a second pass whether the object held any field it did not ask for; and since
/// the ledger writes fields in the order they are read, it looks at the next field first.
final class FieldReader: EventFields {
  let object: RawJSONObject
  /// Where the next field is expected.
  var cursor = 0
  /// The fields read so far, one bit per position (objects of up to 64 fields).
  var readMask: UInt64 = 0

  init(object: RawJSONObject) { self.object = object }

  /// The position of `key` in the object, marking it read.
  func position(_ key: StaticString) -> Int? {
    let count = object.fields.count
    var index: Int?
    if cursor < count, object.field(cursor, isNamed: key) {
      index = cursor
    } else {
      index = (0..<count).first { object.field($0, isNamed: key) }
    }
    guard let found = index else { return nil }
    cursor = found + 1
    if found < 64 { readMask |= 1 << UInt64(found) }
    return found
  }

  /// Whether every field of the object was read.
  var readEveryField: Bool {
    let count = object.fields.count
    return count <= 64 && readMask.nonzeroBitCount == count
  }

  /// The position of a field that is present and not null.
  func present(_ key: StaticString) throws(EventDecodingError) -> Int {
    guard let index = position(key), object.fields[index].kind != .null else {
      throw EventDecodingError(.missingField, field: key.description, "the field \"\(key)\" is missing")
    }
    return index
  }

  func value(_ key: StaticString) throws(EventDecodingError) -> JSONValue {
    object.value(try present(key))
  }

  /// The bytes of a string field without escapes: the fast path of the readers below.
  func plainString(_ key: StaticString) throws(EventDecodingError) -> UnsafeRawBufferPointer? {
    let index = try present(key)
    let field = object.fields[index]
    guard field.kind == .string else { throw wrongType(key, "a string", object.value(index)) }
    return field.escaped ? nil : object.valueBytes(index)
  }

  func has(_ key: StaticString) -> Bool {
    guard let index = position(key) else { return false }
    return object.fields[index].kind != .null
  }

  func wrongType(_ key: StaticString, _ expected: String, _ found: JSONValue) -> EventDecodingError {
    EventDecodingError(
      .wrongType, field: key.description, "the field \"\(key)\" must be \(expected), not \(found.kindName)")
  }

  func invalid(_ key: StaticString, _ reason: String) -> EventDecodingError {
    EventDecodingError(.invalidValue, field: key.description, "the field \"\(key)\" \(reason)")
  }

  /// A free text such as a name or reason: a non-empty string.
  func text(_ key: StaticString) throws(EventDecodingError) -> String {
    if let bytes = try plainString(key), Self.hasVisibleASCII(bytes) {
      return String(decoding: bytes, as: UTF8.self)
    }
    let value = try value(key)
    guard case .string(let text) = value else { throw wrongType(key, "a string", value) }
    guard !text.allSatisfy(\.isWhitespace) else { throw invalid(key, "is empty") }
    return text
  }


  /// An identifier (event id, class, claim, actor …): 1–128 characters, no spaces.
  func identifier(_ key: StaticString) throws(EventDecodingError) -> String {
    if let bytes = try plainString(key), Self.isPlainIdentifier(bytes) {
      return String(decoding: bytes, as: UTF8.self)
    }
    let text = try text(key)
    guard text.utf8.count <= 128 || text.unicodeScalars.count <= 128, !Self.hasSpace(text) else {
      throw invalid(key, "must be 1 to 128 characters without spaces")
    }
    return text
  }

  /// Whether the text holds a space or control character. ASCII text, the common case, is
  /// checked byte by byte; only other text asks Unicode's properties.
  static func hasSpace(_ text: String) -> Bool {
    var ascii = true
    for byte in text.utf8 {
      if byte <= 0x20 || byte == 0x7F { return true }
      if byte >= 0x80 { ascii = false }
    }
    return !ascii && text.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 }
  }


  /// A region code: lower-case letters, digits and hyphens (`liaocheng`, `changchun`).
  func region(_ key: StaticString) throws(EventDecodingError) -> String {
    let text = try text(key)
    guard Self.isRegionCode(text.utf8) else {
      throw invalid(key, "must be a region code of lower-case letters, digits and '-'")
    }
    return text
  }

  static func isRegionCode(_ bytes: some Collection<UInt8>) -> Bool {
    bytes.count <= 64 && bytes.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
  }

  /// The bytes of a free text the fast paths accept: something visible in ASCII.
  static func hasVisibleASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
    bytes.contains(where: { $0 > 0x20 && $0 < 0x80 })
  }

  /// The bytes of an identifier the fast paths accept: 1–128 visible ASCII characters.
  static func isPlainIdentifier(_ bytes: UnsafeRawBufferPointer) -> Bool {
    (1...128).contains(bytes.count) && bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
  }

  func integer(_ key: StaticString, in range: ClosedRange<Int>) throws(EventDecodingError) -> Int {
    let index = try present(key)
    if object.fields[index].kind == .number, let number = Self.smallInteger(object.valueBytes(index)),
      range.contains(number)
    {
      return number
    }
    let value = object.value(index)
    guard case .number(let text) = value else { throw wrongType(key, "a whole number", value) }
    guard let number = Int(text) else { throw invalid(key, "must be a whole number, not \(text)") }
    guard range.contains(number) else {
      throw invalid(key, "must be between \(range.lowerBound) and \(range.upperBound), not \(number)")
    }
    return number
  }


  func bool(_ key: StaticString) throws(EventDecodingError) -> Bool {
    let index = try present(key)
    if object.fields[index].kind == .bool { return object.valueBytes(index)[0] == UInt8(ascii: "t") }
    let value = object.value(index)
    guard case .bool(let flag) = value else { throw wrongType(key, "true or false", value) }
    return flag
  }

  /// Money: a decimal string of yuan with at most two decimals; a JSON number is refused.
  func money(_ key: StaticString, allowZero: Bool) throws(EventDecodingError) -> Money {
    let value = try value(key)
    guard case .string(let text) = value else {
      throw EventDecodingError(
        .invalidMoney, field: key.description,
        "the field \"\(key)\" is money and must be a decimal string such as \"600.00\", not \(value.kindName)"
      )
    }
    guard let money = Money(decimal: text) else {
      throw EventDecodingError(
        .invalidMoney, field: key.description,
        "the field \"\(key)\" is not an amount of yuan with at most two decimals: \"\(text)\"")
    }
    guard allowZero || money.fen > 0 else {
      throw EventDecodingError(.invalidMoney, field: key.description, "the field \"\(key)\" must be more than 0")
    }
    return money
  }

  func date(_ key: StaticString) throws(EventDecodingError) -> CivilDate {
    if let bytes = try plainString(key), let date = CivilDate(utf8: bytes) { return date }
    let value = try value(key)
    guard case .string(let text) = value else { throw wrongType(key, "a date string", value) }
    guard let date = CivilDate(text) else {
      throw EventDecodingError(
        .invalidDate, field: key.description, "the field \"\(key)\" is not a calendar date YYYY-MM-DD: \"\(text)\"")
    }
    return date
  }

  func residentID(_ key: StaticString) throws(EventDecodingError) -> ResidentID {
    if let bytes = try plainString(key), let id = ResidentID(utf8: bytes) { return id }
    let value = try value(key)
    guard case .string(let text) = value else { throw wrongType(key, "a string", value) }
    return try Self.residentID(text, field: key.description)
  }

  static func residentID(_ text: String, field: String) throws(EventDecodingError) -> ResidentID {
    guard let id = ResidentID(text) else {
      throw EventDecodingError(
        .invalidResidentID, field: field,
        "the field \"\(field)\" is not a valid resident ID number (18 characters, check character "
          + "per ISO 7064 MOD 11-2): \"\(text)\"")
    }
    return id
  }

  func code<Code: RawRepresentable & CaseIterable>(_ key: StaticString, as: Code.Type)
    throws(EventDecodingError) -> Code where Code.RawValue == String
  {
    let value = try value(key)
    guard case .string(let text) = value else { throw wrongType(key, "a string", value) }
    return try Self.code(text, field: key.description, as: Code.self)
  }

  static func code<Code: RawRepresentable & CaseIterable>(
    _ text: String, field: String, as: Code.Type
  ) throws(EventDecodingError) -> Code where Code.RawValue == String {
    guard let code = Code(rawValue: text) else {
      let allowed = Code.allCases.map(\.rawValue).joined(separator: ", ")
      throw EventDecodingError(
        .invalidValue, field: field, "the field \"\(field)\" is \"\(text)\"; it must be one of: \(allowed)")
    }
    return code
  }


  /// A list of objects, each read by a reader of its own.
  func objectList<Element>(
    _ key: StaticString, _ read: (inout FieldReader) throws(EventDecodingError) -> Element
  ) throws(EventDecodingError) -> [Element] {
    let index = try present(key)
    guard object.fields[index].kind == .array else { throw wrongType(key, "a list", object.value(index)) }
    var result: [Element] = []
    for range in object.elementRanges(index) {
      guard let element = try? RawJSONObject(scanning: object.bytes, range: range) else {
        let value = (try? JSONParser.parse(UnsafeRawBufferPointer(rebasing: object.bytes[range]))) ?? .null
        throw wrongType(key, "a list of objects", value)
      }
      var reader = FieldReader(object: element)
      result.append(try read(&reader))
    }
    return result
  }

  /// A whole number of up to 18 digits without sign, fraction or exponent; nil for anything else.
  static func smallInteger(_ bytes: UnsafeRawBufferPointer) -> Int? {
    guard (1...18).contains(bytes.count), bytes[0] != UInt8(ascii: "0") || bytes.count == 1 else { return nil }
    var number = 0
    for byte in bytes {
      let digit = byte &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      number = number * 10 + Int(digit)
    }
    return number
  }

  func list(_ key: StaticString) throws(EventDecodingError) -> [JSONValue] {
    let value = try value(key)
    guard case .array(let elements) = value else { throw wrongType(key, "a list", value) }
    return elements
  }

  /// A list of strings, each converted by `convert`.
  func stringList<Element>(
    _ key: StaticString, _ convert: (String) throws(EventDecodingError) -> Element
  ) throws(EventDecodingError) -> [Element] {
    var result: [Element] = []
    for element in try list(key) {
      guard case .string(let text) = element else {
        throw wrongType(key, "a list of strings", element)
      }
      result.append(try convert(text))
    }
    return result
  }
}
