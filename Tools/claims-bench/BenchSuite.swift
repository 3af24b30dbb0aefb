import ClaimsDomain
import ClaimsJournal
import ClaimsWorkload
import Foundation

/// `claims-bench suite`: for each size, a synthetic journal (generated, or reused when the
/// generator, seed and size match), then each step in a child process of the real `claims`
/// binary (import in one of `claims-bench`, which shares `claims append`'s code), timed from
/// spawn to exit with the child's peak resident memory:
/// - import, batches: the generator's input file appended batch by batch into a new journal
///   through one `AppendSession` (validate every event, write, fsync per batch); the result
///   must be the generated journal byte for byte; then again on one core (`taskset -c 0`);
/// - import, one batch: `claims append` of the whole input file into a new journal, as one
///   batch (one fsync);
/// - verify on one core (`taskset -c 0`) and on all cores;
/// - balances cold: `claims balances` with no checkpoint (a full replay; it saves one);
/// - rebuild: `claims rebuild` with no checkpoint (chain, replay with every check, entitlements
///   under the rules, findings, and a checkpoint written);
/// - balances from the checkpoint `rebuild` saved, and `balances --as-of` the day by which half
///   the events had happened;
/// - from the checkpoint too: `findings --as-of` the same day (every table read; the lines of
///   the findings' leads judged), one trainee's entitlements (now and --as-of), and a clerk's
///   `claims append` of one event (to a copy of the journal, so that the workload stays
///   reusable).
/// Steps shorter than `repeatBelowSeconds` run `runs` times and report the fastest.
struct BenchSuite {
  var sizes: [Int]
  var folder: String
  var seed: UInt64 = 2024
  var runs = 3
  var repeatBelowSeconds = 30.0
  /// Where `claims` and `claims-bench` are: beside this program, unless told.
  var tools = ChildProcess.ownFolder
  /// `claims append` of a whole file holds every input event in memory at once: above this
  /// size the one-batch import is left out.
  var oneBatchMaxEvents = 2_000_000
  /// Progress, on standard error (unbuffered) so that a long run shows where it is.
  var log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }

  var claims: String { tools + "/claims" }
  var bench: String { tools + "/claims-bench" }

  func run() throws -> [BenchSizeReport] {
    for program in [claims, bench] where !FileManager.default.isExecutableFile(atPath: program) {
      throw BenchError("\(program) is missing: build it first (swift build -c release -Xswiftc -static-executable)")
    }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return try sizes.map(runSize)
  }

  func runSize(_ events: Int) throws -> BenchSizeReport {
    let label = Self.label(events)
    let journal = "\(folder)/w\(label).journal"
    let input = "\(folder)/w\(label).input.jsonl"
    let workload = Workload(events: events, seed: seed)
    var steps: [BenchStep] = []
    var summary: WorkloadSummary
    if let saved = Self.reusable(workload, journal: journal, input: input) {
      summary = saved
      log("\(label): reusing \(journal) (\(saved.lines) lines, seed \(seed))")
    } else {
      log("\(label): generating \(journal) …")
      let generated = try child(bench, ["generate", journal, String(events), String(seed), input])
      guard let saved = WorkloadSummary.read(forJournal: journal) else {
        throw BenchError("the generator wrote no summary beside \(journal)")
      }
      summary = saved
      steps.append(
        BenchStep(
          "generate (AppendSession, \(summary.batches) batches)", generated, events: summary.lines,
          bytes: summary.journalBytes))
    }
    let lines = summary.lines
    let bytes = summary.journalBytes
    var report = BenchSizeReport(label: label, journal: journal, input: input, summary: summary)

    let imported = "\(folder)/w\(label).import.journal"
    Self.removeJournal(imported)
    log("\(label): import, batches …")
    let batched = try child(bench, ["import", input, imported])
    // Equal heads (the last line's SHA-256) of two whole chains of equal length: equal files.
    report.importIsIdentical =
      (try? JournalHead.read(forJournal: imported)) == (try? JournalHead.read(forJournal: journal))
      && Self.fileSize(imported) == Self.fileSize(journal)
    steps.append(
      BenchStep(
        "import: \(summary.batches) batches, fsync each", batched, events: lines - 1,
        bytes: summary.inputBytes,
        note: report.importIsIdentical
          ? "= generated journal" : "DIFFERS from the generated journal"))
    Self.removeJournal(imported)
    if let taskset = ChildProcess.which("taskset") {
      // The target's terms: one core, the disk thread on it too.
      let pinned = try child(taskset, ["-c", "0", bench, "import", input, imported])
      steps.append(
        BenchStep(
          "import: \(summary.batches) batches, fsync each, 1 core", pinned, events: lines - 1,
          bytes: summary.inputBytes))
      Self.removeJournal(imported)
    }

    if lines - 1 <= oneBatchMaxEvents {
      log("\(label): import, one batch …")
      _ = try child(
        claims,
        ["init", imported, "--admin", Workload.admin, "--now", Workload.openedRecorded.description])
      let last = Workload.recorded(on: CivilDate(summary.lastDay)!)
      let whole = try child(claims, ["append", imported, input, "--now", last.description])
      report.oneBatchLines = (try? JournalHead.read(forJournal: imported))??.seq
      steps.append(
        BenchStep(
          "import: claims append, one batch", whole, events: lines - 1, bytes: summary.inputBytes,
          note: report.oneBatchLines == lines
            ? "\(lines) lines" : "WRONG line count \(report.oneBatchLines ?? 0)"))
      Self.removeJournal(imported)
    }

    log("\(label): verify …")
    if let taskset = ChildProcess.which("taskset") {
      let (run, count) = try best([taskset, "-c", "0", claims, "verify", journal])
      steps.append(BenchStep("verify, 1 core", run, events: lines, bytes: bytes, runs: count))
    }
    let (verify, verifyRuns) = try best([claims, "verify", journal])
    steps.append(
      BenchStep(
        "verify, \(ProcessInfo.processInfo.activeProcessorCount) cores", verify, events: lines,
        bytes: bytes,
        runs: verifyRuns))

    log("\(label): balances cold, rebuild …")
    Self.removeCheckpoint(journal)
    let cold = try child(claims, ["balances", journal, "--format", "json"])
    report.coldBalances = cold.out
    steps.append(
      BenchStep("balances, no checkpoint (saves one)", cold, events: lines, bytes: bytes))
    Self.removeCheckpoint(journal)
    let rebuild = try child(claims, ["rebuild", journal])
    steps.append(BenchStep("rebuild (saves a checkpoint)", rebuild, events: lines, bytes: bytes))

    log("\(label): balances from the checkpoint, --as-of …")
    let (warm, warmRuns) = try best([claims, "balances", journal, "--format", "json"])
    report.checkpointBalances = warm.out
    report.checkpointSaved = FileManager.default.fileExists(atPath: journal + ".checkpoint")
    steps.append(
      BenchStep(
        "balances from the checkpoint", warm, events: lines, bytes: bytes, runs: warmRuns,
        note: warm.out == cold.out ? "= cold" : "DIFFERS from cold"))
    let (asOf, asOfRuns) = try best([
      claims, "balances", journal, "--as-of", summary.midDate, "--format", "json",
    ])
    report.asOfBalances = asOf.out
    steps.append(
      BenchStep(
        "balances --as-of \(summary.midDate)", asOf, events: lines, bytes: bytes, runs: asOfRuns))

    let (findings, findingsRuns) = try best([
      claims, "findings", journal, "--as-of", summary.midDate, "--format", "json",
    ])
    report.findingsAsOf = findings.out
    steps.append(
      BenchStep("findings --as-of \(summary.midDate)", findings, events: lines, bytes: bytes, runs: findingsRuns))

    log("\(label): one trainee's entitlements, an append, from the checkpoint …")
    if let trainee = Self.firstTrainee(journal) {
      let (one, oneRuns) = try best([claims, "entitlements", journal, "--trainee", trainee, "--format", "json"])
      report.traineeEntitlements = one.out
      steps.append(BenchStep("entitlements --trainee, checkpoint", one, events: lines, bytes: bytes, runs: oneRuns))
      let (dated, datedRuns) = try best([
        claims, "entitlements", journal, "--trainee", trainee, "--as-of", summary.midDate, "--format", "json",
      ])
      report.traineeEntitlementsAsOf = dated.out
      steps.append(
        BenchStep("entitlements --trainee --as-of \(summary.midDate)", dated, events: lines, bytes: bytes, runs: datedRuns))
    }
    steps += try appends(to: journal, summary: summary, events: lines, bytes: bytes, report: &report)
    report.steps = steps
    return report
  }

  /// A clerk's append of one event to the journal, from its checkpoint; the same event sent
  /// again (acknowledged as a duplicate: its line is read back); another without a checkpoint
  /// (from line 1). On a copy (journal, head and checkpoint), so that the workload stays
  /// reusable.
  func appends(to journal: String, summary: WorkloadSummary, events: Int, bytes: Int, report: inout BenchSizeReport)
    throws -> [BenchStep]
  {
    let copy = "\(folder)/append-copy.journal"
    for suffix in ["", ".head", ".checkpoint"] {
      try? FileManager.default.removeItem(atPath: copy + suffix)
      try FileManager.default.copyItem(atPath: journal + suffix, toPath: copy + suffix)
    }
    defer { for suffix in ["", ".head", ".checkpoint"] { try? FileManager.default.removeItem(atPath: copy + suffix) } }
    let input = "\(folder)/append-one.jsonl"
    defer { try? FileManager.default.removeItem(atPath: input) }
    func append(id: String) throws -> ChildRun {
      let event = "{\"type\":\"plan.set\",\"id\":\"\(id)\",\"date\":\"\(summary.lastDay)\",\"actor\":\"admin\","
        + "\"region\":\"changchun\",\"year\":2030,\"target\":1,\"program\":\"benchmark\"}\n"
      try Data(event.utf8).write(to: URL(fileURLWithPath: input))
      // Recorded at the end of the journal's last day, UTC: after its last line.
      return try child(claims, ["append", copy, input, "--now", "\(summary.lastDay)T23:59:59.000Z"])
    }
    let one = try append(id: "bench-plan")
    report.appendedOne = one.out
    let again = try append(id: "bench-plan")
    report.appendedAgain = again.out
    try FileManager.default.removeItem(atPath: copy + ".checkpoint")
    let cold = try append(id: "bench-plan-2")
    report.appendedCold = cold.out
    return [
      BenchStep("append one event, checkpoint", one, events: events, bytes: bytes),
      BenchStep("append it again (a duplicate), checkpoint", again, events: events, bytes: bytes),
      BenchStep("append one event, no checkpoint", cold, events: events, bytes: bytes),
    ]
  }

  /// A trainee enrolled early in the journal, read from its first megabyte.
  static func firstTrainee(_ journal: String) -> String? {
    guard let handle = FileHandle(forReadingAtPath: journal) else { return nil }
    defer { try? handle.close() }
    let head = String(decoding: handle.readData(ofLength: 1 << 20), as: UTF8.self)
    guard let enrolled = head.range(of: "\"type\":\"trainee.enrolled\""),
      let field = head.range(of: "\"trainee\":\"", range: enrolled.upperBound..<head.endIndex)
    else { return nil }
    return String(head[field.upperBound...].prefix(18))
  }

  /// Runs a program that must succeed.
  func child(_ program: String, _ arguments: [String]) throws -> ChildRun {
    let run = try ChildProcess.run(program, arguments, scratch: folder)
    guard run.status == 0 else {
      throw BenchError(
        "\(([program] + arguments).joined(separator: " ")) exited \(run.status): \(run.err)")
    }
    return run
  }

  /// The fastest of up to `runs` runs, repeating only while runs are short.
  func best(_ command: [String]) throws -> (ChildRun, Int) {
    var fastest = try child(command[0], Array(command.dropFirst()))
    var count = 1
    while count < runs, fastest.seconds < repeatBelowSeconds {
      let next = try child(command[0], Array(command.dropFirst()))
      count += 1
      if next.seconds < fastest.seconds { fastest = next }
    }
    return (fastest, count)
  }

  /// The saved workload at `journal`, if it is what the generator makes today for this seed
  /// and size and the files are whole.
  static func reusable(_ workload: Workload, journal: String, input: String) -> WorkloadSummary? {
    guard let summary = WorkloadSummary.read(forJournal: journal), summary.describes(workload),
      let head = try? JournalHead.read(forJournal: journal), head.seq == summary.lines,
      head.lastLineHash.hex == summary.headSHA256,
      fileSize(journal) == summary.journalBytes, fileSize(input) == summary.inputBytes
    else { return nil }
    return summary
  }

  static func fileSize(_ path: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
  }

  static func removeJournal(_ path: String) {
    for file in [path, JournalHead.path(forJournal: path), path + ".checkpoint"] {
      try? FileManager.default.removeItem(atPath: file)
    }
  }

  static func removeCheckpoint(_ journal: String) {
    try? FileManager.default.removeItem(atPath: journal + ".checkpoint")
  }

  /// 100000 → "100k", 1000000 → "1m", 2500 → "2500".
  static func label(_ events: Int) -> String {
    events % 1_000_000 == 0
      ? "\(events / 1_000_000)m" : events % 1000 == 0 ? "\(events / 1000)k" : String(events)
  }

  /// "100k" → 100000, "10m" → 10000000, "2500" → 2500.
  static func size(_ text: String) -> Int? {
    let lower = text.lowercased()
    if lower.hasSuffix("k") { return Int(lower.dropLast()).map { $0 * 1000 } }
    if lower.hasSuffix("m") { return Int(lower.dropLast()).map { $0 * 1_000_000 } }
    return Int(lower)
  }
}

