/// A row of a subsidy-standard table (LC-2024 附件2), exactly as printed.
struct StandardRow: Equatable, Sendable {
  /// The table's numeral, e.g. `三` for `（三）专项能力培训补贴标准`.
  let table: String
  let tableTitle: String
  /// 1-based position of the row under the table's header.
  let ordinal: Int
  /// The first cell: a level (`初级`) or a class/item (`食品类`, `鲁菜师傅 +`).
  let label: String
  let hours: Int
  /// Yuan per person as printed, a decimal string.
  let amount: String
  let reference: String
}

/// Whether `text` has the shape of a national occupation code, e.g. `6-18-02-04`.
func isOccupationCode(_ text: String) -> Bool {
  let digits = Set("0123456789")
  let shape = Array("9-99-99-99")
  let characters = Array(text)
  guard characters.count == shape.count else { return false }
  return zip(characters, shape).allSatisfy { c, s in s == "-" ? c == "-" : digits.contains(c) }
}

/// Extraction of LC-2024 (聊人社字〔2024〕12号): the six catalogues of 附件1 and the five
/// standards tables of 附件2.
enum LiaochengCatalog {
  static let document = "聊人社字〔2024〕12号"

  /// What each 附件1 section is, how its header reads, and a word its title must contain.
  private struct Layout {
    let category: String
    let titleWord: String
    let header: [String]
  }

  private static let layouts: [String: Layout] = [
    "一": Layout(
      category: "green", titleWord: "绿色低碳",
      header: ["序号", "职业名称(包括所含工种)", "编码", "领域"]),
    "二": Layout(
      category: "urgent", titleWord: "急需紧缺",
      header: ["序号", "职业名称(包括所含工种)", "职业编码", "领域", "级别"]),
    "三": Layout(
      category: "manufacturing", titleWord: "制造业", header: ["序号", "职业名称", "编码", "备注"]),
    "四": Layout(
      category: "special-ability", titleWord: "专项职业能力", header: ["序号", "职业名称", "类别"]),
    "五": Layout(
      category: "featured", titleWord: "特色培训", header: ["序号", "专业名称", "结业考核"]),
    "六": Layout(category: "entrepreneurship", titleWord: "创业培训", header: ["序号", "专业名称"]),
  ]

  static let specialAbilityClasses: Set<String> = ["食品制作类", "种植类", "手工制作类", "其它类"]

  /// Every catalogue row of 附件1, in seed order.
  static func catalog(_ seed: SeedText) throws(ExtractionError) -> [CatalogRow] {
    let start = try seed.indexOfLine("附件1")
    let end = try seed.indexOfLine("附件 2", from: start)
    let sections = seed.sections(in: (start + 1)..<end)
    guard sections.map(\.marker) == ["一", "二", "三", "四", "五", "六"] else {
      throw ExtractionError(
        seed: seed.name, line: start + 1, message: "附件1 sections \(sections.map(\.marker))")
    }
    var rows: [CatalogRow] = []
    for section in sections {
      guard let layout = layouts[section.marker], section.title.contains(layout.titleWord) else {
        throw seed.error(section.titleIndex, "unexpected section \(section.title)")
      }
      for (number, row) in try seed.numberedRows(of: section, expectedHeader: layout.header) {
        let reference = "\(document) 附件1（\(section.marker)）第\(number)行"
        rows.append(
          try catalogRow(
            row, number: number, category: layout.category, reference: reference, seed: seed))
      }
    }
    return rows
  }

  private static func catalogRow(
    _ row: TableRow, number: Int, category: String, reference: String, seed: SeedText
  ) throws(ExtractionError) -> CatalogRow {
    let cells = row.cells
    let name = cells[1]
    switch category {
    case "green", "urgent":
      let code = cells[2]
      guard isOccupationCode(code),
        let domain = Int(cells[3]), (1...5).contains(domain)
      else { throw seed.error(row.index, "bad code or domain in \(cells)") }
      var rowClass: String? = nil
      if category == "urgent" {
        guard ["A", "B", "C"].contains(cells[4]) else {
          throw seed.error(row.index, "urgency class \(cells[4]) is not A/B/C")
        }
        rowClass = cells[4]
      }
      return CatalogRow(
        category: category, code: code, name: name, rowClass: rowClass,
        extras: [("domain", .int(domain)), ("mark", .optionalString(name.occupationMark))],
        number: number, reference: reference)
    case "manufacturing":
      guard isOccupationCode(cells[2]) else {
        throw seed.error(row.index, "bad code \(cells[2])")
      }
      // The 备注 column is printed but empty in every row; kept so the row shows all columns.
      return CatalogRow(
        category: category, code: cells[2], name: name, rowClass: nil,
        extras: [("remark", .optionalString(cells[3].isEmpty ? nil : cells[3]))],
        number: number, reference: reference)
    case "special-ability":
      guard specialAbilityClasses.contains(cells[2]) else {
        throw seed.error(row.index, "unknown special-ability class \(cells[2])")
      }
      return CatalogRow(
        category: category, code: nil, name: name, rowClass: cells[2], extras: [],
        number: number, reference: reference)
    case "featured":
      return CatalogRow(
        category: category, code: nil, name: name, rowClass: nil,
        extras: [("assessment", .string(cells[2]))], number: number, reference: reference)
    default:
      return CatalogRow(
        category: category, code: nil, name: name, rowClass: nil, extras: [], number: number,
        reference: reference)
    }
  }

  /// Every row of the five 附件2 standards tables, in seed order.
  static func standards(_ seed: SeedText) throws(ExtractionError) -> [StandardRow] {
    let start = try seed.indexOfLine("附件 2")
    let sections = seed.sections(in: (start + 1)..<seed.lines.count)
    guard sections.map(\.marker) == ["一", "二", "三", "四", "五"] else {
      throw ExtractionError(
        seed: seed.name, line: start + 1, message: "附件2 sections \(sections.map(\.marker))")
    }
    var rows: [StandardRow] = []
    for section in sections {
      for (offset, row) in try seed.standardRows(of: section).enumerated() {
        guard let hours = Int(row.cells[1]),
          (try? #/[0-9]+(\.[0-9]{1,2})?/#.wholeMatch(in: row.cells[2])) != nil
        else { throw seed.error(row.index, "bad hours or amount in \(row.cells)") }
        rows.append(
          StandardRow(
            table: section.marker, tableTitle: section.title, ordinal: offset + 1,
            label: row.cells[0], hours: hours, amount: row.cells[2],
            reference: "\(document) 附件2（\(section.marker)）第\(offset + 1)行"))
      }
    }
    return rows
  }
}
