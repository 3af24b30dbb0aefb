import Foundation

/// The suite's results as a Markdown table (what README "Performance" shows), with the machine
/// it ran on.
enum BenchTable {
  static func markdown(_ reports: [BenchSizeReport]) -> String {
    var text = "| size | step | seconds | events/s | MB/s | peak MB | runs | note |\n"
    text += "|---|---|---:|---:|---:|---:|---:|---|\n"
    for report in reports {
      for step in report.steps {
        let cells = [
          "\(report.label) (\(grouped(report.summary.lines)) lines, \(megabytes(report.summary.journalBytes)) MB)",
          step.name, seconds(step.seconds), rate(step.eventsPerSecond),
          String(format: "%.0f", step.megabytesPerSecond),
          String(format: "%.0f", step.peakMegabytes), String(step.runs), step.note,
        ]
        text += "| " + cells.joined(separator: " | ") + " |\n"
      }
    }
    return text
  }

  /// The workloads: classes, trainees, claims, batches, the as-of date.
  static func workloads(_ reports: [BenchSizeReport]) -> String {
    reports.map { report in
      let s = report.summary
      return "\(report.label): \(grouped(s.lines)) lines in \(grouped(s.batches)) batches, "
        + "\(megabytes(s.journalBytes)) MB journal, \(megabytes(s.inputBytes)) MB input; \(grouped(s.classes)) classes, "
        + "\(grouped(s.trainees)) trainees, \(grouped(s.claims)) claims; seed \(s.seed); as-of \(s.midDate)"
    }.joined(separator: "\n")
  }

  /// CPU model, cores and memory, from /proc (Linux).
  static var machine: String {
    let cpu =
      (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
      .split(separator: "\n").first { $0.hasPrefix("model name") }?
      .split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
    let memory = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8))?
      .split(separator: "\n").first { $0.hasPrefix("MemTotal:") }?
      .split(separator: " ").dropFirst().first.flatMap { Int($0) }
    let gibibytes = memory.map { String(format: "%.0f GiB", Double($0) / 1_048_576) } ?? "? GiB"
    var build = "release"
    #if DEBUG
      build = "DEBUG build: figures are not representative"
    #endif
    return "\(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(gibibytes); \(build)"
  }

  static func seconds(_ value: Double) -> String {
    String(format: value < 10 ? "%.3f" : "%.1f", value)
  }

  static func rate(_ perSecond: Double) -> String {
    perSecond >= 1e6
      ? String(format: "%.2f M", perSecond / 1e6) : String(format: "%.0f k", perSecond / 1e3)
  }

  static func megabytes(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1e6) }

  /// 1234567 → "1,234,567".
  static func grouped(_ value: Int) -> String {
    let digits = Array(String(value))
    var text = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
      text.append(digit)
    }
    return text
  }
}
