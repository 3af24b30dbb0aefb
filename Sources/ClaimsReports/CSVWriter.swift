/// CSV for machines (RFC 4180): a header row, then one row per record; a field with a comma,
/// quote or line break is quoted, quotes doubled. Resident IDs are written whole (SPEC §2).
public struct CSVWriter {
  public private(set) var text = ""

  public init(header: [String]) { addRow(header) }

  public mutating func addRow(_ fields: [String]) {
    text += fields.map(Self.escape).joined(separator: ",") + "\n"
  }

  public static func escape(_ field: String) -> String {
    // Bytes, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
    guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
      return field
    }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
