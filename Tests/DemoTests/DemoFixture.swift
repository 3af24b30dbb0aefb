import ClaimsCommandLine
import ClaimsDomain
import ClaimsJournal
import ClaimsTestSupport
import Foundation

/// Where the committed demo files are: the package root is three levels up from this file.
enum DemoPaths {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let journal = root.appendingPathComponent("Journal/demo.journal").path
  static let rules = root.appendingPathComponent("Journal/rules").path
  static let ruleChange = root.appendingPathComponent("Journal/rules-change").path

  static func bytes(_ path: String) -> [UInt8] { TemporaryFolder.bytes(path) }

  /// The committed journal's events with their seq and recorded time, decoded line by line.
  static let events: [(seq: Int, recorded: Timestamp, event: Event)] = {
    let snapshot = try! JournalSnapshot.read(path: journal)
    var events: [(Int, Timestamp, Event)] = []
    try! snapshot.forEachLine { frame, bytes in
      events.append((frame.seq, frame.recorded, try JournalLine.decode(bytes, frame: frame).event))
    }
    return events
  }()
}

/// `claims` run in-process with its output captured.
final class Captured: @unchecked Sendable {
  private let lock = NSLock()
  private var out = ""
  private var err = ""

  static func run(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
    let capture = Captured()
    let terminal = Terminal(
      writeOut: { text in capture.lock.withLock { capture.out += text } },
      writeErr: { text in capture.lock.withLock { capture.err += text } },
      readInput: { [] }, now: { Timestamp("2025-01-01T00:00:00.000Z")! })
    let status = ClaimsCommand.run(arguments, terminal: terminal)
    return capture.lock.withLock { (status, capture.out, capture.err) }
  }
}

/// One run of `claims demo`, shared by the tests (a debug build takes seconds), with what it
/// wrote and what `claims balances` prints on the journal it wrote. The folder is removed once
/// all that is read.
struct DemoRun: Sendable {
  let status: Int32
  let out: String
  let err: String
  let folder: String
  let writtenJournal: [UInt8]
  let writtenHead: [UInt8]
  let writtenRuleChange: [String: [UInt8]]
  let balances: String
  let report: String

  static let shared = DemoRun()

  init() {
    let folder = TemporaryFolder("claims-demo-test")
    self.folder = folder.path("demo")
    (status, out, err) = Captured.run(["demo", "--folder", self.folder])
    writtenJournal = DemoPaths.bytes(self.folder + "/demo.journal")
    writtenHead = DemoPaths.bytes(self.folder + "/demo.journal.head")
    var ruleChange: [String: [UInt8]] = [:]
    for name
      in (try? FileManager.default.contentsOfDirectory(atPath: self.folder + "/rules-change")) ?? []
    {
      ruleChange[name] = DemoPaths.bytes(self.folder + "/rules-change/" + name)
    }
    writtenRuleChange = ruleChange
    report = String(decoding: DemoPaths.bytes(self.folder + "/report.html"), as: UTF8.self)
    balances = Captured.run(["balances", self.folder + "/demo.journal"]).out
  }

  /// The output with the folder's path replaced, for comparing runs.
  var outWithoutFolder: String { out.replacingOccurrences(of: folder, with: "FOLDER") }
}
