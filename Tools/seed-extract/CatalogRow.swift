import ClaimsDomain

/// One row of a published catalogue, as transcribed from a seed.
struct CatalogRow: Equatable, Sendable {
  /// The SPEC §2 category code: `green`, `urgent`, `general`, `manufacturing`,
  /// `special-ability`, `featured`, `entrepreneurship` or `project`.
  let category: String
  /// The occupation code (e.g. `6-18-02-04`) where the seed prints one, else nil.
  let code: String?
  /// The item name exactly as printed (a cell wrapped over two lines is joined).
  let name: String
  /// The A/B/C urgency, or the special-ability class (食品制作类 …), or nil.
  let rowClass: String?
  /// Further columns the seed prints, by field name, in a fixed order per catalogue.
  let extras: [(String, JSONValue)]
  /// The row's 序号 as printed, or nil where the table numbers no rows.
  let number: Int?
  /// Document number (or title) + section/attachment + row, e.g.
  /// `聊人社字〔2024〕12号 附件1（二）第5行`.
  let reference: String

  static func == (lhs: CatalogRow, rhs: CatalogRow) -> Bool {
    lhs.json == rhs.json
  }

  /// The row as a ruleset file holds it: fixed fields first, then the extras, then the
  /// printed number and the reference.
  var json: JSONValue { .object(object) }

  private var object: JSONObject {
    var object = JSONObject([
      ("category", .string(category)),
      ("code", .optionalString(code)),
      ("name", .string(name)),
      ("class", .optionalString(rowClass)),
    ])
    for (key, value) in extras { object.append(key, value) }
    object.append("no", number.map { JSONValue.int($0) } ?? .null)
    object.append("reference", .string(reference))
    return object
  }

  /// One tab-separated line for `seed-extract --print`: the fields in `json` order.
  var tsv: String {
    object.fields.map { field in
      switch field.value {
      case .string(let s): return s
      case .null: return "-"
      default: return field.value.compactText()
      }
    }.joined(separator: "\t")
  }
}

extension JSONValue {
  /// An integer field, written without a decimal point.
  static func int(_ value: Int) -> JSONValue { .number(String(value)) }

  /// A string field, or `null` where the seed prints nothing.
  static func optionalString(_ value: String?) -> JSONValue {
    value.map { .string($0) } ?? .null
  }
}

/// A transcription failure: the seed's layout is not what the extractor knows how to read.
///
/// The extractor refuses rather than guesses, so a seed edit that moves or drops a row is
/// reported, never silently transcribed.
struct ExtractionError: Error, CustomStringConvertible {
  let seed: String
  let line: Int?
  let message: String

  var description: String {
    if let line { return "\(seed):\(line): \(message)" }
    return "\(seed): \(message)"
  }
}
