import ClaimsDomain
import ClaimsLedger
import ClaimsRules

/// `claims report --html`: one self-contained HTML file (inline CSS and SVG, no scripts, nothing
/// fetched) with the chain head for external anchoring, fund balances by month, payouts by
/// category and fund, quarterly person-times against plan, and the findings. The same inputs
/// give the same bytes: everything is sorted and nothing reads the clock.
public struct HTMLReport: Sendable {
  /// The journal's file name as shown in the header (not its whole path, which says nothing of
  /// the journal and would make copies of one journal report differently).
  public var journalName: String
  /// The chain head: the last line's seq and SHA-256, as `claims verify` prints them.
  public var headSeq: Int
  public var headSHA256: String
  public var state: LedgerState
  public var history: LedgerHistory
  public var entitlements: [Entitlement]
  public var findings: [Finding]

  public init(
    journalName: String, headSeq: Int, headSHA256: String, state: LedgerState,
    history: LedgerHistory,
    entitlements: [Entitlement], findings: [Finding]
  ) {
    (self.journalName, self.headSeq, self.headSHA256) = (journalName, headSeq, headSHA256)
    (self.state, self.history, self.entitlements, self.findings) = (
      state, history, entitlements, findings
    )
  }

  /// The whole document.
  public func render() -> String {
    var out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    out += "<title>\(HTML.text("补贴台账报告 Claims ledger report — \(journalName)"))</title>\n"
    out += "<style>\n\(Self.css)</style>\n</head>\n<body>\n"
    out += header()
    out += balancesSection()
    out += payoutsSection()
    out += personTimesSection()
    out += findingsSection()
    out +=
      "<footer><p>\(HTML.text("Amounts in yuan (¥), computed in fen. Resident ID numbers are masked. Made by claims report from the journal alone: the same journal gives the same file."))</p></footer>\n"
    return out + "</body>\n</html>\n"
  }

  func header() -> String {
    var out = "<header>\n<h1>\(HTML.text("职业技能培训补贴台账报告 Claims ledger report"))</h1>\n<dl>\n"
    func item(_ term: String, _ value: String) {
      out += "<dt>\(HTML.text(term))</dt><dd>\(value)</dd>\n"
    }
    item("台账 Journal", HTML.text(journalName))
    item(
      "链头 Chain head",
      "line \(headSeq) · SHA-256 <code class=\"hash\">\(HTML.text(headSHA256))</code>")
    let dates = history.firstDate.map { "\($0) – \(history.lastDate!)" } ?? "—"
    item("事件日期 Events dated", HTML.text(dates))
    let recorded = history.firstRecorded.map { "\($0) – \(history.lastRecorded!) (UTC)" } ?? "—"
    item("记录时间 Lines recorded", HTML.text(recorded))
    out +=
      "</dl>\n<p class=\"note\">\(HTML.text("Record the chain head (line and SHA-256) outside the ledger — in the monthly report to finance, or to the auditor — and compare it later with claims verify: it anchors every line up to it."))</p>\n"
    return out + "</header>\n"
  }

  func findingsSection() -> String {
    var out = "<section id=\"findings\">\n<h2>\(HTML.text("审计发现 Findings"))</h2>\n"
    guard !findings.isEmpty else {
      return out + "<p>\(HTML.text("no findings 无"))</p>\n</section>\n"
    }
    var table = HTML.Table(headers: ["finding 发现", "subject 对象", "detail 说明", "lines 行"])
    for finding in findings {
      table.add([
        finding.code, finding.subject, finding.detail,
        finding.lines.map(String.init).joined(separator: ", "),
      ])
    }
    out += table.render()
    return out + "</section>\n"
  }

  static let css = """
    body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 24px auto; max-width: 980px; color: #212529; background: #ffffff; }
    h1 { font-size: 22px; border-bottom: 3px solid #1971c2; padding-bottom: 6px; }
    h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #adb5bd; }
    h3 { font-size: 15px; margin-bottom: 4px; }
    dl { display: grid; grid-template-columns: max-content auto; gap: 4px 16px; }
    dt { font-weight: bold; }
    dd { margin: 0; }
    code.hash { font-size: 12px; word-break: break-all; }
    .note { color: #495057; font-size: 13px; }
    table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
    caption { text-align: left; font-weight: bold; padding: 4px 0; }
    th, td { border: 1px solid #ced4da; padding: 3px 8px; text-align: left; vertical-align: top; }
    th { background: #e9ecef; }
    td.num, th.num { text-align: right; white-space: nowrap; }
    tr.total td { font-weight: bold; border-top: 2px solid #495057; }
    svg.chart { display: block; margin: 8px 0; background: #f8f9fa; }
    svg .grid { stroke: #dee2e6; stroke-width: 1; }
    svg .axis { stroke: #495057; stroke-width: 1.5; }
    svg text { font-size: 11px; fill: #343a40; }
    svg .legend { font-size: 12px; }
    footer { margin-top: 32px; color: #6c757d; font-size: 12px; }

    """
}
