import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsReports
import ClaimsRules
import ClaimsTestSupport
import ClaimsWorkload
import Foundation
import Testing

@testable import claims_bench

/// `claims-bench suite` end to end on a tiny workload, with the debug binaries beside this test
/// bundle, so that the benchmark cannot rot. No timings are judged: only that every step ran,
/// counted what it should, and that the outputs agree with the events and with replays made
/// here.
@Suite struct BenchSuiteTests {
  static let events = 2000
  static var tools: String {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
  }

  @Test func theSuiteRunsEveryStepAndItsOutputsAgreeWithTheEvents() throws {
    let folder = TemporaryFolder("claims-bench-test")
    let suite = BenchSuite(
      sizes: [Self.events], folder: folder.url.path, runs: 1, tools: Self.tools, log: { _ in })
    let reports = try suite.run()
    try #require(reports.count == 1)
    let report = reports[0]
    let summary = report.summary

    // Counts: the journal holds line 1 and every event of the input file, in its batches.
    let input = InputFile(path: report.input)
    let snapshot = try JournalSnapshot.read(path: report.journal)
    #expect(snapshot.scan.lineCount == input.events.count + 1)
    #expect(summary.lines == snapshot.scan.lineCount)
    #expect(summary.batches == input.batches)
    #expect(summary.journalBytes == snapshot.scan.completeLength)
    #expect(abs(summary.lines - Self.events) * 4 < Self.events, "about the size asked for")

    // Every step ran once, on the right counts.
    let names = report.steps.map(\.name)
    var expected = [
      "generate", "import: \(summary.batches) batches", "import: claims append", "verify, ",
      "balances, no checkpoint", "rebuild", "balances from the checkpoint",
      "balances --as-of \(summary.midDate)", "entitlements --trainee, checkpoint", "append one event, checkpoint",
    ]
    if ChildProcess.which("taskset") != nil { expected.append("verify, 1 core") }
    for prefix in expected {
      #expect(names.contains { $0.hasPrefix(prefix) }, "\(prefix) in \(names)")
    }
    for step in report.steps {
      #expect(step.seconds > 0 && step.peakMegabytes > 0 && step.runs == 1, "\(step.name)")
      #expect(
        step.events == (step.name.hasPrefix("import") ? input.events.count : summary.lines),
        "\(step.name)")
    }
    #expect(report.importIsIdentical)
    #expect(report.oneBatchLines == summary.lines)

    // Balances: from the checkpoint = with none = a full replay here; the money = the events'.
    #expect(report.checkpointSaved)
    let replayed = BalancesReport.json(
      BalancesReport.rows(try Replay.state(of: snapshot).funds, byRegion: false))
    #expect(String(decoding: report.coldBalances, as: UTF8.self) == replayed)
    #expect(report.checkpointBalances == report.coldBalances)
    let totals = try BalanceTotals(json: report.coldBalances)
    #expect(totals.appropriated == input.appropriatedFen)
    #expect(totals.paid == input.paidFen)
    #expect(totals.recovered == input.recoveredFen)
    #expect(input.paidFen > 0)
    let cut = ReplayCut(asOf: CivilDate(summary.midDate)!)
    let asOf = BalancesReport.json(
      BalancesReport.rows(try Replay.state(of: snapshot, cut: cut).funds, byRegion: false))
    #expect(String(decoding: report.asOfBalances, as: UTF8.self) == asOf)
    #expect(report.asOfBalances != report.coldBalances, "the mid-year cut leaves events out")
    // The findings as of that day, from the checkpoint = those of the replay cut there (none
    // at this size by then; `AsOfWorkloadTests` compares them where there are).
    let found = try Replay.state(of: snapshot, cut: cut).findings(library: .shipped, today: cut.asOf!)
    #expect(String(decoding: report.findingsAsOf, as: UTF8.self) == FindingsReport.json(found))

