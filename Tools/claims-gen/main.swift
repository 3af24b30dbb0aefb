import ClaimsWorkload
import Foundation

/// claims-gen OUT.journal [EVENTS] [SEED] [--input FILE] [--batch N]: builds a synthetic journal
/// of about EVENTS events (default 100000, seed 2024) through the real append path, every event
/// validated (the mix is described in Tools/ClaimsWorkload/Workload.swift); with --input, also
/// writes the same input events as JSON Lines, a blank line after each batch of at most N
/// events (default 1000). Saves OUT.journal.workload.json, what `claims-bench suite` reuses.
var words = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, _ words: inout [String]) -> String? {
  guard let index = words.firstIndex(of: name), index + 1 < words.count else { return nil }
  defer { words.removeSubrange(index...(index + 1)) }
  return words[index + 1]
}
let input = option("--input", &words)
let batch = option("--batch", &words).map { Int($0) }
guard let path = words.first, words.count <= 3, batch != .some(nil),
  let events = words.count > 1 ? Int(words[1]) : 100_000,
  let seed = words.count > 2 ? UInt64(words[2]) : 2024
else {
  print("usage: claims-gen OUT.journal [EVENTS] [SEED] [--input FILE.jsonl] [--batch N]")
  exit(2)
}
let workload = Workload(events: events, seed: seed, batchLimit: batch.flatMap { $0 } ?? 1000)
let started = DispatchTime.now().uptimeNanoseconds
do {
  let summary = try workload.write(journal: path, input: input)
  try summary.write(forJournal: path)
  let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
  print(
    "wrote \(path): \(summary.lines) lines in \(summary.batches) batches, \(summary.journalBytes) bytes; "
      + "\(summary.classes) classes, \(summary.trainees) trainees, \(summary.claims) claims; "
      + "half the events by \(summary.midDate), the last on \(summary.lastDay)")
  print(
    String(format: "generated in %.2f s, %.0f events/s", seconds, Double(summary.lines) / seconds))
} catch {
  FileHandle.standardError.write(Data("claims-gen: \(error)\n".utf8))
  exit(1)
}
