import ClaimsDomain
import ClaimsLedger

/// `claims findings`: the auditor's list, each finding with the journal lines behind it.
public enum FindingsReport {
  public static func json(_ findings: [Finding]) -> String {
    let list = findings.map { finding -> JSONValue in
      .object(
        JSONObject([
          ("code", .string(finding.code)), ("subject", .string(finding.subject)),
          ("detail", .string(finding.detail)),
          ("lines", .array(finding.lines.map { .number(String($0)) })),
        ]))
    }
    return JSONWriter.string(.object(JSONObject([("findings", .array(list))]))) + "\n"
  }

  public static func table(_ findings: [Finding]) -> String {
    guard !findings.isEmpty else { return "no findings\n" }
    var table = TextTable(["finding", "subject", "detail", "lines"])
    for finding in findings {
      let subject = ResidentID(finding.subject)?.masked ?? finding.subject
      table.add([finding.code, subject, finding.detail, finding.lines.map(String.init).joined(separator: ", ")])
    }
    return table.render()
  }
}
