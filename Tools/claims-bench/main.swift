import ClaimsJournal
import ClaimsWorkload
import Foundation

/// claims-bench: measures the journal's hot paths. Build in release mode first
/// (`swift build -c release -Xswiftc -static-executable`: the Swift runtime, Foundation and the C
/// library linked in; dynamically linked, every start takes some 3 ms more), then:
///   .build/release/claims-bench suite [--sizes 100k,1m,10m] [--folder DIR] [--seed N] [--runs N]
///       the benchmark suite: workloads, import, verify, rebuild, balances (see BenchSuite.swift)
///   claims-bench verify [JOURNAL ...] [--events N] [--runs N]
///       chain check in process and as `claims verify` (1 core, all cores, peak memory);
///       a synthetic journal of N events when none is named
///   claims-bench replay JOURNAL [fold|stream]  rebuild stages; `fold`: in memory only (for a
///       profiler); `stream`: one streamed replay alone (for its peak memory)
///   claims-bench sha256 [MEGABYTES]  SHA-256 per line and whole buffer
/// and, as the suite's child processes:
///   claims-bench generate JOURNAL EVENTS SEED INPUT   claims-gen's work, with the summary saved
///   claims-bench import INPUT JOURNAL                 the input file into a new journal, batch by batch
let arguments = Array(CommandLine.arguments.dropFirst())
let command = arguments.first ?? "verify"

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}


// Top level, a thrown error would end in a crash report: a tool's failure is a message and a
// status.
do {
switch command {
case "verify":
  // `verify [JOURNAL ...] [--events N] [--runs N]`; see VerifyBench.swift.
  var journals: [String] = []
  var events = 1_000_000
  var runs = 3
  var words = arguments.dropFirst()
  while let word = words.popFirst() {
    switch word {
    case "--events": events = Int(words.popFirst() ?? "") ?? events
    case "--runs": runs = max(1, Int(words.popFirst() ?? "") ?? runs)
    default: journals.append(word)
    }
  }
  for line in try benchmarkVerify(journals: journals, events: events, runs: runs) { print(line) }
case "replay":
  guard arguments.count > 1 else {
    print("usage: claims-bench replay JOURNAL   (make one with claims-gen)")
    exit(2)
  }
  // `replay JOURNAL fold`: only the fold, for a profiler.
  for line in try benchmarkReplay(
    path: arguments[1], foldOnly: arguments.dropFirst(2).first == "fold",
    streamOnly: arguments.dropFirst(2).first == "stream")
  { print(line) }
case "suite":
  exit(runSuite(Array(arguments.dropFirst())))
case "generate":
  guard arguments.count == 5, let events = Int(arguments[2]), let seed = UInt64(arguments[3]) else {
    print("usage: claims-bench generate JOURNAL EVENTS SEED INPUT")
    exit(2)
  }
  let summary = try Workload(events: events, seed: seed).write(
    journal: arguments[1], input: arguments[4])
  try summary.write(forJournal: arguments[1])
  print("generated \(arguments[1]): \(summary.lines) lines")
case "import":
  guard arguments.count == 3 else {
    print("usage: claims-bench import INPUT JOURNAL")
    exit(2)
  }
  let report = try WorkloadImport.run(input: arguments[1], journal: arguments[2])
  print("imported \(report.events) events in \(report.batches) batches into \(arguments[2])")
case "sha256":
  let megabytes = arguments.count > 1 ? Int(arguments[1])! : 150
  print(benchmarkSHA256(megabytes: megabytes))
default:
  print(
    "usage: claims-bench suite [--sizes 100k,1m] [--folder DIR] | verify [JOURNAL ...] [--events N] [--runs N] | replay JOURNAL | sha256 [MEGABYTES]"
  )
  exit(2)
}
} catch {
  FileHandle.standardError.write(Data("claims-bench \(command): \(error)\n".utf8))
  exit(1)
}

/// `suite [--sizes 100k,1m,10m] [--folder DIR] [--seed N] [--runs N] [--one-batch-max EVENTS]`
func runSuite(_ words: [String]) -> Int32 {
  var options: [String: String] = [:]
  var index = 0
  while index < words.count {
    guard words[index].hasPrefix("--"), index + 1 < words.count else {
      print("claims-bench suite: unexpected \(words[index])")
      return 2
    }
    options[String(words[index].dropFirst(2))] = words[index + 1]
    index += 2
  }
  let sizes = (options["sizes"] ?? "100k,1m").split(separator: ",").map {
    BenchSuite.size(String($0))
  }
  guard !sizes.isEmpty, sizes.allSatisfy({ ($0 ?? 0) > 0 }),
    let seed = UInt64(options["seed"] ?? "2024"),
    let runs = Int(options["runs"] ?? "3"),
    let oneBatchMax = Int(options["one-batch-max"] ?? "2000000"),
    Set(options.keys).isSubset(of: ["sizes", "folder", "seed", "runs", "one-batch-max"])
  else {
    print(
      "usage: claims-bench suite [--sizes 100k,1m,10m] [--folder DIR] [--seed N] [--runs N] [--one-batch-max EVENTS]"
    )
    return 2
  }
  var suite = BenchSuite(sizes: sizes.map { $0! }, folder: options["folder"] ?? "/tmp/claims-bench")
  (suite.seed, suite.runs, suite.oneBatchMaxEvents) = (seed, runs, oneBatchMax)
  do {
    let reports = try suite.run()
    print("")
    print("machine: \(BenchTable.machine)")
    print(BenchTable.workloads(reports))
    print("")
    print(BenchTable.markdown(reports), terminator: "")
    return 0
  } catch {
    FileHandle.standardError.write(Data("claims-bench suite: \(error)\n".utf8))
    return 1
  }
}
