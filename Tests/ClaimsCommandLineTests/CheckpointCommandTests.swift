import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsReports
import ClaimsRules
import ClaimsTestSupport
import Foundation
import Testing

/// The checkpoint through the binary: `rebuild` saves it, the read commands start from it and
/// print what a replay prints, and one that no longer matches is set aside with a note.
@Suite struct CheckpointCommandTests {
  @Test func commandsGiveTheSameAnswerWithOrWithoutTheCheckpoint() throws {
    let ledger = try LedgerFixture()
    try ledger.append(Bureau.paidClaim)
    let cold = try ClaimsBinary.run(["balances", ledger.path, "--format", "json"])
    let coldEntitlements = try ClaimsBinary.run(["entitlements", ledger.path, "--format", "json"])

    let rebuild = try ClaimsBinary.run(["rebuild", ledger.path])
    #expect(rebuild.status == 0)
    #expect(rebuild.out.contains("checkpoint: there was no checkpoint; a new one is saved at line"))
    #expect(FileManager.default.fileExists(atPath: Checkpoint.path(forJournal: ledger.path)))
    let warm = try ClaimsBinary.run(["balances", ledger.path, "--format", "json"])
    #expect(warm.out == cold.out)
    #expect(warm.err.isEmpty)
    #expect(try ClaimsBinary.run(["entitlements", ledger.path, "--format", "json"]).out == coldEntitlements.out)
    #expect(try ClaimsBinary.run(["rebuild", ledger.path]).out.contains("agrees with the replay"))

    // A damaged checkpoint: set aside, with a note, and the same answer. Balances read only the
    // money section, which comes first; the other commands read the state after it, and the id
    // index after that only when lines follow the checkpoint.
    let path = Checkpoint.path(forJournal: ledger.path)
    let saved = TemporaryFolder.bytes(path)
    TemporaryFolder.writeBytes(path, try CheckpointSections.damaged(saved, in: \.state))
    let damaged = try ClaimsBinary.run(["entitlements", ledger.path, "--format", "json"])
    #expect(damaged.status == 0)
    #expect(damaged.out == coldEntitlements.out)
    #expect(damaged.err.contains("was set aside (its state does not match its SHA-256); replayed from line 1"))

    TemporaryFolder.writeBytes(path, try CheckpointSections.damaged(saved, in: \.index))
    let unreadIndex = try ClaimsBinary.run(["entitlements", ledger.path, "--format", "json"])
    #expect(unreadIndex.out == coldEntitlements.out)
    #expect(unreadIndex.err.isEmpty)

    TemporaryFolder.writeBytes(path, try CheckpointSections.damaged(saved, in: \.money))
    let damagedMoney = try ClaimsBinary.run(["balances", ledger.path, "--format", "json"])
    #expect(damagedMoney.out == cold.out)
    #expect(damagedMoney.err.contains("was set aside (its money section does not match its SHA-256); replayed from line 1"))
  }

  /// A copy of the report's scenario journal (and its head) in a folder of its own, which the
  /// caller keeps while it uses the copy: a checkpoint is saved beside it.
  static func copyOfTheReportScenario() throws -> (TemporaryFolder, String) {
    let scenario = try ReportScenario.shared()
    let folder = TemporaryFolder()
    let path = folder.path("copy.journal")
    TemporaryFolder.writeBytes(path, TemporaryFolder.bytes(scenario.path))
    TemporaryFolder.writeBytes(
      JournalHead.path(forJournal: path), TemporaryFolder.bytes(JournalHead.path(forJournal: scenario.path)))
    return (folder, path)
  }

