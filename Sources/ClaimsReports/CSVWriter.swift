/// CSV for machines (RFC 4180): a header row, then one row per record; a field with a comma,
/// quote or line break is quoted, quotes doubled. Resident IDs are written whole (SPEC §2).
public struct CSVWriter {
  public private(set) var text = ""

  public init(header: [String]) { addRow(header) }

  public mutating func addRow(_ fields: [String]) {
    text += fields.map(Self.escape).joined(separator: ",") + "\n"
  }

  /// The rows written so far, handed over and forgotten: a long file goes out in parts.
  public mutating func takeText() -> String {
    defer { text = "" }
    return text
  }

  public static func escape(_ field: String) -> String {
    var text = field
    // Over the contiguous bytes, not Characters ("\r\n" is one Character, equal to neither
    // "\r" nor "\n"), nor the generic UTF-8 view, nor Foundation's replacingOccurrences: on a
    // large export these had been a third of `claims entitlements --format csv`.
    let quoted = text.withUTF8 { bytes -> [UInt8]? in
      guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return nil }
      var quoted: [UInt8] = [0x22]
      quoted.reserveCapacity(bytes.count + 8)
      for byte in bytes {
        quoted.append(byte)
        if byte == 0x22 { quoted.append(0x22) }
      }
      quoted.append(0x22)
      return quoted
    }
    return quoted.map { String(decoding: $0, as: UTF8.self) } ?? field
  }
}
