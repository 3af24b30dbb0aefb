import ClaimsJournal
import ClaimsLedger
import ClaimsRules
import Foundation

/// Times the stages of a rebuild on a journal: read and chain check, replay of every line
/// through the state machine, and the entitlements of every class under the shipped rules.
func benchmarkReplay(path: String, foldOnly: Bool = false, streamOnly: Bool = false) throws -> [String] {
  var report: [String] = []
  let started = DispatchTime.now().uptimeNanoseconds
  if streamOnly {
    // One streamed replay alone, so that the peak memory is the replay's own.
    let (end, state) = try Replay.state(ofJournal: path)
    _ = lap("replay streamed (read, verify, fold)", started, events: end.scan.lineCount, bytes: end.scan.completeLength)
    report.append("peak resident memory: \(peakMemoryMegabytes()) MB; \(state.rostersOfTrainee.count) trainees, \(state.classes.count) classes, \(state.enrolments.count) enrolments, \(end.scan.lineCount) events")
    return report
  }
  func lap(_ label: String, _ from: UInt64, events: Int, bytes: Int) -> UInt64 {
    let now = DispatchTime.now().uptimeNanoseconds
    let seconds = Double(now - from) / 1e9
    report.append(String(format: "%@: %.3f s, %.2f M events/s, %.0f MB/s", label, seconds, Double(events) / seconds / 1e6, Double(bytes) / seconds / 1e6))
    return now
  }
  // Pass 1, in memory as the commands that go back to lines read it: the chain alone, then the
  // fold alone (what one replay costs beyond reading and hashing).
  let snapshot = try JournalSnapshot.read(path: path, threads: 1)
  let events = snapshot.scan.lineCount
  let bytes = snapshot.scan.completeLength
  var mark = lap("read + verify chain (1 thread)", started, events: events, bytes: bytes)
  _ = try Replay.state(of: snapshot)
  mark = lap("fold alone (decode, check, apply; journal in memory)", mark, events: events, bytes: bytes)
  if foldOnly { return report }
  // Pass 2, as the state-only commands read it: streamed, chain checked on the way.
  let (_, state) = try Replay.state(ofJournal: path)
  mark = lap("replay streamed (read, verify, fold)", mark, events: events, bytes: bytes)
  // As `claims rebuild` and `findings` compute them (statuses and amounts), then with the
  // words `claims entitlements` prints.
  let facts = state.allClassFacts
  mark = lap("class facts of \(facts.count) classes, from the state", mark, events: events, bytes: bytes)
  let decided = EntitlementEngine(library: .shipped, explains: false).entitlements(of: facts, wages: state.minimumWages)
  mark = lap("entitlements of \(decided.count) trainee-classes, without words", mark, events: events, bytes: bytes)
  let entitlements = EntitlementEngine(library: .shipped).entitlements(of: facts, wages: state.minimumWages)
  _ = lap("entitlements of \(entitlements.count) trainee-classes, with words", mark, events: events, bytes: bytes)
  report.append("peak resident memory: \(peakMemoryMegabytes()) MB (the in-memory pass holds the file); \(state.rostersOfTrainee.count) trainees, \(state.classes.count) classes, \(events) events")
  return report
}

/// The process's peak resident set size, from /proc (Linux).
func peakMemoryMegabytes() -> Int {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
    let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
  else { return -1 }
  return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
}