    // One trainee's entitlements from the checkpoint = those computed here; the append went to
    // a copy (the journal read above still has the workload's lines).
    let trainee = try #require(BenchSuite.firstTrainee(report.journal))
    let state = try Replay.state(of: snapshot)
    let theirs = state.entitlements(library: .shipped, of: [try #require(ResidentID(trainee))])
    #expect(!theirs.isEmpty)
    #expect(String(decoding: report.traineeEntitlements, as: UTF8.self) == EntitlementsReport.json(theirs))
    let dated = try Replay.state(of: snapshot, cut: cut).entitlements(library: .shipped, of: [try #require(ResidentID(trainee))])
    #expect(String(decoding: report.traineeEntitlementsAsOf, as: UTF8.self) == EntitlementsReport.json(dated))
    #expect(String(decoding: report.appendedOne, as: UTF8.self).contains("appended 1 event"))
    #expect(String(decoding: report.appendedAgain, as: UTF8.self).contains("appended nothing"))
    #expect(String(decoding: report.appendedCold, as: UTF8.self).contains("appended 1 event"))

    let table = BenchTable.markdown(reports)
    #expect(table.split(separator: "\n").count == 2 + report.steps.count)
  }

  @Test func aSavedWorkloadIsReusedOnlyWhenItMatches() throws {
    let folder = TemporaryFolder("claims-bench-test")
    let journal = folder.path("w.journal")
    let input = folder.path("w.input.jsonl")
    let workload = Workload(events: 600, seed: 7)
    try workload.write(journal: journal, input: input).write(forJournal: journal)
    #expect(BenchSuite.reusable(workload, journal: journal, input: input) != nil)
    #expect(
      BenchSuite.reusable(Workload(events: 600, seed: 8), journal: journal, input: input) == nil)
    #expect(
      BenchSuite.reusable(Workload(events: 700, seed: 7), journal: journal, input: input) == nil)
    TemporaryFolder.writeBytes(input, TemporaryFolder.bytes(input).dropLast(2))
    #expect(
      BenchSuite.reusable(workload, journal: journal, input: input) == nil, "a cut input file")
  }

  @Test func sizesReadAndPrintAsTheyAreWritten() {
    #expect(BenchSuite.size("100k") == 100_000)
    #expect(BenchSuite.size("10M") == 10_000_000)
    #expect(BenchSuite.size("2500") == 2500)
    #expect(BenchSuite.size("k") == nil)
    #expect(
      ["100k", "1m", "10m", "2500"].map { BenchSuite.label(BenchSuite.size($0)!) } == [
        "100k", "1m", "10m", "2500",
      ])
  }
}

/// A workload's input file read on its own: the events, the batches, and the money they move.
struct InputFile {
  var events: [JSONObject] = []
  var batches = 0
  var appropriatedFen: Int64 = 0
  var paidFen: Int64 = 0
  var recoveredFen: Int64 = 0

  init(path: String) {
    var inBatch = false
    var paymentsFen: [String: Int64] = [:]
    for line in TemporaryFolder.bytes(path).split(separator: 0x0A, omittingEmptySubsequences: false)
    {
      guard !line.isEmpty else {
        if inBatch { batches += 1 }
        inBatch = false
        continue
      }
      inBatch = true
      guard case .object(let event)? = try? JSONParser.parse(Array(line)) else {
        Issue.record("not a JSON object: \(String(decoding: line, as: UTF8.self))")
        continue
      }
      events.append(event)
      let fen = Self.fen(event["amount"])
      switch Self.text(event["type"]) {
      case "fund.appropriated": appropriatedFen += fen
      case "payment.made":
        paidFen += fen
        paymentsFen[Self.text(event["payment"])] = fen
      case "payment.returned": paidFen -= paymentsFen[Self.text(event["payment"])] ?? 0
      case "recovery.received": recoveredFen += fen
      default: break
      }
    }
  }

  static func text(_ value: JSONValue?) -> String {
    if case .string(let text)? = value { return text }
    return ""
  }

  static func fen(_ value: JSONValue?) -> Int64 { Money(decimal: text(value))?.fen ?? 0 }
}

/// The totals over funds of `claims balances --format json`.
struct BalanceTotals {
  var appropriated: Int64 = 0
  var paid: Int64 = 0
  var recovered: Int64 = 0

  init(json: [UInt8]) throws {
    guard case .object(let object) = try JSONParser.parse(json),
      case .array(let funds)? = object["funds"]
    else {
      throw BenchError("not a balances report")
    }
    for case .object(let fund) in funds {
      appropriated += InputFile.fen(fund["appropriated"])
      paid += InputFile.fen(fund["paid"])
      recovered += InputFile.fen(fund["recovered"])
    }
  }
}
