import ClaimsDemo
import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsRules
import ClaimsTestSupport
import Foundation
import Testing

/// `claims demo`: every part is there, and its figures are the journal's, checked against the
/// other commands and against the events themselves.
@Suite struct DemoCommandTests {
  var demo: DemoRun { DemoRun.shared }
  var events: [(seq: Int, recorded: Timestamp, event: Event)] { DemoPaths.events }

  @Test func runsAndWritesTheEmbeddedFiles() {
    #expect(demo.status == 0, "\(demo.err)")
    #expect(demo.err.isEmpty)
    #expect(demo.writtenJournal == DemoPaths.bytes(DemoPaths.journal))
    #expect(demo.writtenHead == DemoPaths.bytes(DemoPaths.journal + ".head"))
    #expect(demo.writtenRuleChange == RuleChangeFolderTests.files(DemoPaths.ruleChange))
    let lines = demo.out.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count <= 160, "a tour a person reads in one sitting")
    for part in [
      "1. Is the journal intact?", "2. What the journal holds", "3. Balances by fund (资金来源)",
      "4. Entitlements", "5. One audit trail", "6. Findings for the auditor", "7. A rule change",
      "8. The report for people who do not use a terminal", "Try it yourself",
    ] {
      #expect(demo.out.contains("\n" + part), "missing part \(part)")
    }
  }

  /// The report the demo writes is `claims report`'s for the same journal, and it says where.
  @Test func writesTheHTMLReportAndSaysWhere() throws {
    #expect(demo.out.contains("wrote \(demo.folder)/report.html (\(demo.report.utf8.count) bytes)"))
    let folder = TemporaryFolder("claims-demo-report")
    let path = folder.path("report.html")
    let status = Captured.run(["report", DemoPaths.journal, "--html", path]).status
    #expect(status == 0)
    #expect(demo.report == String(decoding: TemporaryFolder.bytes(path), as: UTF8.self))
    #expect(demo.report.contains("<svg"))
    for trainee in Set(events.compactMap { entry -> String? in
      if case .traineeEnrolled(let e) = entry.event.body { return e.trainee.value } else { return nil }
    }) {
      #expect(!demo.report.contains(trainee), "whole ID in the report")
    }
  }

  @Test func printsTheChainHeadOfTheJournal() throws {
    let snapshot = try JournalSnapshot.read(path: DemoPaths.journal)
    #expect(
      demo.out.contains(
        "chain head: line \(snapshot.scan.lineCount) sha256 \(snapshot.scan.lastHash.hex)"))
    #expect(demo.out.contains("chain intact, head matches"))
  }

  @Test func countsTheEventsOfEachType() {
    var counts: [EventType: Int] = [:]
    for item in events { counts[item.event.type, default: 0] += 1 }
    for (type, count) in counts {
      let pattern = " \(type.rawValue) +\(count)( |\n)"
      #expect(
        demo.out.range(of: pattern, options: .regularExpression) != nil, "\(type.rawValue) \(count)"
      )
    }
    let dates = events.map(\.event.date)
    #expect(demo.out.contains("Events dated \(dates.min()!) to \(dates.max()!)"))
  }

  @Test func printsTheBalancesThatClaimsBalancesPrints() {
    #expect(demo.balances.contains("total 合计"))
    let indented = demo.balances.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
    #expect(demo.out.contains(indented))
    // And the appropriations add up to the fund.appropriated events.
    let appropriated = events.reduce(Money.zero) { total, item in
      if case .fundAppropriated(let e) = item.event.body { total + e.amount } else { total }
    }
    let total = demo.out.split(separator: "\n").first { $0.hasPrefix("  total 合计") }
    #expect(total?.contains(appropriated.displayString) == true)
  }

  @Test func auditsAPaymentForAResitAsClaimsAuditDoes() throws {
    // The payment on the smallest claim that holds a trainee who failed, then passed.
    var exams: [String: [Bool]] = [:]
    var claims: [String: (classID: String, trainees: [ResidentID])] = [:]
    var payments: [(payment: String, claim: String)] = []
    for item in events {
      switch item.event.body {
      case .examRecorded(let e):
        exams[e.classID + " " + e.trainee.value, default: []].append(e.passed)
      case .claimSubmitted(let e): claims[e.claim] = (e.classID, e.trainees)
      case .paymentMade(let e): payments.append((e.payment, e.claim))
      default: break
      }
    }
    let resit = { (claim: String) in
      claims[claim]!.trainees.contains {
        exams[claims[claim]!.classID + " " + $0.value] == [false, true]
      }
    }
    let expected = payments.filter { resit($0.claim) }
      .min {
        (claims[$0.claim]!.trainees.count, $0.payment) < (
          claims[$1.claim]!.trainees.count, $1.payment
        )
      }
    let payment = try #require(expected?.payment)
    #expect(demo.out.contains("5. One audit trail: payment \(payment)"))
    let audit = Captured.run(["audit", DemoPaths.journal, payment])
    #expect(audit.status == 0)
    #expect(demo.out.contains(DemoTestText.indent(audit.out)))
    #expect(audit.out.contains("exam ") && audit.out.contains(": failed"))
  }

  @Test func listsTheFindingsComputedFromTheEvents() {
    // One trainee in two classes on one day.
    var days: [String: Set<String>] = [:]
    for item in events {
      if case .attendanceRecorded(let e) = item.event.body {
        days[e.trainee.value + " " + item.event.date.description, default: []].insert(e.classID)
      }
    }
    let doubles = days.filter { $0.value.count > 1 }
    #expect(!doubles.isEmpty)
    for (key, classes) in doubles {
      let parts = key.split(separator: " ")
      let trainee = ResidentID(parts[0])!
      #expect(demo.out.contains("- double-attendance \(trainee.masked)"))
      #expect(
        demo.out.contains("attended \(classes.sorted().joined(separator: " and ")) on \(parts[1])"))
    }
    // Recoveries not fully received 90 days after the order, counted to the last line's day.
    let today = events.last!.recorded.chinaDate
    var orders: [String: (date: CivilDate, amount: Money)] = [:]
    var received: [String: Money] = [:]
    for item in events {
      if case .recoveryOrdered(let e) = item.event.body {
        orders[e.recovery] = (item.event.date, e.amount)
      }
      if case .recoveryReceived(let e) = item.event.body {
        received[e.recovery, default: .zero] += e.amount
      }
    }
    var overdue = 0
    for (recovery, order) in orders {
      let outstanding = order.amount - received[recovery, default: .zero]
      let days = today.daysSinceEpoch - order.date.daysSinceEpoch
      let listed = demo.out.contains("- recovery-overdue \(recovery)")
      #expect(listed == (outstanding.fen > 0 && days > 90), "\(recovery)")
      if listed {
        overdue += 1
        #expect(
          demo.out.contains(
            "\(outstanding.displayString) of \(order.amount.displayString) outstanding \(days) days"
          ))
      }
    }
    #expect(overdue > 0)
    // Every finding `claims findings` reports appears, with its code and detail.
    let findings = Captured.run(["findings", DemoPaths.journal, "--format", "json"]).out
    let codes = [
      "claim-late", "double-attendance", "over-8-hours", "over-planned-size", "recovery-overdue",
    ]
    for code in codes {
      #expect(
        findings.contains("\"code\":\"\(code)\"") == demo.out.contains("- \(code) "), "\(code)")
    }
  }

  @Test func jinanEntitlementsAreUnknownAndSaidSo() throws {
    let state = try Replay.state(of: try JournalSnapshot.read(path: DemoPaths.journal))
    let jinan = Set(
      state.classes.values.filter { $0.approval.region == "jinan" }.map(\.approval.classID))
    #expect(!jinan.isEmpty)
    let entitlements = EntitlementEngine(library: .shipped).entitlements(
      of: state.allClassFacts, wages: state.minimumWages
    ).filter { jinan.contains($0.classID) }
    #expect(!entitlements.isEmpty)
    for e in entitlements {
      #expect(e.status == .unknown && e.amount == nil && e.reasons == ["no-standard-in-force"])
    }
    let first = entitlements.first!
    #expect(
      demo.out.contains(
        "- unknown \(first.trainee.masked) in \(first.classID) (JN-2023): [no-standard-in-force]"))
    for status in ["eligible", "ineligible", "pending", "unknown"] {
      #expect(demo.out.contains("\n- \(status) "), "an example of \(status)")
    }
  }

  /// The README's rule: from 2024-11-01 the junior standard of green, urgent and manufacturing
  /// training is 48 h / ¥720; a class planning fewer hours pays nothing.
  @Test func theRuleChangeAdjustmentsFollowFromTheEvents() {
    var classes: [String: ClassApproved] = [:]
    var approved: [(classID: String, amount: Money)] = []
    var claimClass: [String: String] = [:]
    for item in events {
      switch item.event.body {
      case .classApproved(let e): classes[e.classID] = e
      case .claimSubmitted(let e): claimClass[e.claim] = e.classID
      case .claimApproved(let e):
        for line in e.decision?.lines ?? [] where line.amount.fen > 0 {
          approved.append((claimClass[e.claim]!, line.amount))
        }
      default: break
      }
    }
    var topUps = Money.zero
    var recoveries = Money.zero
    for (classID, amount) in approved {
      let c = classes[classID]!
      guard c.region.hasPrefix("liaocheng"), c.start >= CivilDate("2024-11-01")!,
        [.green, .urgent, .manufacturing].contains(c.category),
        c.level == .junior || c.assessment == .completion
      else { continue }
      if c.hoursTotal >= 48 {
        topUps += Money(decimal: "720")! - amount
      } else {
        recoveries += amount
      }
    }
    #expect(topUps.fen > 0 && recoveries.fen > 0)
    #expect(
      demo.out.contains(
        "Adopting it would mean \(topUps.displayString) of top-ups to pay and \(recoveries.displayString) to recover."
      ))
    let diff = Captured.run([
      "diff", DemoPaths.journal, "--rules", DemoPaths.rules, "--with", DemoPaths.ruleChange,
      "--format", "json",
    ])
    #expect(diff.status == 0)
    #expect(
      diff.out.contains("\"new_status\":\"ineligible\"")
        && diff.out.contains("\"new_amount\":\"720.00\""))
  }

  @Test func theOutputIsTheSameFromAnyFolderButForItsPath() throws {
    let folder = TemporaryFolder()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
      .deletingLastPathComponent()
      .appendingPathComponent("claims")
    process.arguments = ["demo", "--folder", folder.path("elsewhere")]
    process.currentDirectoryURL = folder.url
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let text = String(decoding: data, as: UTF8.self).replacingOccurrences(
      of: folder.path("elsewhere"), with: "FOLDER")
    #expect(text == demo.outWithoutFolder)
  }
}

enum DemoTestText {
  static func indent(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.isEmpty ? "" : "  " + $0
    }
    .joined(separator: "\n")
  }
}
