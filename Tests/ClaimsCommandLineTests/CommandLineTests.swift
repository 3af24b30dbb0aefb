import ClaimsJournal
import ClaimsTestSupport
import Foundation
import Testing

/// The `claims` binary end to end: exit statuses, messages, and files left behind.
@Suite struct CommandLineTests {
  typealias B = Bureau

  /// A journal made by `claims init` and the bureau's setup batch, through the binary.
  func bureauJournal(_ folder: TemporaryFolder) throws -> String {
    let path = folder.path("bureau.journal")
    let created = try ClaimsBinary.run(["init", path, "--admin", B.admin, "--now", B.openedAt])
    #expect(created.status == 0, "\(created.err)")
    let setup = folder.write("setup.jsonl", B.setup.joined(separator: "\n") + "\n")
    let appended = try ClaimsBinary.run(["append", path, setup, "--now", B.setupAt])
    #expect(appended.status == 0, "\(appended.err)")
    return path
  }

  @Test func initCreatesAJournalReadableByOwnerAndGroupOnly() throws {
    let folder = TemporaryFolder()
    let path = try bureauJournal(folder)
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o640)
    let again = try ClaimsBinary.run(["init", path, "--admin", "someone"])
    #expect(again.status == 1)
    #expect(again.err.contains("already exists"))
  }

  @Test func appendReadsStandardInputAndReportsTheLinesWritten() throws {
    let folder = TemporaryFolder()
    let path = try bureauJournal(folder)
    let result = try ClaimsBinary.run(
      ["append", path, "-", "--now", B.laterAt], input: B.exam(id: "exm-1") + "\n\n")
    #expect(result.status == 0)
    #expect(result.out == "appended 1 event to \(path): lines 14–14\n")
  }

  @Test func aRefusalExitsOneWithOneLineNamingTheEventAndLeavesTheJournalAlone() throws {
    let folder = TemporaryFolder()
    let path = try bureauJournal(folder)
    let before = TemporaryFolder.bytes(path)
    let batch = folder.write("bad.jsonl", [B.exam(id: "ok"), B.attendance(B.trainee3, id: "att-9")].joined(separator: "\n"))
    let result = try ClaimsBinary.run(["append", path, batch, "--now", B.laterAt])
    #expect(result.status == 1)
    #expect(result.err.split(separator: "\n").count == 1)
    #expect(result.err.contains("event 2 (id \"att-9\")"))
    #expect(result.err.contains("not enrolled"))
    #expect(TemporaryFolder.bytes(path) == before)
  }

  @Test func malformedInputIsARefusalNamingTheLine() throws {
    let folder = TemporaryFolder()
    let path = try bureauJournal(folder)
    let result = try ClaimsBinary.run(["append", path, "-"], input: B.exam(id: "a") + "\nnot json\n")
    #expect(result.status == 1)
    #expect(result.err.contains("event 2 at input line 2: not a JSON object"))
  }

  @Test(arguments: [
    [String](), ["frobnicate"], ["init"], ["init", "x.journal"], ["append", "x.journal"],
    ["append", "x", "-", "--expect-seq", "minus"], ["append", "x", "-", "--now", "yesterday"],
    ["verify", "x", "--colour", "red"], ["verify", "a", "b"], ["init", "x", "--admin"],
  ])
  func usageErrorsExitTwo(arguments: [String]) throws {
    let result = try ClaimsBinary.run(arguments)
    #expect(result.status == 2, "\(arguments): \(result.err)")
    #expect(!result.err.isEmpty || arguments.isEmpty)
  }

  @Test(arguments: [
    "init", "append", "verify", "balances", "entitlements", "findings", "audit", "diff", "rebuild",
    "rules", "demo",
  ])
  func everyCommandHasHelp(command: String) throws {
    let result = try ClaimsBinary.run([command, "--help"])
    #expect(result.status == 0)
    #expect(result.out.hasPrefix("Usage: claims \(command)"))
  }

  @Test func verifyPrintsTheChainHeadToAnchorExternally() throws {
    let folder = TemporaryFolder()
    let path = try bureauJournal(folder)
    let result = try ClaimsBinary.run(["verify", path])
    #expect(result.status == 0)
    let snapshot = try JournalSnapshot.read(path: path)
    #expect(result.out.contains("chain head: line 13 sha256 \(snapshot.scan.lastHash.hex)"))
  }

  @Test func verifyNamesTheFirstBrokenLine() throws {
    let folder = TemporaryFolder()
    let path = try bureauJournal(folder)
    var bytes = TemporaryFolder.bytes(path)
    let lineFiveStart = bytes.indices.filter { bytes[$0] == 0x0A }[3] + 1
    let target = bytes[lineFiveStart...].firstIndex(of: UInt8(ascii: "N"))!  // in "Name 4"
    bytes[target] = UInt8(ascii: "M")
    TemporaryFolder.writeBytes(path, bytes)
    let result = try ClaimsBinary.run(["verify", path])
    #expect(result.status == 1)
    #expect(result.err.contains("integrity error at line 6: prev does not match the SHA-256 of line 5"))
    let append = try ClaimsBinary.run(["append", path, "-", "--now", B.laterAt], input: B.exam(id: "e"))
    #expect(append.status == 1)
    #expect(TemporaryFolder.bytes(path) == bytes)
  }

  @Test func verifyReportsAnIncompleteTailWithoutFailingAndAppendRecoversIt() throws {
    let folder = TemporaryFolder()
    let path = try bureauJournal(folder)
    let intact = TemporaryFolder.bytes(path)
    TemporaryFolder.writeBytes(path, intact + Array(#"{"seq":14,"recorded":"2024-09"#.utf8))
    let verify = try ClaimsBinary.run(["verify", path])
    #expect(verify.status == 0)
    #expect(verify.out.contains("incomplete tail"))
    #expect(verify.err.contains("warning"))
    let append = try ClaimsBinary.run(["append", path, "-", "--now", B.laterAt], input: B.exam(id: "e"))
    #expect(append.status == 0)
    #expect(append.err.contains("recovered"))
    #expect(TemporaryFolder.bytes(path).starts(with: intact))
  }

  @Test func expectSeqGuardsAgainstAWriterInBetween() throws {
    let folder = TemporaryFolder()
    let path = try bureauJournal(folder)
    let stale = try ClaimsBinary.run(["append", path, "-", "--expect-seq", "12"], input: B.exam(id: "e"))
    #expect(stale.status == 1)
    #expect(stale.err.contains("last seq is 13, not the expected 12"))
    let fresh = try ClaimsBinary.run(
      ["append", path, "-", "--expect-seq", "13", "--now", B.laterAt], input: B.exam(id: "e"))
    #expect(fresh.status == 0)
  }

  @Test func theDemoRunsAndTellsWhereItsJournalIs() throws {
    let folder = TemporaryFolder()
    let result = try ClaimsBinary.run(["demo", "--folder", folder.path("demo")])
    #expect(result.status == 0, "\(result.err)")
    #expect(result.out.contains("Files written to \(folder.path("demo"))"))
    #expect(result.out.contains("chain head: line "))
  }
}
