import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsReports
import ClaimsRules
import Foundation

/// `claims demo`: builds the embedded demo journal in a temporary folder and walks through it.
enum DemoCommand: Subcommand {
  static let name = "demo"
  static let summary = "build the embedded demo journal and tour it"
  static let help = """
    Usage: claims demo

    Creates a small journal in a temporary folder (a Liaocheng class from approval to payment),
    appends its batches with the same code as claims append, verifies it, and prints each line:
    who recorded what, when, and under which hash.

    """

  static func run(_ words: [String], _ terminal: Terminal) throws -> Int32 {
    _ = try Arguments(words, valued: []).expectPositionals(0)
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("claims-demo-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.removeItem(at: folder)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("demo.journal").path
    let quiet = Terminal(
      writeOut: { _ in }, writeErr: terminal.writeErr, readInput: { [] }, now: terminal.now)
    guard ClaimsCommand.run(["init", path, "--admin", DemoJournal.admin, "--now", DemoJournal.opened], terminal: quiet) == 0
    else { return 1 }
    for (index, batch) in DemoJournal.batches.enumerated() {
      let file = folder.appendingPathComponent("batch-\(index + 1).jsonl").path
      try Data(batch.lines.utf8).write(to: URL(fileURLWithPath: file))
      let status = ClaimsCommand.run(["append", path, file, "--now", batch.recorded], terminal: quiet)
      guard status == 0 else { return status }
    }
    try tour(path, terminal)
    return 0
  }

  static func tour(_ path: String, _ terminal: Terminal) throws {
    let snapshot = try JournalSnapshot.read(path: path)
    terminal.out("ClaimsLedger demo — journal at \(path)\n")
    terminal.out("Every line is an event; each carries the SHA-256 of the line before it.\n")
    terminal.out("seq  recorded (UTC)            actor           event")
    try snapshot.forEachLine { frame, bytes in
      let line = try JournalLine.decode(bytes, frame: frame)
      let seq = String(frame.seq).padding(toLength: 4, withPad: " ", startingAt: 0)
      let actor = line.event.actor.padding(toLength: 15, withPad: " ", startingAt: 0)
      terminal.out("\(seq) \(frame.recorded)  \(actor) \(EventDescription.describe(line.event))")
    }
    let state = try Replay.state(of: snapshot)
    terminal.out("\nBalances by fund (资金来源), replayed from the journal's money events:\n")
    terminal.writeOut(BalancesReport.table(BalancesReport.rows(state.funds, byRegion: false)))
    terminal.out("\nEntitlements under the shipped rulesets (聊人社字〔2024〕12号 for this class):\n")
    let entitlements = EntitlementEngine(library: .shipped).entitlements(
      of: state.allClassFacts, wages: state.minimumWages)
    terminal.writeOut(EntitlementsReport.table(entitlements))
    terminal.out("\nVerified: \(snapshot.scan.lineCount) lines, chain head sha256 \(snapshot.scan.lastHash.hex)")
    terminal.out("\nTry: claims verify \(path)")
    terminal.out("     claims audit \(path) PAY-0001")
    terminal.out("     claims entitlements \(path) --format json")
  }
}
