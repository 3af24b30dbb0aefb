import ClaimsCommandLine
import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsTestSupport
import Foundation
import Testing

/// `claims report --html` on the `ReportScenario` journal: the chain head, the three charts with
/// the figures behind them (checked against replays cut at each month end and against the
/// script's payments and person-times), the findings, masked IDs, no external references,
/// balanced markup, escaped text, identical bytes.
@Suite struct ReportCommandTests {
  /// The report of the shared scenario, written through the binary.
  static func report() throws -> (scenario: ReportScenario, html: String) {
    let scenario = try ReportScenario.shared()
    let folder = TemporaryFolder()
    let out = folder.path("report.html")
    let result = try ClaimsBinary.run(["report", scenario.path, "--html", out])
    #expect(result.status == 0, "\(result.err)")
    #expect(result.out.hasPrefix("wrote the report to \(out) ("))
    return (scenario, String(decoding: TemporaryFolder.bytes(out), as: UTF8.self))
  }

  /// The part of the document from `start` up to the next `end`.
  static func part(_ html: String, from start: String, to end: String) -> String {
    guard let from = html.range(of: start) else { return "" }
    let rest = html[from.lowerBound...]
    return String(rest[..<(rest.range(of: end)?.upperBound ?? rest.endIndex)])
  }

  static func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  @Test func theHeaderCarriesTheChainHeadAndTheDatesTheEventsSpan() throws {
    let (scenario, html) = try Self.report()
    let verify = try ClaimsBinary.run(["verify", scenario.path])
    let head = verify.out.split(separator: "\n").first { $0.hasPrefix("chain head: line ") }!.split(
      separator: " ")
    #expect(html.contains("line \(head[3]) · SHA-256 <code class=\"hash\">\(head[5])</code>"))
    // The span of the journal's effective dates, read here from the lines themselves.
    let dates = String(decoding: TemporaryFolder.bytes(scenario.path), as: UTF8.self).split(
      separator: "\n"
    ).compactMap { line -> String? in
      guard case .object(let object) = try? JSONParser.parse(String(line)) else { return nil }
      return object.string("date")
    }.sorted()
    #expect(html.contains("\(dates.first!) – \(dates.last!)"))
  }

  @Test func everyChartIsThereWithTheFindings() throws {
    let (scenario, html) = try Self.report()
    let funds = Set(["employment-subsidy", "unemployment-insurance", "skills-upgrade-account"])
    let regionYears = Set(
      scenario.expected.map { "\($0.region) \($0.year)" }
        + scenario.plans.map { "\($0.region) \($0.year)" })
    #expect(Self.count("<svg ", in: html) == funds.count + 1 + regionYears.count)
    #expect(Self.count("</svg>", in: html) == Self.count("<svg ", in: html))
    for fund in funds { #expect(html.contains("<figure class=\"fund\" id=\"fund-\(fund)\">")) }
    for id in ["balances", "payouts", "person-times", "findings"] {
      #expect(html.contains("<section id=\"\(id)\">"))
    }
    #expect(Self.count("<polyline ", in: html) == funds.count * 3)

    let findings = try JSONReading.array(
      try ClaimsBinary.run(["findings", scenario.path, "--format", "json"]).out, "findings")
    #expect(
      Set(findings.map { $0.string("code")! }).isSuperset(of: [
        "double-attendance", "over-8-hours", "payee-not-claimant", "recovery-overdue",
      ]))
    let table = Self.part(html, from: "<section id=\"findings\">", to: "</section>")
    #expect(Self.count("<tr><td>", in: table) == findings.count)
    for finding in findings {
      let subject = finding.string("subject")!
      let shown = ResidentID(subject)?.masked ?? subject
      var lines: [String] = []
      if case .array(let items) = finding["lines"] {
        for case .number(let seq) in items { lines.append(seq) }
      }
      #expect(table.contains("<td>\(finding.string("code")!)</td><td>\(shown)</td>"), "\(subject)")
      #expect(table.contains("<td>\(lines.joined(separator: ", "))</td></tr>"))
    }
  }

