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

  public mutating func writeString(_ text: String) {
    bytes.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): raw("\\\"")
      case UInt8(ascii: "\\"): raw("\\\\")
      case 0x0A: raw("\\n")
      case 0x0D: raw("\\r")
      case 0x09: raw("\\t")
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        raw("\\u00")
        bytes.append(hex[Int(byte >> 4)])
        bytes.append(hex[Int(byte & 0xF)])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
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
