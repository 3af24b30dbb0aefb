import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import Foundation

/// claims-gen OUT.journal [EVENTS] [SEED]: builds a synthetic journal through the real append
/// path (every event validated), batch by batch.
let arguments = Array(CommandLine.arguments.dropFirst())
guard let path = arguments.first else {
  print("usage: claims-gen OUT.journal [EVENTS] [SEED]")
  exit(2)
}
let events = arguments.count > 1 ? Int(arguments[1])! : 100_000
let seed = arguments.count > 2 ? UInt64(arguments[2])! : 2024
try? FileManager.default.removeItem(atPath: path)
try? FileManager.default.removeItem(atPath: path + ".head")
let opened = try Event.decode(
  { guard case .object(let o) = try! JSONParser.parse(#"{"type":"journal.opened","id":"journal.opened","date":"2024-08-01","actor":"admin","format":1,"admin":"admin"}"#) else { fatalError() }; return o }(),
  ledgerFields: false)
try JournalWriter.create(path: path, opened: opened, recorded: Timestamp(Workload.opened)!)
let session = try AppendSession(path: path, clock: Timestamp(Workload.opened)!)
try Workload(events: events, seed: seed).generate { recorded, lines in
  let input = try AppendInput.parse(Array(lines.joined(separator: "\n").utf8))
  let stamp = Timestamp(recorded)!
  _ = try session.append(input, recordedAt: stamp, clock: stamp)
}
print("wrote \(path)")
