import ClaimsDomain
import ClaimsRules

/// `claims entitlements`: per trainee and class, as a table (IDs masked), CSV or JSON (whole).
public enum EntitlementsReport {
  public static func json(_ entitlements: [Entitlement]) -> String {
    let list = entitlements.map { entitlement -> JSONValue in
      var object = JSONObject()
      object.append("trainee", .string(entitlement.trainee.value))
      object.append("class", .string(entitlement.classID))
      object.append("status", .string(entitlement.status.rawValue))
      object.append("amount", entitlement.amount.map { .string($0.decimalString) } ?? .null)
      object.append("fund", entitlement.fund.map { .string($0.rawValue) } ?? .null)
      object.append("reasons", .array(entitlement.reasons.map(JSONValue.string)))
      object.append("rules", .array(entitlement.rules.map(JSONValue.string)))
      object.append("ruleset", entitlement.ruleset.map(JSONValue.string) ?? .null)
      object.append("ruleset_sha256", entitlement.rulesetSHA256.map(JSONValue.string) ?? .null)
      object.append("arithmetic", .string(entitlement.arithmetic))
      return .object(object)
    }
    return JSONWriter.string(.object(JSONObject([("entitlements", .array(list))]))) + "\n"
  }

  public static func csv(_ entitlements: [Entitlement]) -> String {
    var csv = CSVWriter(header: [
      "trainee", "class", "status", "amount", "fund", "reasons", "ruleset", "rules", "arithmetic",
    ])
    for e in entitlements {
      csv.addRow([
        e.trainee.value, e.classID, e.status.rawValue, e.amount?.decimalString ?? "",
        e.fund?.rawValue ?? "", e.reasons.joined(separator: " "), e.ruleset ?? "",
        e.rules.joined(separator: "; "), e.arithmetic,
      ])
    }
    return csv.text
  }

  public static func table(_ entitlements: [Entitlement]) -> String {
    var table = TextTable(["trainee", "class", "status", "amount", "fund", "reasons", "ruleset"], rightAligned: [3])
    var totals: [Fund: Money] = [:]
    for e in entitlements {
      table.add([
        e.trainee.masked, e.classID, e.status.rawValue, Display.money(e.amount), Display.fund(e.fund),
        e.reasons.isEmpty ? "—" : e.reasons.joined(separator: ", "), e.ruleset ?? "—",
      ])
      if e.status == .eligible, let fund = e.fund { totals[fund, default: .zero] += e.amount ?? .zero }
    }
    var text = table.render()
    for fund in totals.keys.sorted() {
      text += "eligible, \(Display.fund(fund)): \(totals[fund]!.displayString)\n"
    }
    return text
  }
}
