import ClaimsJournal
import Foundation

/// claims-bench: measures the journal's hot paths. Run in release mode:
///   swift run -c release claims-bench verify [EVENTS]     chain check of a synthetic journal
///   swift run -c release claims-bench replay JOURNAL      rebuild stages (journal from claims-gen)
///   swift run -c release claims-bench sha256 [MEGABYTES]  SHA-256 per line and whole buffer
let arguments = Array(CommandLine.arguments.dropFirst())
let command = arguments.first ?? "verify"

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

switch command {
case "verify":
  let events = arguments.count > 1 ? Int(arguments[1])! : 1_000_000
  print("generating a synthetic journal of \(events) events …")
  let bytes = SyntheticJournal.bytes(events: events)
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("claims-bench-\(getpid())")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  let path = folder.appendingPathComponent("bench.journal").path
  try Data(bytes).write(to: URL(fileURLWithPath: path))
  let megabytes = Double(bytes.count) / 1e6
  print(String(format: "journal: %d lines, %.1f MB (%.0f bytes/line)", events, megabytes, Double(bytes.count) / Double(events)))
  var reads: [Double] = []
  for _ in 0..<3 {
    reads.append(try seconds { _ = try OpenFile(path: path, writable: false).readAll() })
  }
  print(String(format: "read alone: %.3f s, %.0f MB/s", median(reads), megabytes / median(reads)))
  for threads in [1, 0] {
    var runs: [Double] = []
    for _ in 0..<5 {
      runs.append(try seconds { _ = try JournalSnapshot.read(path: path, threads: threads) })
    }
    let time = median(runs)
    let label = threads == 1 ? "1 core" : "\(ProcessInfo.processInfo.activeProcessorCount) cores"
    print(String(format: "verify (read + chain check), %@: %.3f s, %.0f MB/s, %.2f M lines/s", label, time, megabytes / time, Double(events) / time / 1e6))
  }
case "replay":
  guard arguments.count > 1 else {
    print("usage: claims-bench replay JOURNAL   (make one with claims-gen)")
    exit(2)
  }
  // `replay JOURNAL fold`: only the fold, for a profiler.
  for line in try benchmarkReplay(path: arguments[1], foldOnly: arguments.dropFirst(2).first == "fold") { print(line) }
case "sha256":
  let megabytes = arguments.count > 1 ? Int(arguments[1])! : 150
  print(benchmarkSHA256(megabytes: megabytes))
default:
  print("usage: claims-bench verify [EVENTS] | replay JOURNAL | sha256 [MEGABYTES]")
  exit(2)
}
