import ClaimsJournal
import ClaimsLedger
import ClaimsRules
import Foundation

/// Times the stages of a rebuild on a journal: read and chain check, replay of every line
/// through the state machine, and the entitlements of every class under the shipped rules.
func benchmarkReplay(path: String, foldOnly: Bool = false) throws -> [String] {
  var report: [String] = []
  let started = DispatchTime.now().uptimeNanoseconds
  func lap(_ label: String, _ from: UInt64, events: Int, bytes: Int) -> UInt64 {
    let now = DispatchTime.now().uptimeNanoseconds
    let seconds = Double(now - from) / 1e9
    report.append(String(format: "%@: %.3f s, %.2f M events/s, %.0f MB/s", label, seconds, Double(events) / seconds / 1e6, Double(bytes) / seconds / 1e6))
    return now
  }
  let snapshot = try JournalSnapshot.read(path: path)
  let events = snapshot.scan.lineCount
  let bytes = snapshot.scan.completeLength
  var mark = lap("read + verify chain", started, events: events, bytes: bytes)
  if foldOnly {
    _ = try Replay.state(of: snapshot)
    _ = lap("replay (decode, check, apply)", mark, events: events, bytes: bytes)
    return report
  }
  var decoded = 0
  try snapshot.forEachLine { frame, line in
    _ = try JournalLine.decode(line, frame: frame)
    decoded += 1
  }
  mark = lap("decode alone (\(decoded) lines)", mark, events: events, bytes: bytes)
  let state = try Replay.state(of: snapshot)
  mark = lap("replay (decode, check, apply)", mark, events: events, bytes: bytes)
  let entitlements = EntitlementEngine(library: .shipped).entitlements(of: state.allClassFacts, wages: state.minimumWages)
  _ = lap("entitlements of \(entitlements.count) trainee-classes", mark, events: events, bytes: bytes)
  _ = lap("rebuild in all", started, events: events, bytes: bytes)
  report.append("peak resident memory: \(peakMemoryMegabytes()) MB; \(state.traineesSeen.count) trainees, \(state.classes.count) classes, \(events) events")
  return report
}

/// The process's peak resident set size, from /proc (Linux).
func peakMemoryMegabytes() -> Int {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
    let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
  else { return -1 }
  return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
}
