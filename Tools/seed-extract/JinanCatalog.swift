/// Extraction of JN-2023 (济人社函〔2023〕28号): the four catalogues of its 附件.
enum JinanCatalog {
  static let document = "济人社函〔2023〕28号"

  private struct Layout {
    let category: String
    let titleWord: String
    let header: [String]
    /// Row numbers the seed's own numbering leaves out.
    let skipped: Set<Int>
  }

  private static let codedHeader = ["序号", "编码", "职业名称(包括所含工种)", "行业分类"]

  private static let layouts: [String: Layout] = [
    "一": Layout(category: "urgent", titleWord: "急需紧缺", header: codedHeader, skipped: []),
    // The seed numbers this list 1–8, 10–450: there is no row 9 (449 rows).
    "二": Layout(category: "general", titleWord: "一般性", header: codedHeader, skipped: [9]),
    "三": Layout(category: "manufacturing", titleWord: "制造业", header: codedHeader, skipped: []),
    "四": Layout(
      category: "project", titleWord: "项目制", header: ["序号", "项目名称", "行业分类"],
      skipped: []),
  ]

  /// Every catalogue row of the 附件, in seed order.
  static func catalog(_ seed: SeedText) throws(ExtractionError) -> [CatalogRow] {
    // The body of the notice has its own (一)/(二) headings; the catalogues follow the
    // stand-alone 附件 line.
    let start = try seed.indexOfLine("附件")
    let sections = seed.sections(in: (start + 1)..<seed.lines.count)
    guard sections.map(\.marker) == ["一", "二", "三", "四"] else {
      throw ExtractionError(
        seed: seed.name, line: start + 1, message: "附件 sections \(sections.map(\.marker))")
    }
    var rows: [CatalogRow] = []
    for section in sections {
      guard let layout = layouts[section.marker], section.title.contains(layout.titleWord) else {
        throw seed.error(section.titleIndex, "unexpected section \(section.title)")
      }
      let numbered = try seed.numberedRows(
        of: section, expectedHeader: layout.header, skippedNumbers: layout.skipped)
      for (number, row) in numbered {
        let reference = "\(document) 附件（\(section.marker)）第\(number)行"
        rows.append(try catalogRow(row, number: number, layout: layout, reference: reference, seed))
      }
    }
    return rows
  }

  private static func catalogRow(
    _ row: TableRow, number: Int, layout: Layout, reference: String, _ seed: SeedText
  ) throws(ExtractionError) -> CatalogRow {
    let cells = row.cells
    if layout.category == "project" {
      return CatalogRow(
        category: "project", code: nil, name: cells[1], rowClass: nil,
        extras: [("industry_class", .string(cells[2]))], number: number, reference: reference)
    }
    guard isOccupationCode(cells[1]) else {
      throw seed.error(row.index, "bad code \(cells[1])")
    }
    // The industry class is kept as printed, including the seed's variants (电气水利 beside
    // 电力水利, the truncated 建筑施): the report lists them; the transcription does not fix them.
    return CatalogRow(
      category: layout.category, code: cells[1], name: cells[2], rowClass: nil,
      extras: [
        ("industry_class", .string(cells[3])), ("mark", .optionalString(cells[2].occupationMark)),
      ],
      number: number, reference: reference)
  }
}
