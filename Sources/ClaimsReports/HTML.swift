/// Text for the HTML report: every piece of text passes through `text(_:)`, which masks resident
/// ID numbers (SPEC §2: human-readable output never shows one whole) and escapes the characters
/// HTML gives meaning to, so no journal text can become markup.
enum HTML {
  /// Masked, then escaped for element content and quoted attribute values alike.
  static func text(_ raw: String) -> String { escape(ResidentIDMask.apply(raw)) }

  static func escape(_ raw: String) -> String {
    var out = ""
    out.reserveCapacity(raw.utf8.count)
    for character in raw {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(character)
      }
    }
    return out
  }

  /// A table: headers, then rows of text cells; `numeric` columns align right.
  struct Table {
    var headers: [String]
    var numeric: Set<Int> = []
    var rows: [[String]] = []
    /// Rows styled as totals (bold, a rule above).
    var totalRows: Set<Int> = []

    mutating func add(_ cells: [String], total: Bool = false) {
      precondition(cells.count == headers.count, "a row has as many cells as the table has columns")
      if total { totalRows.insert(rows.count) }
      rows.append(cells)
    }

    func render(caption: String? = nil) -> String {
      var out = "<table>\n"
      if let caption { out += "<caption>\(HTML.text(caption))</caption>\n" }
      out +=
        "<thead><tr>" + headers.enumerated().map { cell("th", $0.offset, $0.element) }.joined()
        + "</tr></thead>\n<tbody>\n"
      for (index, row) in rows.enumerated() {
        out += totalRows.contains(index) ? "<tr class=\"total\">" : "<tr>"
        out += row.enumerated().map { cell("td", $0.offset, $0.element) }.joined() + "</tr>\n"
      }
      return out + "</tbody>\n</table>\n"
    }

    func cell(_ tag: String, _ column: Int, _ text: String) -> String {
      let style = numeric.contains(column) ? " class=\"num\"" : ""
      return "<\(tag)\(style)>\(HTML.text(text))</\(tag)>"
    }
  }
}
