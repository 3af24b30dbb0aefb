import ClaimsDomain
import ClaimsRules

/// `claims rules`: the rulesets, as the JSON of SPEC §12 or a summary table.
public enum RulesReport {
  public static func json(_ rulesets: [Ruleset]) -> String {
    let list = rulesets.map { ruleset -> JSONValue in
      var object = JSONObject()
      object.append("id", .string(ruleset.id))
      object.append("region", .string(ruleset.region))
      object.append("from", .string(ruleset.from.description))
      object.append("until", ruleset.until.map { .string($0.description) } ?? .null)
      object.append("kind", .string(ruleset.kind.rawValue))
      object.append("document", .string(ruleset.document))
      object.append("sha256", .string(ruleset.sha256))
      object.append("catalog", .array(ruleset.catalog.map(catalogRow)))
      object.append("standards", .array(ruleset.standards.map(standard)))
      return .object(object)
    }
    return JSONWriter.string(.object(JSONObject([("rulesets", .array(list))]))) + "\n"
  }

  static func catalogRow(_ row: CatalogRow) -> JSONValue {
    .object(
      JSONObject([
        ("category", .string(row.category.rawValue)), ("code", row.code.map(JSONValue.string) ?? .null),
        ("name", .string(row.name)), ("class", row.klass.map(JSONValue.string) ?? .null),
        ("reference", .string(row.reference)),
      ]))
  }

  static func standard(_ row: Standard) -> JSONValue {
    .object(
      JSONObject([
        ("category", .string(row.category.rawValue)),
        ("level", row.level.map { .string($0.rawValue) } ?? .null),
        ("class", row.klass.map(JSONValue.string) ?? .null),
        ("item", row.item.map(JSONValue.string) ?? .null), ("label", .string(row.label)),
        ("hours", .number(String(row.hours))), ("amount", .string(row.amount.decimalString)),
        ("reference", .string(row.reference)),
      ]))
  }

  public static func table(_ rulesets: [Ruleset]) -> String {
    var table = TextTable(["ruleset", "region", "in force", "kind", "document", "catalogue", "standards", "sha256"])
    for ruleset in rulesets {
      var counts: [String] = []
      for category in TrainingCategory.allCases {
        let count = ruleset.catalog.filter { $0.category == category }.count
        if count > 0 { counts.append("\(category.chineseName) \(count)") }
      }
      table.add([
        ruleset.id, ruleset.region, "\(ruleset.from) – \(ruleset.until?.description ?? "")",
        ruleset.kind.rawValue, ruleset.document, counts.isEmpty ? "—" : counts.joined(separator: ", "),
        String(ruleset.standards.count), String(ruleset.sha256.prefix(12)),
      ])
    }
    return table.render()
  }
}
