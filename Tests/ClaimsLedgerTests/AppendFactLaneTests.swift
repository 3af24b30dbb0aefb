import ClaimsDomain
import ClaimsJournal
@testable import ClaimsLedger
import ClaimsTestSupport
import Foundation
import Testing

/// The append's fact lane takes enrolment, attendance and exam lines in the canonical form
/// straight from their bytes: checked and folded by `foldFact`, written as they came. It must
/// write exactly what the general way (decode, `decide`, `apply`, encode) writes.
@Suite struct AppendFactLaneTests {
  static let demoJournal = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Journal/demo.journal").path

  /// The demo journal's batches as the input lines that made them (each event's input content,
  /// in the canonical form), with each batch's recorded time; and line 1.
  static func demoInput() throws -> (opened: Event, openedAt: Timestamp, batches: [(Timestamp, [String])]) {
    var opened: (Event, Timestamp)?
    var batches: [(Timestamp, [String])] = []
    var current: [String] = []
    try JournalSnapshot.read(path: demoJournal).forEachLine { frame, bytes in
      let event = try JournalLine.decodeEvent(bytes, frame: frame)
      guard frame.seq > 1 else {
        opened = (event, frame.recorded)
        return
      }
      var writer = JSONWriter(capacity: 400)
      writer.bytes.append(0x7B)
      event.inputContent.writeJSONFields(into: &writer)
      writer.bytes.append(0x7D)
      current.append(String(decoding: writer.bytes, as: UTF8.self))
      if frame.endsBatch {
        batches.append((frame.recorded, current))
        current = []
      }
    }
    return (opened!.0, opened!.1, batches)
  }

  /// Appends the batches to a new journal through one session; `general` spells every line with
  /// a leading space, which is not the canonical form, so that no line takes the lane.
  static func append(_ demo: (opened: Event, openedAt: Timestamp, batches: [(Timestamp, [String])]), general: Bool)
    throws -> (journal: [UInt8], laneLines: Int)
  {
    let folder = TemporaryFolder("fact-lane")
    let path = folder.path("demo.journal")
    try JournalWriter.create(path: path, opened: demo.opened, recorded: demo.openedAt)
    let session = try AppendSession(path: path, clock: demo.openedAt)
    var laneLines = 0
    for (recorded, lines) in demo.batches {
      let input = try AppendInput.parse(Array(lines.map { general ? " " + $0 : $0 }.joined(separator: "\n").utf8))
      laneLines += input.filter { $0.canonical != nil }.count
      _ = try session.append(input, recordedAt: recorded, clock: recorded)
    }
    return (TemporaryFolder.bytes(path), laneLines)
  }

  @Test func theLaneWritesTheDemoJournalByteForByteAsTheGeneralWayDoes() throws {
    let demo = try Self.demoInput()
    let lane = try Self.append(demo, general: false)
    let general = try Self.append(demo, general: true)
    #expect(lane.laneLines > 500)
    #expect(general.laneLines == 0)
    #expect(lane.journal == general.journal)
    #expect(lane.journal == TemporaryFolder.bytes(Self.demoJournal))
  }

  /// A canonical line the lane does not fold goes the general way, which words the refusal.
  @Test func aLaneLineThatFailsACheckIsRefusedAsTheGeneralWayRefusesIt() throws {
    let ledger = try LedgerFixture()
    let cases: [(line: String, code: String)] = [
      (Bureau.attendance(Bureau.trainee3, id: "att-x"), "not-enrolled"),
      (Bureau.attendance(id: "att-y", date: "2024-10-05"), "outside-class-dates"),
      (Bureau.exam(id: "exm-x", date: "2024-10-12"), "date-after-recorded"),
      (Bureau.enrol(Bureau.trainee1, id: "enr-again"), "already-enrolled"),
    ]
    for (line, code) in cases {
      #expect(try AppendInput.parse(Array(line.utf8)).first?.canonical != nil, "\(line)")
      let outcome = ledger.refusal([Bureau.attendance(id: "att-ok", date: "2024-09-11"), line], at: "2024-10-11T00:00:00.000Z")
      #expect(outcome.refusal?.refusal.code == code, "\(line)")
      #expect(outcome.refusal?.position == 2)
      #expect(outcome.unchanged)
    }
  }
}
