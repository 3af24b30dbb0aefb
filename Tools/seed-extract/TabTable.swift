import Foundation

/// A numbered section of an attachment, such as `(二) 急需紧缺职业（工种）培训项目指导目录`.
struct SeedSection: Sendable {
  /// The Chinese numeral inside the parentheses, e.g. `二`.
  let marker: String
  /// The title after the parentheses, as printed.
  let title: String
  /// 0-based index of the title line in the seed.
  let titleIndex: Int
  /// 0-based indices of the body lines, up to the next section or the end of the range.
  let body: Range<Int>
}

/// A data row of a tab-separated table: its 0-based line index and cells.
struct TableRow: Sendable {
  let index: Int
  let cells: [String]
}

extension SeedText {
  /// The sections whose titles start with `(一)`/`（一）` … between `start` and `end`.
  func sections(in range: Range<Int>) -> [SeedSection] {
    let pattern = #/^[(（]([一二三四五六七八九十]+)[)）]\s*(.+)$/#
    var titles: [(index: Int, marker: String, title: String)] = []
    for index in range {
      if let match = try? pattern.wholeMatch(in: lines[index].trimmed) {
        titles.append((index, String(match.1), String(match.2)))
      }
    }
    return titles.enumerated().map { offset, title in
      let end = offset + 1 < titles.count ? titles[offset + 1].index : range.upperBound
      return SeedSection(
        marker: title.marker, title: title.title, titleIndex: title.index,
        body: (title.index + 1)..<end)
    }
  }

  /// The numbered rows of a catalogue section (`序号` first), checked strictly.
  ///
  /// Every non-blank line of the section must be a header (`序号\t…`, repeated after page
  /// breaks and identical up to the width of its parentheses), a row (`N\t…`) with as many cells
  /// as the header, or part of the `备注` notes that end a table. Row numbers must run 1, 2, 3 …
  /// except at the numbers in `skippedNumbers`, which the seed itself omits. Anything else stops
  /// the extraction.
  func numberedRows(
    of section: SeedSection, expectedHeader: [String], skippedNumbers: Set<Int> = []
  ) throws(ExtractionError) -> [(number: Int, row: TableRow)] {
    var rows: [(number: Int, row: TableRow)] = []
    var expected = 1
    var inRemarks = false
    for index in section.body {
      let line = lines[index]
      if line.trimmed.isEmpty { continue }
      let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      // The notes under a table (备注：1. … 2. …) run to the end of the section; a row after
      // them would mean the layout is not understood.
      if line.trimmed.hasPrefix("备注") { inRemarks = true }
      if inRemarks {
        guard cells.count == 1 else { throw error(index, "a table line among the notes: \(line)") }
        continue
      }
      if cells.first?.trimmed == "序号" {
        guard cells.map({ $0.trimmed.halfWidthParentheses }) == expectedHeader else {
          throw error(index, "unexpected header \(cells) in \(section.title)")
        }
        continue
      }
      guard let number = Int(cells[0].trimmed) else {
        throw error(index, "a line that is neither header, row nor remark: \(line)")
      }
      guard cells.count == expectedHeader.count else {
        throw error(index, "\(cells.count) cells, header has \(expectedHeader.count)")
      }
      while skippedNumbers.contains(expected) { expected += 1 }
      guard number == expected else {
        throw error(index, "row number \(number), expected \(expected)")
      }
      expected += 1
      rows.append((number, TableRow(index: index, cells: cells.map(\.trimmed))))
    }
    return rows
  }

  /// The rows of a small standards table (header first), every line checked.
  func standardRows(of section: SeedSection) throws(ExtractionError) -> [TableRow] {
    var rows: [TableRow] = []
    var sawHeader = false
    for index in section.body {
      let line = lines[index]
      if line.trimmed.isEmpty || line.trimmed.hasPrefix("备注") { continue }
      let cells = line.split(separator: "\t").map { String($0).trimmed }
      guard cells.count == 3 else { throw error(index, "expected 3 cells: \(line)") }
      if !sawHeader {
        sawHeader = true
        guard cells[1] == "补贴课时", cells[2] == "补贴标准（单位：元/人）" else {
          throw error(index, "unexpected standards header \(cells)")
        }
        continue
      }
      rows.append(TableRow(index: index, cells: cells))
    }
    return rows
  }
}

extension String {
  /// The text with full-width parentheses replaced by ASCII ones, to compare headers that the
  /// seed prints both ways.
  var halfWidthParentheses: String {
    replacingOccurrences(of: "（", with: "(").replacingOccurrences(of: "）", with: ")")
  }

  /// The trailing green/digital mark of an occupation name (`L`, `S` or `L/S`), if any.
  ///
  /// The seeds append the mark after a space (`人工智能训练师 S`); the notes below the tables
  /// define it as a marking, so it is also given as its own field.
  var occupationMark: String? {
    let pattern = #/^.+ (L|S|L/S)$/#
    return (try? pattern.wholeMatch(in: self)).map { String($0.1) }
  }
}
