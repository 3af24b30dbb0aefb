import ClaimsJournal
import Foundation

/// `claims-bench verify [JOURNAL ...]`: the chain check of each journal (a synthetic one of
/// `events` lines when none is named), in process and as `claims verify`:
/// - in process, the stream `claims verify` uses, on one thread and on every core, and the
///   whole-file `JournalSnapshot.read` for comparison (files under 1 GB); best of `runs`;
/// - `claims verify` in a child process pinned to core 0 (`taskset -c 0`) and unpinned, timed
///   from spawn to exit, with its peak resident memory as `/usr/bin/time -v` reports it
///   (run first, while this process is still small).
func benchmarkVerify(journals: [String], events: Int, runs: Int) throws -> [String] {
  var report: [String] = []
  var paths = journals
  let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
    "claims-bench-\(getpid())")
  try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: scratch) }
  if paths.isEmpty {
    let path = scratch.appendingPathComponent("synthetic.journal").path
    try Data(SyntheticJournal.bytes(events: events)).write(to: URL(fileURLWithPath: path))
    paths = [path]
  }
  for path in paths {
    let bytes = try OpenFile(path: path, writable: false).size()
    let megabytes = Double(bytes) / 1e6
    // One pass first: the line count for the figures, and the file in the page cache.
    let lines = try JournalSnapshot.stream(path: path) { _, _ in }?.scan.lineCount ?? 0
    report.append(String(format: "%@: %.1f MB", path, megabytes))
    func line(_ label: String, _ seconds: Double, rss: Int? = nil) {
      let memory = rss.map { String(format: ", peak RSS %.1f MB", Double($0) / 1024) } ?? ""
      report.append(
        String(
          format: "  %@: %.3f s, %.0f MB/s, %.2f M lines/s%@", label, seconds, megabytes / seconds,
          Double(lines) / seconds / 1e6, memory))
    }
    let claims = ChildProcess.ownFolder + "/claims"
    var commands: [(String, [String])] = [("claims verify, all cores", [claims, "verify", path])]
    if let taskset = ChildProcess.which("taskset") {
      commands.insert(
        ("claims verify, taskset -c 0", [taskset, "-c", "0", claims, "verify", path]), at: 0)
    }
    if !FileManager.default.isExecutableFile(atPath: claims) {
      report.append("  (no \(claims): build it with swift build -c release -Xswiftc -static-executable for the child runs)")
      commands = []
    }
    for (label, command) in commands {
      // Through /usr/bin/time when there is one: wait4's peak of a child started by
      // posix_spawn (a vfork) also counts this process's own peak before the exec.
      let timed = FileManager.default.isExecutableFile(atPath: "/usr/bin/time")
      var fastest: ChildRun?
      for _ in 0..<runs {
        let full = timed ? ["/usr/bin/time", "-v"] + command : command
        var run = try ChildProcess.run(full[0], Array(full.dropFirst()), scratch: scratch.path)
        if timed, let peak = timeMaximumResident(run.err) { run.peakKilobytes = peak }
        guard run.status == 0 else {
          throw BenchError("\(command.joined(separator: " ")) exited \(run.status): \(run.err)")
        }
        if fastest == nil || run.seconds < fastest!.seconds { fastest = run }
      }
      line(label, fastest!.seconds, rss: fastest!.peakKilobytes)
    }
    for threads in [1, 0] {
      var fastest = Double.infinity
      for _ in 0..<runs {
        fastest = min(
          fastest,
          try seconds {
            _ = try JournalSnapshot.stream(path: path, threads: threads) { _, _ in }
          })
      }
      let cores =
        threads == 1 ? "1 thread" : "\(ProcessInfo.processInfo.activeProcessorCount) threads"
      line("stream, in process, \(cores)", fastest)
    }
    if bytes < 1_000_000_000 {
      var fastest = Double.infinity
      for _ in 0..<runs {
        fastest = min(fastest, try seconds { _ = try JournalSnapshot.read(path: path, threads: 1) })
      }
      line("whole-file read, in process, 1 thread", fastest)
    }
  }
  return report
}

/// The "Maximum resident set size (kbytes): N" that `/usr/bin/time -v` prints.
private func timeMaximumResident(_ text: String) -> Int? {
  let label = "Maximum resident set size (kbytes): "
  guard let line = text.split(separator: "\n").first(where: { $0.contains(label) }) else {
    return nil
  }
  return Int(line.split(separator: " ").last ?? "")
}