  /// Every reading command prints from the checkpoint what it prints from line 1, on a journal
  /// with findings (which name the lines behind them, found by event id), claims, payments, a
  /// bank return and a recovery; the report's file is the same too.
  @Test func everyReadingCommandGivesTheSameAnswerFromTheCheckpoint() throws {
    let (folder, path) = try Self.copyOfTheReportScenario()
    let report = folder.path("report.html")
    let commands = [
      ["findings", path], ["findings", path, "--format", "json"], ["stats", path, "--year", "2024", "--format", "json"],
      ["audit", path, ReportScenario.t(11)], ["audit", path, "LC-G"], ["audit", path, "CL-G"],
      ["entitlements", path, "--format", "json"], ["balances", path, "--by", "region", "--format", "csv"], ["audit", path, "PAY-M"],
      ["export", path, "--format", "csv"], ["report", path, "--html", report],
    ]
    func answers() throws -> [String] {
      try commands.map { command in
        let run = try ClaimsBinary.run(command)
        #expect(run.status == 0, "\(command): \(run.err)")
        return run.out + (command[0] == "report" ? String(decoding: TemporaryFolder.bytes(report), as: UTF8.self) : "")
      }
    }
    let cold = try answers()
    #expect(!FileManager.default.fileExists(atPath: Checkpoint.path(forJournal: path)), "too few lines to save one")
    #expect(try ClaimsBinary.run(["rebuild", path]).status == 0)
    let warm = try answers()
    for (index, command) in commands.enumerated() { #expect(warm[index] == cold[index], "\(command)") }
    #expect(cold[1].contains("\"lines\":[") && !cold[1].contains("\"lines\":[]"), "the findings name their lines")
  }

  /// `entitlements --as-of` and `findings --as-of` read the whole state (from the checkpoint,
  /// or replayed) and what voids and rejections took from it: what they print, for everyone, a
  /// class or a trainee, is what the replay cut at the date prints.
  @Test func entitlementsAndFindingsAsOfADateAreTheCutReplaysFromTheCheckpointOrNot() throws {
    let (folder, path) = try Self.copyOfTheReportScenario()
    defer { withExtendedLifetime(folder) {} }
    let dates = ["2024-09-29", "2024-09-30", "2024-10-08", "2024-12-31", "2025-12-31"]
    let selections: [(options: [String], trainees: (LedgerState) -> Set<ResidentID>?, classID: String?)] = [
      ([], { _ in nil }, nil),
      (["--class", "LC-G"], { $0.traineesOfClass["LC-G"] ?? [] }, "LC-G"),
      (["--trainee", ReportScenario.t(15)], { _ in [ResidentID(ReportScenario.t(15))!] }, nil),
    ]
    var printed: [String] = []
    for date in dates {
      let cut = try Replay.state(ofJournal: path, cut: ReplayCut(asOf: CivilDate(date)!)).state
      for selection in selections {
        let entitlements = cut.entitlements(library: .shipped, of: selection.trainees(cut))
          .filter { selection.classID == nil || $0.classID == selection.classID }
        let run = try ClaimsBinary.run(["entitlements", path, "--as-of", date, "--format", "json"] + selection.options)
        #expect(run.status == 0 && run.err.isEmpty, "\(run.err)")
        #expect(run.out == EntitlementsReport.json(entitlements), "\(date) \(selection.options)")
        printed.append(run.out)
      }
      let findings = try ClaimsBinary.run(["findings", path, "--as-of", date, "--format", "json"])
      #expect(findings.out == FindingsReport.json(cut.findings(library: .shipped, today: CivilDate(date)!)), "findings \(date)")
      printed.append(findings.out)
    }
    #expect(Set(printed).count > dates.count, "the dates and selections should print other entitlements")
    #expect(try ClaimsBinary.run(["rebuild", path]).status == 0)
    #expect(FileManager.default.fileExists(atPath: Checkpoint.path(forJournal: path)))
    var fromCheckpoint: [String] = []
    for date in dates {
      for selection in selections {
        fromCheckpoint.append(
          try ClaimsBinary.run(["entitlements", path, "--as-of", date, "--format", "json"] + selection.options).out)
      }
      fromCheckpoint.append(try ClaimsBinary.run(["findings", path, "--as-of", date, "--format", "json"]).out)
    }
    #expect(fromCheckpoint == printed)
  }

  /// `balances --as-of` reads the checkpoint's daily movements and prints what a cut replay
  /// without a checkpoint printed.
  @Test func balancesAsOfADateFromTheCheckpointEqualTheColdAnswer() throws {
    let ledger = try LedgerFixture()
    try ledger.append(Bureau.paidClaim)
    let dates = ["2024-08-31", "2024-10-15", "2024-11-30", "2025-12-31"]
    let cold = try dates.map { try ClaimsBinary.run(["balances", ledger.path, "--as-of", $0, "--format", "csv"]).out }
    #expect(Set(cold).count > 1, "the dates should see different balances")
    #expect(try ClaimsBinary.run(["rebuild", ledger.path]).status == 0)
    let warm = try dates.map { try ClaimsBinary.run(["balances", ledger.path, "--as-of", $0, "--format", "csv"]).out }
    #expect(warm == cold)

    // A line after the checkpoint: the money section alone no longer answers, the lines after
    // it are folded on top, and the answer is a cold replay's.
    try ledger.append([Bureau.paymentReturned("PAY-1", id: "ret-1")], at: "2024-10-11T00:00:00.000Z")
    let after = try ClaimsBinary.run(["balances", ledger.path, "--format", "csv"]).out
    try FileManager.default.removeItem(atPath: Checkpoint.path(forJournal: ledger.path))
    let coldAfter = try ClaimsBinary.run(["balances", ledger.path, "--format", "csv"]).out
    #expect(after == coldAfter)
    #expect(after != warm.last, "the return should change the balances")
  }
}
