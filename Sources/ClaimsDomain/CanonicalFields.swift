/// Reads an event in the ledger's canonical form — the form `JournalLine.encode` writes: fields
/// in schema order, no whitespace, no escapes, no nulls — in one forward pass, without building
/// an index of the fields first. At the first byte that is not what the canonical form would hold
/// it throws `notCanonical`, and the caller decodes the line again with the `FieldReader`, which
/// accepts any valid JSON and words every error. So it never decides anything the general
/// reader would decide differently: it only succeeds on the values the general reader would
/// return too (the differential tests hold the two together).
struct CanonicalFields: EventFields {
  static let notCanonical = EventDecodingError(.notAnObject, field: nil, "not in canonical form")

  let bytes: UnsafeRawBufferPointer
  /// The start of the next field's key, or the object's closing brace.
  var cursor: Int

  init(_ bytes: UnsafeRawBufferPointer, fieldsFrom cursor: Int) {
    (self.bytes, self.cursor) = (bytes, cursor)
  }

  /// Whether the next field is `key`; steps over `"key":` when it is.
  mutating func take(_ key: StaticString) -> Bool {
    let count = key.utf8CodeUnitCount
    let valueStart = cursor &+ count &+ 3
    guard valueStart <= bytes.count, bytes[cursor] == 0x22, bytes[cursor &+ count &+ 1] == 0x22,
      bytes[cursor &+ count &+ 2] == 0x3A
    else { return false }
    guard UnsafeRawBufferPointer(rebasing: bytes[(cursor &+ 1)..<(valueStart &- 2)]).sameBytes(as: key.utf8) else {
      return false
    }
    cursor = valueStart
    return true
  }

  /// After a value ending before `end`: past the comma, or at the closing brace.
  mutating func endValue(at end: Int) throws(EventDecodingError) {
    guard end < bytes.count else { throw Self.notCanonical }
    switch bytes[end] {
    case 0x2C:
      // A comma is followed by the next field's key, never by the closing brace.
      guard end &+ 1 < bytes.count, bytes[end &+ 1] == 0x22 else { throw Self.notCanonical }
      cursor = end &+ 1
    case 0x7D: cursor = end
    default: throw Self.notCanonical
    }
  }

