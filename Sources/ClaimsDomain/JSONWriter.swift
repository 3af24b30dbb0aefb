/// Writes JSON in the journal's canonical form: no spaces, fields in the order given, non-ASCII
/// text as raw UTF-8 (readable with grep), and only the escapes RFC 8259 requires.
public struct JSONWriter {
  public var bytes: [UInt8] = []

  public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

  public mutating func write(_ value: JSONValue) {
    switch value {
    case .null: raw("null")
    case .bool(let flag): raw(flag ? "true" : "false")
    case .number(let text): bytes.append(contentsOf: text.utf8)
    case .string(let text): writeString(text)
    case .array(let elements):
      bytes.append(UInt8(ascii: "["))
      for (index, element) in elements.enumerated() {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        write(element)
      }
      bytes.append(UInt8(ascii: "]"))
    case .object(let object):
      bytes.append(UInt8(ascii: "{"))
      writeFields(object)
      bytes.append(UInt8(ascii: "}"))
    }
  }

  /// Writes `"key":value` pairs separated by commas, without braces, so that a caller can
  /// prefix fields of its own.
  public mutating func writeFields(_ object: JSONObject) {
    for (index, field) in object.fields.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      writeString(field.key)
      bytes.append(UInt8(ascii: ":"))
      write(field.value)
    }
  }

  public mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

  /// Appends literal bytes (keys, punctuation): no escaping, no allocation.
  public mutating func raw(_ text: StaticString) {
    bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  public mutating func writeString(_ text: String) {
    // Almost every string needs no escape: check the bytes, then copy them in one go.
    let copied: Bool? = text.utf8.withContiguousStorageIfAvailable { utf8 in
      for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
        return false
      }
      bytes.append(UInt8(ascii: "\""))
      bytes.append(contentsOf: utf8)
      bytes.append(UInt8(ascii: "\""))
      return true
    }
    if copied != true { writeEscaped(text) }
  }

  mutating func writeEscaped(_ text: String) {
    bytes.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): raw("\\\"" as StaticString)
      case UInt8(ascii: "\\"): raw("\\\\" as StaticString)
      case 0x0A: raw("\\n" as StaticString)
      case 0x0D: raw("\\r" as StaticString)
      case 0x09: raw("\\t" as StaticString)
      case 0..<0x20:
        raw("\\u00" as StaticString)
        bytes.append(Self.hexDigits[Int(byte >> 4)])
        bytes.append(Self.hexDigits[Int(byte & 0xF)])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  /// Writes an integer in decimal, as `String(value)` spells it, without making the string.
  public mutating func writeInt(_ value: Int) {
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    writeUnsigned(UInt64(value.magnitude), minimumDigits: 1)
  }

  /// Writes `value` in decimal, padded with leading zeros to `minimumDigits` (at most 20).
  public mutating func writeUnsigned(_ value: UInt64, minimumDigits: Int) {
    // The digits are formed from the end in a stack buffer (divisions by the constant 10 are
    // multiplies) and appended in one go, not a byte and a division by a power of ten at a time.
    precondition(minimumDigits <= 24, "writeUnsigned pads to at most 24 digits")
    var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
    withUnsafeMutableBytes(of: &buffer) { out in
      var rest = value
      var index = out.count
      repeat {
        index &-= 1
        out[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
        rest /= 10
      } while rest != 0 || out.count &- index < minimumDigits
      let digits = out.baseAddress!.assumingMemoryBound(to: UInt8.self) + index
      bytes.append(contentsOf: UnsafeBufferPointer(start: digits, count: out.count &- index))
    }
  }

  public static func encode(_ value: JSONValue) -> [UInt8] {
    var writer = JSONWriter()
    writer.write(value)
    return writer.bytes
  }

  public static func string(_ value: JSONValue) -> String {
    String(decoding: encode(value), as: UTF8.self)
  }
}
