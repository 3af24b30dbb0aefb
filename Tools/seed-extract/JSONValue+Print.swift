extension JSONValue {
  /// The canonical text of a ruleset file.
  ///
  /// The top-level object and its object or array members are laid out one entry per line with
  /// 2-space indent; anything deeper is written compactly on that entry's line. So each catalog
  /// row, standard, plan and parameter is exactly one line: a reviewer can grep a code and see
  /// the whole row with its reference, and a diff of a transcription change is one line per row.
  /// The output ends with a newline; the same value always gives the same bytes.
  func canonicalText() -> String {
    var out = ""
    write(to: &out, depth: 0)
    out += "\n"
    return out
  }

  private func write(to out: inout String, depth: Int) {
    let indent = String(repeating: "  ", count: depth + 1)
    let closing = String(repeating: "  ", count: depth)
    switch self {
    case .object(let members) where depth < 2 && !members.isEmpty:
      out += "{\n"
      for (offset, member) in members.enumerated() {
        out += indent + JSONValue.quoted(member.0) + ": "
        member.1.write(to: &out, depth: depth + 1)
        out += offset + 1 < members.count ? ",\n" : "\n"
      }
      out += closing + "}"
    case .array(let elements) where depth < 2 && !elements.isEmpty:
      out += "[\n"
      for (offset, element) in elements.enumerated() {
        out += indent
        element.write(to: &out, depth: depth + 1)
        out += offset + 1 < elements.count ? ",\n" : "\n"
      }
      out += closing + "]"
    default:
      out += compactText()
    }
  }

  /// The value on one line, with `", "` and `": "` separators for readability.
  func compactText() -> String {
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let literal): return literal
    case .string(let s): return JSONValue.quoted(s)
    case .array(let elements):
      return "[" + elements.map { $0.compactText() }.joined(separator: ", ") + "]"
    case .object(let members):
      let body = members.map { JSONValue.quoted($0.0) + ": " + $0.1.compactText() }
      return "{" + body.joined(separator: ", ") + "}"
    }
  }

  /// A JSON string literal; non-ASCII text stays as UTF-8 so the files read as Chinese.
  static func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case let c where c.value < 0x20:
        let hex = String(c.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