  @Test func monthEndBalancesAreWhatAReplayCutAtEachMonthEndGives() throws {
    let (scenario, html) = try Self.report()
    let snapshot = try JournalSnapshot.read(path: scenario.path)
    let history = LedgerHistory(state: try Replay.state(of: snapshot))
    var monthEnds: [CivilDate] = []
    for year in 2024...2025 {
      for month in 1...12 where (year, month) >= (2024, 3) && (year, month) <= (2025, 5) {
        monthEnds.append(
          (month == 12
            ? CivilDate(year: year + 1, month: 1, day: 1)!
            : CivilDate(year: year, month: month + 1, day: 1)!).adding(days: -1))
      }
    }
    let sampled = history.balances(at: monthEnds)
    for (index, monthEnd) in monthEnds.enumerated() {
      let replayed = try Replay.state(of: snapshot, cut: ReplayCut(asOf: monthEnd)).funds.filter {
        $0.value != FundBalance()
      }
      #expect(
        history.balances(asOf: monthEnd).filter { $0.value != FundBalance() } == replayed,
        "\(monthEnd)")
      #expect(sampled[index].filter { $0.value != FundBalance() } == replayed, "\(monthEnd)")
      // The figures under each fund's chart: its regions added together.
      for fund in Set(replayed.keys.map(\.fund)) {
        let total = replayed.filter { $0.key.fund == fund }.values.reduce(FundBalance(), +)
        let row =
          "<tr><td>\(monthEnd)</td>"
          + [total.appropriated, total.committed, total.paid, total.recovered, total.available]
          .map { "<td class=\"num\">\($0.displayString)</td>" }.joined() + "</tr>"
        let figure = Self.part(html, from: "id=\"fund-\(fund.rawValue)\"", to: "</figure>")
        #expect(figure.contains(row), "\(fund) \(monthEnd)")
      }
    }
  }

  @Test func payoutsAreThePaymentsLessBankReturnsByCategoryAndFund() throws {
    let (scenario, html) = try Self.report()
    let section = Self.part(html, from: "<section id=\"payouts\">", to: "</section>")
    let payouts = scenario.payouts
    for (pair, amount) in payouts {
      let category = TrainingCategory(rawValue: pair.first)!
      let fund = Fund(rawValue: pair.second)!
      #expect(
        section.contains(
          "<tr><td>\(category.chineseName) (\(category.rawValue))</td><td>\(fund.chineseName) (\(fund.rawValue))</td><td class=\"num\">\(amount.displayString)</td></tr>"
        ))
    }
    let total = payouts.values.reduce(Money.zero, +)
    #expect(
      section.contains(
        "<tr class=\"total\"><td>total 合计</td><td></td><td class=\"num\">\(total.displayString)</td></tr>"
      ))
    #expect(Self.count("<tr><td>", in: section) == payouts.count)
    // The returned payment is not a payout.
    #expect(!section.contains("就业补助资金"))
  }

  @Test func quarterlyPersonTimesStandAgainstThePlans() throws {
    let (scenario, html) = try Self.report()
    let section = Self.part(html, from: "<section id=\"person-times\">", to: "</section>")
    for plan in scenario.plans where plan.program == nil {
      let figure = Self.part(section, from: "(\(plan.region)) \(plan.year)</h3>", to: "</figure>")
      #expect(figure.contains("目标 target \(plan.target)"), "\(plan.region) \(plan.year)")
      var running = 0
      for quarter in 1...4 {
        let count = scenario.expected.filter {
          $0.region == plan.region && $0.year == plan.year && $0.quarter == quarter
        }.count
        running += count
        #expect(
          figure.contains(
            "<tr><td>\(plan.year)Q\(quarter)</td><td class=\"num\">\(count)</td><td class=\"num\">\(running)</td>"
          ))
      }
      #expect(
        figure.contains(
          "<tr><td>all 全部</td><td class=\"num\">\(plan.target)</td><td class=\"num\">\(running)</td>"
        ))
    }
  }

  @Test func noResidentIDAppearsWhole() throws {
    let (scenario, html) = try Self.report()
    for trainee in scenario.trainees { #expect(!html.contains(trainee), "\(trainee)") }
    // The payee of the individual claim, named in a finding's detail, is there masked.
    #expect(html.contains(ResidentID(ReportScenario.t(17))!.masked))
    // Nor any other valid resident ID: every run of 18 letters and digits is checked.
    var run = ""
    for character in html + " " {
      if character.isASCII && (character.isLetter || character.isNumber) {
        run.append(character)
        continue
      }
      #expect(run.count != 18 || ResidentID(run) == nil, "\(run)")
      run = ""
    }
  }

  @Test func theFileNeedsNothingFromOutside() throws {
    let (_, html) = try Self.report()
    for reference in [
      "http", "src=", "href=", "<script", "<link", "url(", "@import", "<iframe", "<img",
    ] {
      #expect(!html.contains(reference), "\(reference)")
    }
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
    #expect(html.contains("<meta charset=\"utf-8\">"))
  }

  @Test func everyElementIsClosedInOrder() throws {
    let (_, html) = try Self.report()
    let void: Set<String> = ["meta", "br", "hr", "img", "input", "link"]
    var open: [String] = []
    var index = html.startIndex
    while let start = html[index...].firstIndex(of: "<") {
      let end = html[start...].firstIndex(of: ">")!
      let tag = html[html.index(after: start)..<end]
      index = html.index(after: end)
      if tag.hasPrefix("!") || tag.hasSuffix("/") { continue }
      let name = String(tag.prefix { $0 != " " && $0 != ">" })
      if name.hasPrefix("/") {
        #expect(
          open.popLast() == String(name.dropFirst()),
          "</\(name.dropFirst())> closes \(open.last ?? "nothing")")
      } else if !void.contains(name) {
        open.append(name)
      }
    }
    #expect(open.isEmpty, "left open: \(open)")
    // Text never holds a raw < or >: every one above began or ended a tag.
    #expect(Self.count("<", in: html) == Self.count(">", in: html))
  }

  @Test func journalTextIsEscaped() throws {
    let (_, html) = try Self.report()
    #expect(html.contains("&lt;b&gt;家政&lt;/b&gt; &amp; &quot;培训&quot;"))
    #expect(!html.contains("<b>"))
  }

  @Test func theSameJournalGivesTheSameBytesAndTheFunctionForTheDemoAgrees() throws {
    let scenario = try ReportScenario.shared()
    let folder = TemporaryFolder()
    var files: [[UInt8]] = []
    for name in ["a.html", "b.html", "b.html"] {
      #expect(
        try ClaimsBinary.run(["report", scenario.path, "--html", folder.path(name)]).status == 0)
      files.append(TemporaryFolder.bytes(folder.path(name)))
    }
    #expect(files[0] == files[1])
    #expect(files[1] == files[2])
    #expect(!files[0].isEmpty)
    let snapshot = try JournalSnapshot.read(path: scenario.path)
    let rendered = try HTMLReportFile.render(
      snapshot: snapshot, state: try Replay.state(of: snapshot))
    #expect(Array(rendered.utf8) == files[0])
  }

  @Test func aJournalWithNoMoneyNoTrainingAndNoFindingsStillReports() throws {
    let folder = TemporaryFolder()
    let path = folder.path("new.journal")
    #expect(
      try ClaimsBinary.run(["init", path, "--admin", "admin", "--now", "2024-09-01T00:00:00.000Z"])
        .status == 0)
    let result = try ClaimsBinary.run(["report", path, "--html", folder.path("r.html")])
    #expect(result.status == 0, "\(result.err)")
    let html = String(decoding: TemporaryFolder.bytes(folder.path("r.html")), as: UTF8.self)
    #expect(html.contains("no money events"))
    #expect(html.contains("no payments"))
    #expect(html.contains("no findings"))
    #expect(html.contains("line 1 · SHA-256"))
  }

  @Test(arguments: [
    [String](), ["--html"], ["--html", "x.html", "--colour", "red"], ["--html", ""],
  ])
  func aMissingOrBadOutputIsAUsageError(arguments: [String]) throws {
    let result = try ClaimsBinary.run(["report", "some.journal"] + arguments)
    #expect(result.status == 2, "\(arguments): \(result.err)")
  }

  @Test func aJournalThatIsNotThereIsRefused() throws {
    let folder = TemporaryFolder()
    let result = try ClaimsBinary.run([
      "report", folder.path("none.journal"), "--html", folder.path("r.html"),
    ])
    #expect(result.status == 1)
    #expect(!FileManager.default.fileExists(atPath: folder.path("r.html")))
  }
}

extension ReportCommandTests {
  @Test func theReportNeverReplacesTheJournalOrItsHead() throws {
    let ledger = try LedgerFixture()
    let before = ledger.files
    for target in [ledger.path, ledger.path + ".head", ledger.folder.path(".") + "/test.journal"] {
      let result = try ClaimsBinary.run(["report", ledger.path, "--html", target])
      #expect(result.status == 2, "\(target)")
      #expect(result.err.contains("is the journal or its head"))
    }
    #expect(ledger.files == before)
  }
}
