/// Extraction of CC-2024 (长春市支持重点企业项目制培训实施方案（征求意见稿）): the 175-row
/// occupation catalogue of its 附件2.
///
/// The seed prints this table as one cell per line: a line starting with a tab opens a cell, a
/// line without one continues the cell above (the source wrapped the text), and a blank line ends
/// a row. Merged cells are printed once and left empty below, so the grouping columns are filled
/// down from the row above.
enum ChangchunCatalog {
  /// The draft carries no document number; its title stands in for one in references.
  static let document = "长春市支持重点企业项目制培训实施方案（征求意见稿）"

  /// The six printed headers; 职业（工种）名称 spans two data columns (group, occupation).
  static let header = ["序号", "行业名称", "职业分类", "职业（工种）名称", "职业编号", "类别"]

  static func catalog(_ seed: SeedText) throws(ExtractionError) -> [CatalogRow] {
    let start = try seed.indexOfLine("附件2：")
    let records = try cellRecords(seed, from: start + 1)
    guard records.count >= 2, records[0].cells.count == 1, records[1].cells == header else {
      throw seed.error(start, "附件2 does not open with its title and header")
    }
    var rows: [CatalogRow] = []
    var grouping = ["", "", ""]
    for (offset, record) in records.dropFirst(2).enumerated() {
      let cells = record.cells
      guard cells.count == 7, Int(cells[0]) == offset + 1 else {
        throw seed.error(record.index, "expected row \(offset + 1) with 7 cells, got \(cells)")
      }
      for column in 0..<3 where !cells[column + 1].isEmpty {
        grouping[column] = cells[column + 1]
        // A new industry or sector starts its own groups: nothing may be filled down across it.
        for inner in (column + 1)..<3 where cells[inner + 1].isEmpty { grouping[inner] = "" }
      }
      let name = cells[4]
      let code = cells[5]
      guard !grouping.contains(""), !name.isEmpty,
        isOccupationCode(code),
        ["A", "B", "C"].contains(cells[6])
      else { throw seed.error(record.index, "incomplete row \(cells)") }
      rows.append(
        CatalogRow(
          category: "project", code: code, name: name, rowClass: cells[6],
          extras: [
            ("industry", .string(grouping[0])), ("sector", .string(grouping[1])),
            ("occupation_group", .string(grouping[2])),
          ],
          number: offset + 1, reference: "\(document) 附件2 第\(offset + 1)行"))
    }
    return rows
  }

  /// The table's rows as lists of cells, each cell trimmed and its wrapped lines joined.
  private static func cellRecords(
    _ seed: SeedText, from start: Int
  ) throws(ExtractionError) -> [(index: Int, cells: [String])] {
    var records: [(index: Int, cells: [String])] = []
    var cells: [String] = []
    var recordStart = start
    func finish() {
      if !cells.isEmpty { records.append((recordStart, cells.map(\.trimmed))) }
      cells = []
    }
    for index in start..<seed.lines.count {
      let line = seed.lines[index]
      if line.hasPrefix("\t") {
        if cells.isEmpty { recordStart = index }
        cells.append(String(line.dropFirst()))
      } else if line.trimmed.isEmpty {
        finish()
      } else {
        guard !cells.isEmpty else { throw seed.error(index, "text outside any cell: \(line)") }
        // A wrapped cell: the break is the source's line wrap, not part of the name.
        cells[cells.count - 1] += line.trimmed
      }
    }
    finish()
    return records
  }
}
