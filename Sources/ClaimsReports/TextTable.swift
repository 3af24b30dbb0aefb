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
    var cellWidths: [[Int]] = []
    cellWidths.reserveCapacity(rows.count)
    for row in rows {
      let rowWidths = row.map(Self.width)
      for (index, width) in rowWidths.enumerated() { widths[index] = max(widths[index], width) }
      cellWidths.append(rowWidths)
    }
    // One buffer for the whole table: a large report is rendered without a string per line.
    var text: [UInt8] = []
    func line(_ cells: [String], _ cellWidths: [Int]) {
      let start = text.count
      for (index, cell) in cells.enumerated() {
        if index > 0 { text.append(contentsOf: [0x20, 0x20]) }
        let padding = widths[index] - cellWidths[index]
        if rightAligned.contains(index) { text.append(contentsOf: repeatElement(0x20, count: padding)) }
        text.append(contentsOf: cell.utf8)
        if !rightAligned.contains(index) { text.append(contentsOf: repeatElement(0x20, count: padding)) }
      }
      while text.count > start, text.last == 0x20 { text.removeLast() }
      text.append(0x0A)
    }
    line(headers, widths.indices.map { Self.width(headers[$0]) })
    line(widths.map { String(repeating: "-", count: $0) }, widths)
    for (row, rowWidths) in zip(rows, cellWidths) { line(row, rowWidths) }
    return String(decoding: text, as: UTF8.self)
  }

  /// Display width: East Asian wide and full-width characters count two.
  public static func width(_ text: String) -> Int {
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.count }
    return text.unicodeScalars.reduce(0) { total, scalar in
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

