/// Writes the canonical bytes, as `JSONWriter.writeFields(jsonObject)` would.
///
/// The bytes are staged in a small buffer the caller provides (on the stack) and appended to
/// the writer's array when it fills and at the end: each value is formatted through a pointer
/// after one check for room, instead of one array append, with its uniqueness and capacity
/// checks, per byte. A string too long for the stage goes to the writer directly.
struct ByteSink: EventFieldSink {
  /// Room for every fixed-size value (numbers, dates, IDs, money) and for most strings.
  static let stageCapacity = 512

  var writer: JSONWriter
  /// The stage; nil only in `empty`, which never writes.
  var stage: UnsafeMutablePointer<UInt8>?
  /// How many bytes of the stage are waiting for the writer.
  var staged = 0
  /// No comma before the first field of an object.
  var first = true

  init(writer: JSONWriter, stage: UnsafeMutablePointer<UInt8>?) {
    (self.writer, self.stage) = (writer, stage)
  }

  static var empty: ByteSink { ByteSink(writer: JSONWriter(capacity: 0), stage: nil) }

  /// Appends the staged bytes to the writer.
  mutating func flush() {
    guard staged > 0 else { return }
    writer.bytes.append(contentsOf: UnsafeBufferPointer(start: stage, count: staged))
    staged = 0
  }

  /// Makes room for `count` more bytes (at most `stageCapacity`) and returns where they go;
  /// the caller writes them and adds `count` to `staged`.
  @inline(__always)
  mutating func room(_ count: Int) -> UnsafeMutablePointer<UInt8> {
    if staged &+ count > Self.stageCapacity { flush() }
    return stage! + staged
  }

  @inline(__always)
  mutating func put(_ byte: UInt8) {
    room(1).pointee = byte
    staged &+= 1
  }

  @inline(__always)
  mutating func put(_ text: StaticString) {
    let count = text.utf8CodeUnitCount
    room(count).update(from: text.utf8Start, count: count)
    staged &+= count
  }

  @inline(__always)
  mutating func key(_ key: StaticString) {
    let count = key.utf8CodeUnitCount
    let out = room(count &+ 4)
    var at = 0
    if first { first = false } else {
      out[0] = UInt8(ascii: ",")
      at = 1
    }
    out[at] = UInt8(ascii: "\"")
    (out + (at &+ 1)).update(from: key.utf8Start, count: count)
    out[at &+ count &+ 1] = UInt8(ascii: "\"")
    out[at &+ count &+ 2] = UInt8(ascii: ":")
    staged &+= at &+ count &+ 3
  }

  /// A string as `JSONWriter.writeString` writes it.
  mutating func putString(_ value: String) {
    // Almost every string needs no escape and fits the stage: check the bytes, copy them once.
    let done: Bool? = value.utf8.withContiguousStorageIfAvailable { utf8 in
      guard utf8.count &+ 2 <= Self.stageCapacity else { return false }
      for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
        return false
      }
      let out = room(utf8.count &+ 2)
      out[0] = UInt8(ascii: "\"")
      if utf8.count > 0 { (out + 1).update(from: utf8.baseAddress!, count: utf8.count) }
      out[utf8.count &+ 1] = UInt8(ascii: "\"")
      staged &+= utf8.count &+ 2
      return true
    }
    if done != true {
      flush()
      writer.writeString(value)
    }
  }

  /// `value` in decimal, zero-padded to `minimumDigits` (at most 20): as
  /// `JSONWriter.writeUnsigned`, with divisions by the constant 10 (a multiply) from the end.
  @inline(__always)
  mutating func putUnsigned(_ value: UInt64, minimumDigits: Int) {
    var digits = 1
    var rest = value
    while rest >= 10 {
      rest /= 10
      digits &+= 1
    }
    if digits < minimumDigits { digits = minimumDigits }
    let out = room(digits)
    rest = value
    var index = digits
    while index > 0 {
      index &-= 1
      out[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
      rest /= 10
    }
    staged &+= digits
  }

  mutating func text(_ key: StaticString, _ value: String) {
    self.key(key)
    putString(value)
  }
  mutating func number(_ key: StaticString, _ value: Int) {
    self.key(key)
    if value < 0 { put(UInt8(ascii: "-")) }
    putUnsigned(UInt64(value.magnitude), minimumDigits: 1)
  }
  mutating func bool(_ key: StaticString, _ value: Bool) {
    self.key(key)
    put(value ? "true" as StaticString : "false")
  }
  mutating func money(_ key: StaticString, _ value: Money) {
    // As `Money.decimalString`: sign, yuan, point, two digits of fen.
    self.key(key)
    put(UInt8(ascii: "\""))
    if value.fen < 0 { put(UInt8(ascii: "-")) }
    let magnitude = value.fen.magnitude
    putUnsigned(magnitude / 100, minimumDigits: 1)
    put(UInt8(ascii: "."))
    putUnsigned(magnitude % 100, minimumDigits: 2)
    put(UInt8(ascii: "\""))
  }
  mutating func date(_ key: StaticString, _ value: CivilDate) {
    self.key(key)
    putDate(value)
  }
  mutating func putDate(_ value: CivilDate) {
    // As `CivilDate.description`: YYYY-MM-DD, zero-padded.
    put(UInt8(ascii: "\""))
    putUnsigned(UInt64(value.year), minimumDigits: 4)
    put(UInt8(ascii: "-"))
    putUnsigned(UInt64(value.month), minimumDigits: 2)
    put(UInt8(ascii: "-"))
    putUnsigned(UInt64(value.day), minimumDigits: 2)
    put(UInt8(ascii: "\""))
  }
  mutating func resident(_ key: StaticString, _ value: ResidentID) {
    self.key(key)
    putResident(value)
  }
  mutating func putResident(_ value: ResidentID) {
    // As `ResidentID.value`, quoted: 17 digits, then the check character, computed in the same
    // pass from the end (ISO 7064 MOD 11-2, as `checkCharacter`).
    let out = room(20)
    out[0] = UInt8(ascii: "\"")
    var rest = value.digits
    var sum = 0
    for index in stride(from: 16, through: 0, by: -1) {
      let digit = rest % 10
      rest /= 10
      out[1 &+ index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: digit)
      sum &+= Int(digit) &* ResidentID.weights[index]
    }
    out[18] = ResidentID.checkCharacters[(12 - sum % 11) % 11]
    out[19] = UInt8(ascii: "\"")
    staged &+= 20
  }
  mutating func texts<Values: Sequence<String>>(_ key: StaticString, _ values: Values) {
    self.key(key)
    put(UInt8(ascii: "["))
    var firstValue = true
    for value in values {
      if firstValue { firstValue = false } else { put(UInt8(ascii: ",")) }
      putString(value)
    }
    put(UInt8(ascii: "]"))
  }
  mutating func residents(_ key: StaticString, _ values: [ResidentID]) {
    self.key(key)
    put(UInt8(ascii: "["))
    for (index, value) in values.enumerated() {
      if index > 0 { put(UInt8(ascii: ",")) }
      putResident(value)
    }
    put(UInt8(ascii: "]"))
  }
  mutating func objects(_ key: StaticString, count: Int, _ each: (inout ByteSink, Int) -> Void) {
    self.key(key)
    put(UInt8(ascii: "["))
    for index in 0..<count {
      if index > 0 { put(UInt8(ascii: ",")) }
      put(UInt8(ascii: "{"))
      first = true
      each(&self, index)
      put(UInt8(ascii: "}"))
    }
    put(UInt8(ascii: "]"))
    first = false
  }
}
