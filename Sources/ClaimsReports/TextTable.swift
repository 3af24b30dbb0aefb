/// A plain-text table for people: columns aligned by display width, where Chinese characters
/// take two columns, as a terminal shows them.
public struct TextTable {
  public var headers: [String]
  public var rows: [[String]] = []
  /// Columns aligned right (amounts, counts).
  public var rightAligned: Set<Int> = []

  public init(_ headers: [String], rightAligned: Set<Int> = []) {
    self.headers = headers
    self.rightAligned = rightAligned
  }

  /// Adds a row; any resident ID number in it is masked (`ResidentIDMask`).
  public mutating func add(_ row: [String]) {
    precondition(row.count == headers.count, "a row has as many cells as the table has columns")
    rows.append(row.map(ResidentIDMask.apply))
  }

  public func render() -> String {
    var widths = headers.map(Self.width)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], Self.width(cell)) }
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { index, cell in
        let padding = String(repeating: " ", count: widths[index] - Self.width(cell))
        return rightAligned.contains(index) ? padding + cell : cell + padding
      }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
    }
    var text = line(headers)
    text += line(widths.map { String(repeating: "-", count: $0) })
    for row in rows { text += line(row) }
    return text
  }

  /// Display width: East Asian wide and full-width characters count two.
  public static func width(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { total, scalar in
      let value = scalar.value
      let wide =
        (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
        || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
        || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
        || (0xFFE0...0xFFE6).contains(value) || (0x20000...0x3FFFD).contains(value)
      return total + (wide ? 2 : 1)
    }
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }
}
