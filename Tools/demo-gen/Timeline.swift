import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import Foundation

/// The demo's events in the order they are recorded: each on the day it is recorded (one batch
/// a day, in the order added). A payment or recovery whose amount is what the ledger decided is
/// computed from the ledger's state when its turn comes, so that the generator never repeats
/// the rules' arithmetic.
struct Timeline {
  enum Entry {
    case line(String)
    case computed((LedgerState, Serials) -> [String])
  }

  private(set) var entries: [(day: CivilDate, order: Int, entry: Entry)] = []

  mutating func add(_ day: CivilDate, _ line: String) {
    entries.append((day, entries.count, .line(line)))
  }

  mutating func compute(_ day: CivilDate, _ make: @escaping (LedgerState, Serials) -> [String]) {
    entries.append((day, entries.count, .computed(make)))
  }

  /// The days with events, in order, each with its entries in the order they were added.
  var days: [(day: CivilDate, entries: [Entry])] {
    let sorted = entries.sorted { ($0.day, $0.order) < ($1.day, $1.order) }
    var days: [(day: CivilDate, entries: [Entry])] = []
    for item in sorted {
      if days.last?.day == item.day {
        days[days.count - 1].entries.append(item.entry)
      } else {
        days.append((item.day, [item.entry]))
      }
    }
    return days
  }
}

/// Numbers handed out while the journal is written (payments, bank references), so that they
/// run in the order the money moves.
final class Serials {
  private var next: [String: Int] = [:]

  func take(_ series: String) -> Int {
    next[series, default: 0] += 1
    return next[series]!
  }
}

/// Writes a timeline to a new journal through the real append path: every batch validated by
/// the same state machine as `claims append`, with the recorded times given, never the clock.
enum JournalBuilder {
  /// Each day's batch is recorded at 18:00 China Standard Time, after the day's events.
  static func recorded(_ day: CivilDate) -> Timestamp { Timestamp("\(day)T10:00:00.000Z")! }

  static func write(_ timeline: Timeline, opened: Event, to path: String) throws {
    try? FileManager.default.removeItem(atPath: path)
    try? FileManager.default.removeItem(atPath: JournalHead.path(forJournal: path))
    try JournalWriter.create(path: path, opened: opened, recorded: recorded(opened.date))
    let session = try AppendSession(path: path, clock: recorded(opened.date))
    let serials = Serials()
    for (day, entries) in timeline.days {
      let stamp = recorded(day)
      var batch: [String] = []
      func flush() throws {
        guard !batch.isEmpty else { return }
        let input = try AppendInput.parse(Array(batch.joined(separator: "\n").utf8))
        do { _ = try session.append(input, recordedAt: stamp, clock: stamp) } catch {
          throw GenerationError("the batch of \(day) was refused: \(error)")
        }
        batch = []
      }
      for entry in entries {
        switch entry {
        case .line(let line): batch.append(line)
        case .computed(let make):
          // What it computes from must already be in the journal.
          try flush()
          batch += make(session.state, serials)
        }
      }
      try flush()
    }
  }
}

struct GenerationError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// One input event as a JSON line, fields in the order given.
func eventLine(
  _ type: String, _ id: String, _ date: CivilDate, _ actor: String, _ fields: [(String, JSONValue)]
)
  -> String
{
  let common: [(key: String, value: JSONValue)] = [
    ("type", .string(type)), ("id", .string(id)), ("date", .string(date.description)),
    ("actor", .string(actor)),
  ]
  return JSONWriter.string(.object(JSONObject(common + fields.map { (key: $0.0, value: $0.1) })))
}

extension JSONValue {
  static func int(_ number: Int) -> JSONValue { .number(String(number)) }
  static func strings(_ texts: [String]) -> JSONValue { .array(texts.map(JSONValue.string)) }
}
