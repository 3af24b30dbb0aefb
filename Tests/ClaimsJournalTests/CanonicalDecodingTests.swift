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
}
