import ClaimsDomain
import ClaimsLedger
import ClaimsRules

/// `claims export --format csv`: one CSV file (RFC 4180, resident IDs whole) with two kinds of
/// rows under one header, told apart by the first column `record`:
///
/// - `event`: every journal line in seq order: `seq`, `recorded`, `type`, `id`, `date`, `actor`;
///   the subject columns the event has (`class`, `trainee`, `claim`, `payment`, `recovery`,
///   `fund`, `region`, `amount`, `bank_ref`; an approval's `amount` is its total; `region`, when
///   the event has none, is that of its postings, its class or its claim's class); and in
///   `fields` the event's other fields as one JSON object, so nothing recorded is lost;
/// - `entitlement`: then, every trainee and class: `trainee`, `class`, `region`, `status`,
///   `amount`, `fund`, `reasons` (space-separated codes), `ruleset`; `fields` holds the clauses
///   applied (`rules`) and the `arithmetic`.
///
/// A column a row does not use is empty.
public enum EventsCSVExport {
  public static let header = [
    "record", "seq", "recorded", "type", "id", "date", "actor", "class", "trainee", "claim",
    "payment",
    "recovery", "fund", "region", "amount", "bank_ref", "status", "reasons", "ruleset", "fields",
  ]

  static let commonKeys: Set<String> = ["type", "id", "date", "actor"]
  static let subjectColumns = [
    "class", "trainee", "claim", "payment", "recovery", "fund", "region", "amount", "bank_ref",
  ]

  /// The file made a row at a time and handed out in parts of about a megabyte: the event
  /// rows as the journal's lines are streamed (`add`), then the entitlements (`finish`).
  /// `state` is the whole journal's: a row's region may come from a class or claim that the
  /// journal records after the row's line.
  public struct File {
    let state: LedgerState
    var csv = CSVWriter(header: EventsCSVExport.header)

    public init(state: LedgerState) { self.state = state }

    /// The line's row; the rows so far when they make a part.
    public mutating func add(_ line: ReplayedLine) -> String? {
      csv.addRow(eventRow(line, state: state))
      return csv.text.utf8.count >= 1 << 20 ? csv.takeText() : nil
    }

    /// The rest: the rows not yet handed out, then the entitlements'.
    public mutating func finish(entitlements: [Entitlement]) -> String {
      for entitlement in entitlements { csv.addRow(entitlementRow(entitlement, state: state)) }
      return csv.takeText()
    }
  }

  static func eventRow(_ line: ReplayedLine, state: LedgerState) -> [String] {
    let object = line.event.jsonObject
    var subjects: [String: String] = [:]
    var rest = JSONObject()
    for (key, value) in object.fields where !commonKeys.contains(key) {
      if subjectColumns.contains(key), case .string(let text) = value {
        subjects[key] = text
      } else {
        rest.append(key, value)
      }
    }
    if subjects["amount"] == nil, case .string(let total)? = object["total"] {
      subjects["amount"] = total
    }
    if subjects["region"] == nil {
      let classID =
        subjects["class"] ?? subjects["claim"].flatMap { state.claims[$0]?.submission.classID }
      subjects["region"] =
        line.postings.first?.region ?? classID.flatMap { state.classes[$0]?.approval.region }
    }
    let event = line.event
    var row = [
      "event", String(line.seq), line.recorded.description, event.type.rawValue, event.id,
      event.date.description, event.actor,
    ]
    row += subjectColumns.map { subjects[$0] ?? "" }
    row += ["", "", "", rest.fields.isEmpty ? "" : JSONWriter.string(.object(rest))]
    return row
  }

  static func entitlementRow(_ e: Entitlement, state: LedgerState) -> [String] {
    let fields = JSONObject([
      ("rules", .array(e.rules.map(JSONValue.string))), ("arithmetic", .string(e.arithmetic)),
    ])
    let columns: [String: String] = [
      "class": e.classID, "trainee": e.trainee.value, "fund": e.fund?.rawValue ?? "",
      "region": state.classes[e.classID]?.approval.region ?? "",
      "amount": e.amount?.decimalString ?? "",
    ]
    return ["entitlement", "", "", "", "", "", ""] + subjectColumns.map { columns[$0] ?? "" }
      + [
        e.status.rawValue, e.reasons.joined(separator: " "), e.ruleset ?? "",
        JSONWriter.string(.object(fields)),
      ]
  }
}