  /// The bytes of a string without escapes or control characters, starting at `start`, and the
  /// index after its closing quote. Text that is not ASCII must be valid UTF-8, as for the parser.
  func stringBytes(at start: Int) throws(EventDecodingError) -> (UnsafeRawBufferPointer, Int) {
    guard start < bytes.count, bytes[start] == 0x22 else { throw Self.notCanonical }
    var index = start &+ 1
    var nonASCII = false
    while true {
      while index &+ 8 <= bytes.count,
        JSONParser.isPlainText(bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
      {
        index &+= 8
      }
      guard index < bytes.count else { throw Self.notCanonical }
      let byte = bytes[index]
      if byte == 0x22 { break }
      if byte == 0x5C || byte < 0x20 { throw Self.notCanonical }
      if byte >= 0x80 { nonASCII = true }
      index &+= 1
    }
    let value = UnsafeRawBufferPointer(rebasing: bytes[(start &+ 1)..<index])
    if nonASCII, String(validating: value, as: UTF8.self) == nil { throw Self.notCanonical }
    return (value, index &+ 1)
  }

  mutating func plainString(_ key: StaticString) throws(EventDecodingError) -> UnsafeRawBufferPointer {
    guard take(key) else { throw Self.notCanonical }
    let (value, end) = try stringBytes(at: cursor)
    try endValue(at: end)
    return value
  }

  /// The literal at the cursor up to the next delimiter.
  mutating func scalar(_ key: StaticString) throws(EventDecodingError) -> UnsafeRawBufferPointer {
    guard take(key) else { throw Self.notCanonical }
    var end = cursor
    while end < bytes.count, bytes[end] != 0x2C, bytes[end] != 0x7D { end &+= 1 }
    let value = UnsafeRawBufferPointer(rebasing: bytes[cursor..<end])
    try endValue(at: end)
    return value
  }

  mutating func text(_ key: StaticString) throws(EventDecodingError) -> String {
    let value = try plainString(key)
    let text = String(decoding: value, as: UTF8.self)
    guard FieldReader.hasVisibleASCII(value) || !text.allSatisfy(\.isWhitespace) else { throw Self.notCanonical }
    return text
  }

  mutating func identifier(_ key: StaticString) throws(EventDecodingError) -> String {
    String(decoding: try identifierBytes(key), as: UTF8.self)
  }

  /// Compared as bytes first: an equal value makes no new string.
  mutating func identifier(_ key: StaticString, reusing previous: String?) throws(EventDecodingError) -> String {
    let value = try identifierBytes(key)
    if let previous,
      previous.utf8.withContiguousStorageIfAvailable({ UnsafeRawBufferPointer($0).sameBytes(as: value) }) == true
    {
      return previous
    }
    return String(decoding: value, as: UTF8.self)
  }

  /// The bytes of an identifier (`FieldReader.isPlainIdentifier`: 1–128 visible ASCII
  /// characters) read in one pass: any other byte, a quote or backslash included, ends the
  /// canonical reading.
  mutating func identifierBytes(_ key: StaticString) throws(EventDecodingError) -> UnsafeRawBufferPointer {
    guard take(key), cursor < bytes.count, bytes[cursor] == 0x22 else { throw Self.notCanonical }
    cursor &+= 1
    guard let value = identifierValue() else { throw Self.notCanonical }
    try endValue(at: cursor &+ 1)
    return UnsafeRawBufferPointer(rebasing: bytes[value])
  }

  // Stepping from value to value, for the fixed start of the lines the replay reads most
  // (`FactLine`): the cursor stands inside the text, not at a key.

  /// Whether `text` comes next; steps over it when it does.
  mutating func follows(_ text: StaticString) -> Bool {
    let end = cursor &+ text.utf8CodeUnitCount
    guard end <= bytes.count, UnsafeRawBufferPointer(rebasing: bytes[cursor..<end]).sameBytes(as: text.utf8) else {
      return false
    }
    cursor = end
    return true
  }

  /// An identifier's characters from the cursor up to its closing quote, where the cursor is left.
  mutating func identifierValue() -> Range<Int>? {
    let start = cursor
    var index = start
    while index &+ 8 <= bytes.count, JSONParser.isPlainIdentifier(bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
      index &+= 8
    }
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x22 { break }
      guard byte > 0x20, byte < 0x7F, byte != 0x5C else { return nil }
      index &+= 1
    }
    guard index < bytes.count, (1...128).contains(index &- start) else { return nil }
    cursor = index
    return start..<index
  }

  /// The next `width` bytes, for the value's own parser to check; the cursor is left after them.
  mutating func fixedWidthValue(_ width: Int) -> UnsafeRawBufferPointer? {
    guard cursor &+ width <= bytes.count else { return nil }
    defer { cursor &+= width }
    return UnsafeRawBufferPointer(rebasing: bytes[cursor..<(cursor &+ width)])
  }

  mutating func region(_ key: StaticString) throws(EventDecodingError) -> String {
    let value = try plainString(key)
    guard !value.isEmpty, FieldReader.isRegionCode(value) else { throw Self.notCanonical }
    return String(decoding: value, as: UTF8.self)
  }

  mutating func integer(_ key: StaticString, in range: ClosedRange<Int>) throws(EventDecodingError) -> Int {
    guard let number = FieldReader.smallInteger(try scalar(key)), range.contains(number) else { throw Self.notCanonical }
    return number
  }

  mutating func bool(_ key: StaticString) throws(EventDecodingError) -> Bool {
    let value = try scalar(key)
    if value.sameBytes(as: StaticString("true").utf8) { return true }
    if value.sameBytes(as: StaticString("false").utf8) { return false }
    throw Self.notCanonical
  }

  mutating func money(_ key: StaticString, allowZero: Bool) throws(EventDecodingError) -> Money {
    guard let money = Money(decimalUTF8: try plainString(key)),
      allowZero || money.fen > 0
    else { throw Self.notCanonical }
    return money
  }

  mutating func date(_ key: StaticString) throws(EventDecodingError) -> CivilDate {
    guard let date = CivilDate(utf8: try fixedWidthString(key, 10)) else { throw Self.notCanonical }
    return date
  }

