@testable import ClaimsDomain
import ClaimsJournal
import ClaimsTestSupport
import Foundation
import Testing

/// The one-pass reader of the canonical form (`CanonicalFields`) must read every line the ledger
/// writes, and must never return an event the general reader would not return too.
@Suite struct CanonicalDecodingTests {
  static let demoJournal = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Journal/demo.journal").path

  /// Each line of the demo journal, with where its event's fields start.
  static func demoLines() throws -> [(bytes: [UInt8], bodyOffset: Int)] {
    var lines: [(bytes: [UInt8], bodyOffset: Int)] = []
    try JournalSnapshot.read(path: demoJournal).forEachLine { frame, line in
      lines.append((Array(line), frame.bodyOffset))
    }
    return lines
  }

  @Test func readsEveryLineTheLedgerWroteAsTheGeneralReaderDoes() throws {
    let lines = try Self.demoLines()
    var types = Set<EventType>()
    for (bytes, offset) in lines {
      let (fast, general) = bytes.withUnsafeBytes { buffer in
        (
          Event.decodeCanonical(buffer, bodyOffset: offset, ledgerFields: true),
          try? Event.decodeGeneral(buffer, bodyOffset: offset, ledgerFields: true)
        )
      }
      #expect(fast != nil && fast == general, "\(String(decoding: bytes, as: UTF8.self))")
      if let fast { types.insert(fast.type) }
    }
    #expect(lines.count > 1000)
    #expect(types.count >= 17, "the demo journal should hold most event types: \(types.count)")
  }

  /// Seeded mutations of the demo's lines: whatever the canonical reader still accepts, the
  /// general reader decodes to the same event; whatever it refuses is left to the general one.
  @Test func acceptsOnlyWhatTheGeneralReaderReadsTheSame() throws {
    let lines = try Self.demoLines()
    var random = SplitMix64(seed: 0xCA11)
    var accepted = 0
    for round in 0..<30_000 {
      let (original, offset) = lines[(round * 7919) % lines.count]
      let body = String(decoding: original[offset...], as: UTF8.self)
      let bytes = Array(original[..<offset]) + JSONMutation.mutated(body, edits: 2, &random)
      bytes.withUnsafeBytes { buffer in
        guard let fast = Event.decodeCanonical(buffer, bodyOffset: offset, ledgerFields: true) else { return }
        accepted += 1
        let general = Result { () throws(EventDecodingError) in
          try Event.decodeGeneral(buffer, bodyOffset: offset, ledgerFields: true)
        }
        #expect(general == .success(fast), "\(String(decoding: bytes, as: UTF8.self))")
      }
    }
    #expect(accepted > 500, "too few mutations stayed canonical to prove anything")
  }

  /// Input written in another field order, with spaces or escapes, still decodes (generally).
  @Test func leavesOtherFormsToTheGeneralReader() throws {
    let canonical = #"{"type":"attendance.recorded","id":"a-1","date":"2024-09-02","actor":"clerk-1","class":"LC-1","trainee":"371502199001011234","hours":8}"#
    let others = [
      #"{"id":"a-1","type":"attendance.recorded","date":"2024-09-02","actor":"clerk-1","class":"LC-1","trainee":"371502199001011234","hours":8}"#,
      #"{ "type":"attendance.recorded","id":"a-1","date":"2024-09-02","actor":"clerk-1","class":"LC-1","trainee":"371502199001011234","hours":8}"#,
      #"{"type":"attendance.recorded","id":"a\u002d1","date":"2024-09-02","actor":"clerk-1","class":"LC-1","trainee":"371502199001011234","hours":8}"#,
    ]
    let expected = try Array(canonical.utf8).withUnsafeBytes { buffer in
      try #require(Event.decodeCanonical(buffer, bodyOffset: nil, ledgerFields: false))
    }
    for text in others {
      let (fast, decoded) = Array(text.utf8).withUnsafeBytes { buffer in
        (
          Event.decodeCanonical(buffer, bodyOffset: nil, ledgerFields: false),
          try? Event.decode(json: buffer, ledgerFields: false)
        )
      }
      #expect(fast == nil)
      #expect(decoded == expected)
    }
  }

