import ClaimsDomain
import ClaimsLedger

/// `claims diff`: the impact of a rule change, claim by claim and fund by fund.
public enum DiffReport {
  public static func json(_ impact: RuleChangeImpact) -> String {
    func amount(_ money: Money?) -> JSONValue { money.map { .string($0.decimalString) } ?? .null }
    let changes = impact.changes.map { change -> JSONValue in
      .object(
        JSONObject([
          ("trainee", .string(change.trainee.value)), ("class", .string(change.classID)),
          ("fund", change.fund.map { .string($0.rawValue) } ?? .null),
          ("old_status", .string(change.old.status.rawValue)), ("old_amount", amount(change.old.amount)),
          ("new_status", .string(change.new.status.rawValue)), ("new_amount", amount(change.new.amount)),
          ("approved", amount(change.approved)),
          ("adjustment", change.approved == nil ? .null : amount(change.adjustment)),
        ]))
    }
    let totals = impact.totals.map { total -> JSONValue in
      .object(
        JSONObject([
          ("fund", .string(total.fund.rawValue)), ("old", amount(total.old)), ("new", amount(total.new)),
          ("delta", amount(total.delta)), ("adjustment", amount(total.adjustment)),
        ]))
    }
    return JSONWriter.string(.object(JSONObject([("changes", .array(changes)), ("totals", .array(totals))]))) + "\n"
  }

  public static func table(_ impact: RuleChangeImpact) -> String {
    guard !impact.changes.isEmpty else { return "no entitlement changes\n" }
    var changes = TextTable(["trainee", "class", "fund", "old", "new", "approved", "adjustment"], rightAligned: [5, 6])
    for change in impact.changes {
      changes.add([
        change.trainee.masked, change.classID, change.fund?.rawValue ?? "—",
        "\(change.old.status.rawValue) \(Display.money(change.old.amount))",
        "\(change.new.status.rawValue) \(Display.money(change.new.amount))",
        Display.money(change.approved), change.approved == nil ? "—" : change.adjustment.displayString,
      ])
    }
    var totals = TextTable(["fund", "old", "new", "delta", "adjustment (+ pay / − recover)"], rightAligned: [1, 2, 3, 4])
    for total in impact.totals {
      totals.add([
        Display.fund(total.fund), total.old.displayString, total.new.displayString, total.delta.displayString,
        total.adjustment.displayString,
      ])
    }
    return changes.render() + "\n" + totals.render()
  }
}
