import ClaimsDomain
import ClaimsReports
import ClaimsTestSupport
import Foundation
import Testing

/// `claims export` through the binary; the journals it writes go through the real hledger,
/// ledger-cli and Beancount, and the balances they print must be those of `claims balances`.
@Suite struct ExportCommandTests {
  static let figures = ["appropriated", "available", "committed", "paid", "recovered"]

  /// The account of a figure as `claims export --help` documents it (region nil: the fund's
  /// parent account), and the sign that turns its balance into the figure.
  static func hledgerAccount(_ figure: String, _ fund: String, _ region: String?) -> (String, Int64)
  {
    let suffix = region.map { ":" + $0 } ?? ""
    switch figure {
    case "appropriated": return ("equity:appropriations:\(fund)" + suffix, -1)
    case "recovered": return ("expenses:subsidies:\(fund):recovered" + suffix, -1)
    case "paid": return ("expenses:subsidies:\(fund):paid" + suffix, 1)
    default: return ("assets:funds:\(fund):\(figure)" + suffix, 1)
    }
  }

  static let beancountFunds = [
    "employment-subsidy": "EmploymentSubsidy", "unemployment-insurance": "UnemploymentInsurance",
    "skills-upgrade-account": "SkillsUpgradeAccount",
  ]

  static func beancountAccount(_ figure: String, _ fund: String, _ region: String?) -> (
    String, Int64
  ) {
    let f = beancountFunds[fund]!
    let suffix = region.map { ":" + $0.prefix(1).uppercased() + $0.dropFirst() } ?? ""
    switch figure {
    case "appropriated": return ("Equity:Appropriations:\(f)" + suffix, -1)
    case "recovered": return ("Expenses:Subsidies:\(f):Recovered" + suffix, -1)
    case "paid": return ("Expenses:Subsidies:\(f):Paid" + suffix, 1)
    default: return ("Assets:Funds:\(f):\(figure.capitalized)" + suffix, 1)
    }
  }

  /// Checks that the tool's balances give every figure of `claims balances` (an account the tool
  /// does not list has a zero balance); with `exhaustive`, that it lists no other account.
  func expectSameFigures(
    _ tool: [String: Money], _ expected: [String: [String: Money]],
    _ account: (String, String, String?) -> (String, Int64), exhaustive: Bool, _ label: String
  ) {
    var named: Set<String> = []
    for (key, figures) in expected {
      let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
      for figure in Self.figures {
        let (name, sign) = account(figure, parts[0], parts.count > 1 ? parts[1] : nil)
        named.insert(name)
        let shown = Money(fen: sign * (tool[name] ?? .zero).fen)
        #expect(shown == figures[figure], "\(label): \(figure) of \(key) is \(name)")
      }
    }
    if exhaustive {
      let others = tool.filter { !named.contains($0.key) && $0.value.fen != 0 }
      #expect(others.isEmpty, "\(label): accounts that are no figure: \(others)")
    }
  }

