import ClaimsDomain

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
    writeCanonical(to: &out, depth: 0)
    out += "\n"
    return out
  }

  private func writeCanonical(to out: inout String, depth: Int) {
    let indent = String(repeating: "  ", count: depth + 1)
    let closing = String(repeating: "  ", count: depth)
    switch self {
    case .object(let object) where depth < 2 && !object.fields.isEmpty:
      out += "{\n"
      for (offset, field) in object.fields.enumerated() {
        out += indent + JSONWriter.string(.string(field.key)) + ": "
        field.value.writeCanonical(to: &out, depth: depth + 1)
        out += offset + 1 < object.fields.count ? ",\n" : "\n"
      }
      out += closing + "}"
    case .array(let elements) where depth < 2 && !elements.isEmpty:
      out += "[\n"
      for (offset, element) in elements.enumerated() {
        out += indent
        element.writeCanonical(to: &out, depth: depth + 1)
        out += offset + 1 < elements.count ? ",\n" : "\n"
      }
      out += closing + "]"
    default:
      out += compactText()
    }
  }

  /// The value on one line, with `", "` and `": "` separators for readability.
  ///
  /// Scalars and keys go through `JSONWriter`, whose escaping (only what RFC 8259 requires,
  /// non-ASCII kept as UTF-8 so the files read as Chinese) is the layout's own.
  func compactText() -> String {
    switch self {
    case .array(let elements):
      return "[" + elements.map { $0.compactText() }.joined(separator: ", ") + "]"
    case .object(let object):
      let body = object.fields.map {
        JSONWriter.string(.string($0.key)) + ": " + $0.value.compactText()
      }
      return "{" + body.joined(separator: ", ") + "}"
    default:
      return JSONWriter.string(self)
    }
  }
}