/// What the suite measured on one size, and what it checked.
struct BenchSizeReport {
  var label: String
  var journal: String
  var input: String
  var summary: WorkloadSummary
  var steps: [BenchStep] = []
  var importIsIdentical = false
  var oneBatchLines: Int?
  var checkpointSaved = false
  /// `claims balances --format json`: with no checkpoint, from the checkpoint, and --as-of.
  var coldBalances: [UInt8] = []
  var checkpointBalances: [UInt8] = []
  var asOfBalances: [UInt8] = []
  /// `claims findings --as-of … --format json` from the checkpoint.
  var findingsAsOf: [UInt8] = []
  /// `claims entitlements --trainee … --format json` from the checkpoint, now and --as-of,
  /// and what `claims append` of one event to a copy printed.
  var traineeEntitlements: [UInt8] = []
  var traineeEntitlementsAsOf: [UInt8] = []
  var appendedOne: [UInt8] = []
  var appendedAgain: [UInt8] = []
  var appendedCold: [UInt8] = []
}

/// One row of the table: seconds, events and MB per second (journal lines and bytes, or for an
/// import the input's events and bytes), peak resident memory.
struct BenchStep {
  var name: String
  var seconds: Double
  var events: Int
  var bytes: Int
  var peakMegabytes: Double
  var runs: Int
  var note: String

  init(_ name: String, _ run: ChildRun, events: Int, bytes: Int, runs: Int = 1, note: String = "") {
    (self.name, seconds, self.events, self.bytes) = (name, run.seconds, events, bytes)
    (peakMegabytes, self.runs, self.note) = (run.peakMegabytes, runs, note)
  }

  var eventsPerSecond: Double { Double(events) / seconds }
  var megabytesPerSecond: Double { Double(bytes) / 1e6 / seconds }
}