  /// The fact lane's reader of enrolment, attendance and exam lines (`FactLine`) repeats those
  /// types' fields: it must read every such line of the demo, and whatever it reads — mutations
  /// included — the general reader must decode to the same values.
  @Test func theFactLineReadsWhatTheGeneralReaderReads() throws {
    let lines = try Self.demoLines()
    var random = SplitMix64(seed: 0xFAC7)
    var read = 0
    for round in 0..<(lines.count + 20_000) {
      let (original, offset) = lines[round < lines.count ? round : (round * 7919) % lines.count]
      var bytes = original
      if round >= lines.count {
        let body = String(decoding: original[offset...], as: UTF8.self)
        bytes = Array(original[..<offset]) + JSONMutation.mutated(body, edits: 2, &random)
      }
      bytes.withUnsafeBytes { buffer in
        let general = try? Event.decodeGeneral(buffer, bodyOffset: offset, ledgerFields: true)
        guard let fact = FactLine.read(buffer, bodyOffset: offset) else {
          if round < lines.count, let general {
            #expect(![.attendanceRecorded, .examRecorded, .traineeEnrolled].contains(general.type), "\(general.id)")
          }
          return
        }
        read += 1
        guard let general else {
          Issue.record("the fact lane read what the general reader refuses: \(String(decoding: bytes, as: UTF8.self))")
          return
        }
        #expect(general.type == fact.type && general.date == fact.date)
        #expect(general.id == String(decoding: fact.id(in: buffer), as: UTF8.self))
        #expect(general.actor == String(decoding: fact.actor(in: buffer), as: UTF8.self))
        switch general.body {
        case .attendanceRecorded(let e):
          #expect(e.classID == String(decoding: fact.classID(in: buffer), as: UTF8.self) && e.trainee == fact.trainee && e.hours == fact.hours)
        case .examRecorded(let e):
          #expect(e.classID == String(decoding: fact.classID(in: buffer), as: UTF8.self) && e.trainee == fact.trainee && e.passed == fact.passed)
        case .traineeEnrolled(let e):
          #expect(fact.enrolment == e && e.classID == String(decoding: fact.classID(in: buffer), as: UTF8.self))
        default:
          Issue.record("a fact line of type \(general.type)")
        }
      }
    }
    #expect(read > 500)
  }

  /// Values at the edges of what the general reader accepts, one field at a time: whatever the
  /// fact lane reads, the general reader decodes to the same values (what the lane leaves, such
  /// as escapes or ids beyond ASCII, the general reader decides).
  @Test func theFactLineAgreesWithTheGeneralReaderAtTheEdges() throws {
    let attendance = #"{"type":"attendance.recorded","id":"ID","date":"DATE","actor":"clerk-1","class":"LC-1","trainee":"TRAINEE","hours":HOURS}"#
    let exam = #"{"type":"TYPE","id":"a-1","date":"2024-09-02","actor":"clerk-1","class":"LC-1","trainee":"371502199001011234","passed":true,"certificate_type":"vocational-qualification","certificate_no":"NO"TAIL}"#
    let enrolment = #"{"type":"trainee.enrolled","id":"e-1","date":"2024-09-02","actor":"clerk-1","trainee":"TRAINEE","name":"NAME","class":"LC-1","categories":["veteran"],"ui_benefit":false}"#
    let defaults = ["ID": "a-1", "DATE": "2024-09-02", "TRAINEE": "371502199001011234", "HOURS": "8", "TYPE": "exam.recorded", "NO": "C-1", "TAIL": "", "NAME": "林刚"]
    let edges: [(String, [String])] = [
      ("HOURS", ["0", "1", "24", "25", "08", "-1", "8.0", "8,\"x\":1", "8}", ""]),
      ("ID", ["", String(repeating: "i", count: 128), String(repeating: "i", count: 129), "a b", "a\\b", "é"]),
      ("DATE", ["2024-02-29", "2023-02-29", "2024-9-02", "2024-09-02 ", ""]),
      ("TRAINEE", ["37150219900101123X", "371502199001011235", "37150219900101123", "3715021990010112345"]),
      ("TYPE", ["exam.recorded", "exam.recordedX", "exam.recorde", "attendance.recorded"]),
      ("NO", ["", "C-1"]), ("TAIL", ["", #","level":"senior""#, #","level":"nonsense""#, ","]),
      ("NAME", ["", " ", "林刚", "a\\b"]),
    ]
    var read = 0
    for (field, values) in edges {
      for template in [attendance, exam, enrolment] where template.contains(field) {
        for value in values {
          var text = template.replacingOccurrences(of: field, with: value)
          for (other, standard) in defaults where other != field { text = text.replacingOccurrences(of: other, with: standard) }
          Array(text.utf8).withUnsafeBytes { line in
            let general = try? Event.decode(json: line, ledgerFields: false)
            let fact = FactLine.read(line, bodyOffset: 1)
            guard let fact else { return }
            guard let general else {
              Issue.record("the fact lane read what the general reader refuses: \(text)")
              return
            }
            read += 1
            #expect(general.type == fact.type && general.date == fact.date, "\(text)")
            #expect(general.id == String(decoding: fact.id(in: line), as: UTF8.self), "\(text)")
            switch general.body {
            case .attendanceRecorded(let e): #expect(e.hours == fact.hours && e.trainee == fact.trainee, "\(text)")
            case .examRecorded(let e): #expect(e.passed == fact.passed && e.trainee == fact.trainee, "\(text)")
            case .traineeEnrolled(let e): #expect(fact.enrolment == e, "\(text)")
            default: Issue.record("a fact line of type \(general.type)")
            }
          }
        }
      }
    }
    #expect(read >= 8, "too few edge values stayed plain to prove anything")
  }
}