  mutating func residentID(_ key: StaticString) throws(EventDecodingError) -> ResidentID {
    guard let id = ResidentID(utf8: try fixedWidthString(key, 18)) else { throw Self.notCanonical }
    return id
  }

  /// A string value that can only be `width` bytes long (a date, a resident ID): its closing
  /// quote is looked for in one place, and the value's own parser checks every byte between.
  /// Any other length is not what the value's parser accepts either.
  mutating func fixedWidthString(_ key: StaticString, _ width: Int) throws(EventDecodingError) -> UnsafeRawBufferPointer {
    guard take(key), cursor &+ width &+ 1 < bytes.count, bytes[cursor] == 0x22, bytes[cursor &+ width &+ 1] == 0x22
    else { throw Self.notCanonical }
    let value = UnsafeRawBufferPointer(rebasing: bytes[(cursor &+ 1)..<(cursor &+ 1 &+ width)])
    try endValue(at: cursor &+ width &+ 2)
    return value
  }

  mutating func code<Code: RawRepresentable & CaseIterable>(_ key: StaticString, as: Code.Type)
    throws(EventDecodingError) -> Code where Code.RawValue == String
  {
    let spelling = try plainString(key)
    // The cases' spellings against the bytes: no string is built for the value.
    for code in Code.allCases {
      var raw = code.rawValue
      if raw.withUTF8({ spelling.sameBytes(as: UnsafeRawBufferPointer($0)) }) { return code }
    }
    throw Self.notCanonical
  }

  /// Only the next field counts: the canonical form holds no field out of order.
  func has(_ key: StaticString) -> Bool {
    var peek = self
    return peek.take(key) && !(peek.cursor + 4 <= bytes.count && bytes[peek.cursor] == UInt8(ascii: "n"))
  }

  mutating func objectList<Element>(_ key: StaticString, _ read: (inout CanonicalFields) throws(EventDecodingError) -> Element)
    throws(EventDecodingError) -> [Element]
  {
    var elements: [Element] = []
    try list(key) { (this: inout CanonicalFields) throws(EventDecodingError) in
      guard this.bytes[this.cursor] == 0x7B else { throw Self.notCanonical }
      var element = CanonicalFields(this.bytes, fieldsFrom: this.cursor &+ 1)
      elements.append(try read(&element))
      guard element.cursor < this.bytes.count, this.bytes[element.cursor] == 0x7D else { throw Self.notCanonical }
      this.cursor = element.cursor &+ 1
    }
    return elements
  }

  mutating func stringList<Element>(_ key: StaticString, _ convert: (String) throws(EventDecodingError) -> Element)
    throws(EventDecodingError) -> [Element]
  {
    var elements: [Element] = []
    try list(key) { (this: inout CanonicalFields) throws(EventDecodingError) in
      let (value, end) = try this.stringBytes(at: this.cursor)
      elements.append(try convert(String(decoding: value, as: UTF8.self)))
      this.cursor = end
    }
    return elements
  }

  /// Steps through `[e,e,…]`, calling `element` with the cursor at each element's start.
  mutating func list(_ key: StaticString, _ element: (inout CanonicalFields) throws(EventDecodingError) -> Void) throws(EventDecodingError) {
    guard take(key), cursor < bytes.count, bytes[cursor] == 0x5B else { throw Self.notCanonical }
    cursor &+= 1
    if cursor < bytes.count, bytes[cursor] == 0x5D {
      try endValue(at: cursor &+ 1)
      return
    }
    while true {
      guard cursor < bytes.count else { throw Self.notCanonical }
      try element(&self)
      guard cursor < bytes.count else { throw Self.notCanonical }
      if bytes[cursor] == 0x2C {
        cursor &+= 1
      } else if bytes[cursor] == 0x5D {
        try endValue(at: cursor &+ 1)
        return
      } else {
        throw Self.notCanonical
      }
    }
  }

  func invalid(_ key: StaticString, _ reason: String) -> EventDecodingError { Self.notCanonical }

  /// Whether the object ended exactly at the end of the bytes.
  var atEnd: Bool { cursor == bytes.count &- 1 && bytes[cursor] == 0x7D }
}