  /// The fixture's balances exercise every figure, so a wrong sign or account cannot pass.
  func balances(_ fixture: ExchangeFixture) throws -> (
    byRegion: [String: [String: Money]], byFund: [String: [String: Money]]
  ) {
    let byRegion = try fixture.balances(byRegion: true)
    let byFund = try fixture.balances(byRegion: false)
    for figure in Self.figures {
      #expect(
        byRegion.values.contains { ($0[figure] ?? .zero).fen > 0 }, "the fixture has some \(figure)"
      )
    }
    #expect(
      Set(byRegion.keys.map { $0.split(separator: ":")[1] }).count > 1, "more than one region")
    return (byRegion, byFund)
  }

  func export(_ fixture: ExchangeFixture, _ format: String) throws -> String {
    let run = try ClaimsBinary.run(["export", fixture.path, "--format", format])
    #expect(run.status == 0, "\(run.err)")
    #expect(run.err.isEmpty)
    return fixture.write("export.\(format)", run.out)
  }

  @Test(
    .enabled(
      if: ExternalTool.hledger.shouldRun, "hledger not found: install the Debian package hledger"))
  func hledgerReportsTheSameBalances() throws {
    let hledger = ExternalTool.hledger
    let fixture = try ExchangeFixture()
    let (byRegion, byFund) = try balances(fixture)
    let file = try export(fixture, "hledger")
    let plain = try hledger.run(["-f", file, "balance"])
    #expect(plain.status == 0, "\(plain.err)")
    let leaves = try hledger.run(["-f", file, "balance", "--flat", "-N", "-E", "-O", "csv"])
    #expect(leaves.status == 0, "\(leaves.err)")
    expectSameFigures(
      try ToolOutput.csvBalances(leaves.out), byRegion, Self.hledgerAccount, exhaustive: true,
      "hledger by region")
    var funds: [String: Money] = [:]
    for (depth, query) in [("4", "^(assets|expenses)"), ("3", "^equity")] {
      let run = try hledger.run([
        "-f", file, "balance", "--flat", "-N", "-O", "csv", "--depth", depth, query,
      ])
      #expect(run.status == 0, "\(run.err)")
      funds.merge(try ToolOutput.csvBalances(run.out)) { $1 }
    }
    expectSameFigures(funds, byFund, Self.hledgerAccount, exhaustive: true, "hledger by fund")

    // The closing balance assertions are checked by hledger: one yuan off is an error.
    let text = String(decoding: TemporaryFolder.bytes(file), as: UTF8.self)
    let figure = byRegion.values.first { ($0["committed"] ?? .zero).fen > 0 }!["committed"]!
    let wrong = text.replacing(
      "= \(figure.decimalString) CNY", with: "= \((figure + Money(fen: 100)).decimalString) CNY")
    #expect(wrong != text)
    let broken = try hledger.run(["-f", fixture.write("broken.journal", wrong), "balance"])
    #expect(broken.status != 0)
    #expect(broken.err.contains("balance assertion"))
  }

  @Test(
    .enabled(
      if: ExternalTool.ledger.shouldRun, "ledger not found: install the Debian package ledger"))
  func ledgerReportsTheSameBalances() throws {
    let ledger = ExternalTool.ledger
    let fixture = try ExchangeFixture()
    let (byRegion, byFund) = try balances(fixture)
    let file = try export(fixture, "hledger")
    let plain = try ledger.run(["-f", file, "balance"])
    #expect(plain.status == 0, "\(plain.err)")
    #expect(plain.err.isEmpty, "\(plain.err)")
    let format = "%(account)|%(display_total)\n"
    let leaves = try ledger.run(["-f", file, "balance", "--flat", "--empty", "--format", format])
    #expect(leaves.status == 0, "\(leaves.err)")
    expectSameFigures(
      try ToolOutput.pipeBalances(leaves.out), byRegion, Self.hledgerAccount, exhaustive: true,
      "ledger by region")
    var funds: [String: Money] = [:]
    for (depth, query) in [("4", "^assets"), ("4", "^expenses"), ("3", "^equity")] {
      let run = try ledger.run(["-f", file, "balance", "--depth", depth, "--format", format, query])
      #expect(run.status == 0, "\(run.err)")
      funds.merge(try ToolOutput.pipeBalances(run.out)) { $1 }
    }
    // The tree also shows the accounts above the funds (assets:funds); only the funds are compared.
    expectSameFigures(funds, byFund, Self.hledgerAccount, exhaustive: false, "ledger by fund")
  }

  @Test(
    .enabled(
      if: ExternalTool.beanCheck.shouldRun && ExternalTool.beanQuery.shouldRun,
      "bean-check or bean-query not found: install the Debian package beancount"))
  func beancountChecksAndReportsTheSameBalances() throws {
    let fixture = try ExchangeFixture()
    let (byRegion, byFund) = try balances(fixture)
    let file = try export(fixture, "beancount")
    let text = String(decoding: TemporaryFolder.bytes(file), as: UTF8.self)
    #expect(text.contains("option \"operating_currency\" \"CNY\"\n"))
    let check = try ExternalTool.beanCheck.run([file])
    #expect(check.status == 0, "\(check.out)\(check.err)")
    #expect(check.out.isEmpty && check.err.isEmpty, "\(check.out)\(check.err)")

    let query = ExternalTool.beanQuery
    let leaves = try query.run([
      "-f", "csv", file, "SELECT account, sum(number) AS total GROUP BY account ORDER BY account",
    ])
    #expect(leaves.status == 0, "\(leaves.err)")
    expectSameFigures(
      try ToolOutput.csvBalances(leaves.out), byRegion, Self.beancountAccount, exhaustive: true,
      "bean-query by region")
    var funds: [String: Money] = [:]
    for (depth, roots) in [(4, "Assets|Expenses"), (3, "Equity")] {
      let run = try query.run([
        "-f", "csv", file,
        "SELECT root(account, \(depth)) AS fund, sum(number) AS total WHERE account ~ '^(\(roots)):' GROUP BY fund ORDER BY fund",
      ])
      #expect(run.status == 0, "\(run.err)")
      funds.merge(try ToolOutput.csvBalances(run.out)) { $1 }
    }
    expectSameFigures(funds, byFund, Self.beancountAccount, exhaustive: true, "bean-query by fund")

    // The balance directives are checked by bean-check: one yuan off is an error.
    let figure = byRegion.values.first { ($0["paid"] ?? .zero).fen > 0 }!["paid"]!
    let wrong = text.replacing(
      " \(figure.decimalString) CNY\n", with: " \((figure + Money(fen: 100)).decimalString) CNY\n")
    #expect(wrong != text)
    let broken = try ExternalTool.beanCheck.run([fixture.write("broken.beancount", wrong)])
    #expect(broken.status != 0)
  }

  @Test(
    .enabled(
      if: ExternalTool.beanReport.shouldRun,
      "bean-report not found: install the Debian package beancount"))
  func beanReportListsTheSameBalances() throws {
    let fixture = try ExchangeFixture()
    let (byRegion, _) = try balances(fixture)
    let file = try export(fixture, "beancount")
    let run = try ExternalTool.beanReport.run([file, "balances"])
    #expect(run.status == 0, "\(run.err)")
    // `Account   98840.50 CNY`; parents and empty accounts are printed without an amount.
    var leaves: [String: Money] = [:]
    for line in run.out.split(separator: "\n") {
      let words = line.split(separator: " ")
      if words.count == 3, words[2] == "CNY", let amount = ToolOutput.money(String(words[1])) {
        leaves[String(words[0])] = amount
      }
    }
    #expect(!leaves.isEmpty)
    expectSameFigures(leaves, byRegion, Self.beancountAccount, exhaustive: true, "bean-report")
  }

  @Test func csvReadsBackEventsThenEntitlements() throws {
    let fixture = try ExchangeFixture()
    let run = try ClaimsBinary.run(["export", fixture.path, "--format", "csv"])
    #expect(run.status == 0, "\(run.err)")
    let records = try CSVReader.records(Array(run.out.utf8))
    let header = records[0].fields
    #expect(header.first == "record")
    #expect(records.allSatisfy { $0.fields.count == header.count })
    let rows = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.fields)) }
    let events = rows.filter { $0["record"] == "event" }
    let entitlements = rows.filter { $0["record"] == "entitlement" }
    #expect(events.count + entitlements.count == rows.count)
    // Events first, every journal line once, in order; then the entitlements.
    let state = try fixture.ledger.state()
    #expect(events.map { $0["seq"]! } == (1...state.lastSeq).map(String.init))
    #expect(rows.prefix(events.count).allSatisfy { $0["record"] == "event" })
    for row in events {
      #expect(state.events[row["id"]!]?.seq == Int(row["seq"]!), "\(row["id"]!)")
      #expect(state.events[row["id"]!]?.type.rawValue == row["type"])
      if let fields = row["fields"], !fields.isEmpty { _ = try JSONParser.parse(fields) }
    }
    // Payments carry their bank_ref, fund and amount as appended.
    for payment in fixture.payments {
      let row = events.first { $0["payment"] == payment.payment && $0["type"] == "payment.made" }
      #expect(row?["bank_ref"] == payment.bankRef)
      #expect(row?["fund"] == payment.fund.rawValue)
      #expect(row?["amount"] == payment.amount.decimalString)
      #expect(row?["region"] == "liaocheng")
    }
    // Resident IDs are whole (a machine format).
    #expect(
      events.contains { $0["type"] == "trainee.enrolled" && $0["trainee"] == Bureau.trainee1 })

    // The entitlements are those of `claims entitlements --format json`.
    let json = try ClaimsBinary.run(["entitlements", fixture.path, "--format", "json"])
    guard case .object(let root) = try JSONParser.parse(json.out),
      case .array(let list)? = root["entitlements"]
    else {
      throw ExchangeTestError("entitlements json")
    }
    #expect(list.count == entitlements.count)
    for (item, row) in zip(list, entitlements) {
      guard case .object(let e) = item else { continue }
      func text(_ key: String) -> String {
        switch e[key] {
        case .string(let s)?: s
        case .array(let items)?:
          items.compactMap { if case .string(let s) = $0 { s } else { nil } }.joined(separator: " ")
        default: ""
        }
      }
      for key in ["trainee", "class", "status", "amount", "fund", "reasons"] {
        #expect(row[key] == text(key), "\(key) of \(text("trainee")) in \(text("class"))")
      }
    }
  }

  @Test func sameJournalSameBytesAndUsage() throws {
    let fixture = try ExchangeFixture()
    for format in ["hledger", "beancount", "csv"] {
      let first = try ClaimsBinary.run(["export", fixture.path, "--format", format])
      let second = try ClaimsBinary.run(["export", fixture.path, "--format", format])
      #expect(first.status == 0 && !first.out.isEmpty)
      #expect(first.out == second.out, "\(format)")
    }
    #expect(try ClaimsBinary.run(["export", fixture.path]).status == 2)
    #expect(try ClaimsBinary.run(["export", fixture.path, "--format", "ods"]).status == 2)
    #expect(
      try ClaimsBinary.run([
        "export", fixture.ledger.folder.path("none.journal"), "--format", "csv",
      ]).status == 1)
    let help = try ClaimsBinary.run(["export", "--help"])
    #expect(
      help.status == 0 && help.out.contains("recovered    = − expenses:subsidies:F:recovered:R"))
  }
}
