import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import Foundation

/// A deterministic synthetic journal of about `events` events: a year and a half of
/// subsidised training as a bureau records it, valid under the shipped rules, every batch
/// written through `AppendSession` (the code of `claims append`). The same seed and size give
/// the same bytes.
///
/// The mix (shares are of classes or of trainees; the percentages of events are measured at
/// 1 M events, see README "Performance"):
/// - Classes: 92 % Liaocheng catalogue classes under LC-2024 (starting 2024-09-02 to
///   2025-07-31) in eight counties (`liaocheng-dongchangfu` …, weighted by size), of every
///   category — green 40 %, special-ability 22 %, urgent 18 % (a quarter of them assessed by
///   completion exam), manufacturing 10 %, entrepreneurship 7 %, featured 3 % — at junior,
///   intermediate or senior level, 20–40 trainees, planning the standard's hours in days of 8
///   (one class in 50 a day short: `hours-below-standard`); one in 10 funded from the
///   skills-upgrade account; one in 200 over its planned size, one in 200 withdrawn (its
///   approval voided) before it starts. 6 % Changchun project classes under CC-2024 (starting
///   2024-04-01 to 2024-10-31): class A/B/C occupations for 40–240 hours, an enterprise's demand
///   of 8–20, employment records with contract, wage (one in 30 below the minimum wage) and
///   social insurance, some trainees attending too rarely. 1 % Jinan classes under JN-2023
///   (no amounts published: no claims).
/// - Trainees: one in 12 enrolments is a person who trained before, at least 45 days earlier
///   (the cross-training limits judge them; one such return in 20 may overlap an earlier class,
///   for the auditor's double-attendance finding); one in 6 Liaocheng trainees on
///   unemployment-insurance benefits; one in 70 (project classes: one in 100) drops out after
///   the first day (the enrolment voided). Catalogue exams: 88 % pass, 4 % fail, 8 % fail and
///   resit three weeks later (three in four then pass); project exams: 93 % pass. One
///   attendance record in 500 voided the next day.
/// - Money: appropriations per fund and region in numbered batches, a new one ahead of any
///   approval that could otherwise overdraw the fund; a claim per class for those who passed
///   (one school in 20 claims for everyone, failures approved at ¥0) and one for resit passes;
///   one claim in 50 rejected and filed again; approvals 2–8 days after submission; payments
///   5–15 days later: 85 % in full, 10 % in two payments a month apart, 5 % half and never the
///   rest; one payment in 100 returned by the bank and paid again; one claim in 100 paid in
///   full has a recovery order for one trainee, received in full (60 %), in half (25 %) or not.
/// - Every event of a day is dated that day; the day's events are appended in batches of at
///   most `batchLimit` events, each recorded at 18:00 China Standard Time that day.
public struct Workload: Sendable {
  public var events: Int
  public var seed: UInt64
  public var batchLimit: Int

  public init(events: Int, seed: UInt64 = 2024, batchLimit: Int = 1000) {
    (self.events, self.seed, self.batchLimit) = (events, seed, batchLimit)
  }

  /// Changes whenever the generator's output changes, so that saved workloads are remade.
  public static let version = 3
  public static let admin = "admin"

  /// Line 1: the journal opened on 2024-03-01 by `admin`, as `claims init --admin admin` writes it.
  public static let opened = Event(
    id: "journal.opened", date: WorkloadYear.firstDay, actor: admin,
    body: .journalOpened(JournalOpened(format: 1, admin: admin)))
  public static var openedRecorded: Timestamp { recorded(on: WorkloadYear.firstDay) }

  /// When the batches of `day` are recorded: 18:00 China Standard Time.
  public static func recorded(on day: CivilDate) -> Timestamp { Timestamp("\(day)T10:00:00.000Z")! }

  /// Writes the journal at `journal` (replacing it, its head and its checkpoint) and, when
  /// `input` is given, the same input events as JSON Lines, a blank line after each batch:
  /// the file `claims append` reads (as one batch) and `WorkloadImport` reads batch by batch.
  public func write(journal: String, input: String? = nil) throws -> WorkloadSummary {
    for path in [
      journal, JournalHead.path(forJournal: journal), Checkpoint.path(forJournal: journal),
    ] {
      try? FileManager.default.removeItem(atPath: path)
    }
    try JournalWriter.create(path: journal, opened: Self.opened, recorded: Self.openedRecorded)
    let session = try AppendSession(path: journal, clock: Self.openedRecorded)
    let output = try input.map { try ByteSink(path: $0) }
    let year = WorkloadYear(self)
    var summary = WorkloadSummary(workload: self)
    var linesByDay: [(CivilDate, Int)] = []
    var day = WorkloadYear.firstDay
    while day < year.endDay {
      let lines = year.events(on: day, state: session.state)
      let stamp = Self.recorded(on: day)
      for start in stride(from: 0, to: lines.count, by: batchLimit) {
        let text =
          lines[start..<min(start + batchLimit, lines.count)].joined(separator: "\n") + "\n"
        let bytes = Array(text.utf8)
        do {
          _ = try session.append(AppendInput.parse(bytes), recordedAt: stamp, clock: stamp)
        } catch {
          throw WorkloadError(
            "the batch of \(day) from its event \(start + 1) was refused: \(error)")
        }
        try output?.write(bytes + [0x0A])
        summary.batches += 1
        summary.inputBytes += bytes.count + 1
      }
      summary.lines += lines.count
      if !lines.isEmpty { linesByDay.append((day, summary.lines)) }
      day = day.adding(days: 1)
    }
    try output?.close()
    summary.classes = year.classes.count
    summary.claims = year.claims.count
    summary.trainees = year.lastClassDay.reduce(0) { $0 + $1.count }
    summary.lastDay = linesByDay.last?.0.description ?? ""
    summary.midDate = linesByDay.first { $0.1 * 2 >= summary.lines }?.0.description ?? ""
    let scan = try JournalSnapshot.read(path: journal).scan
    summary.lines = scan.lineCount
    summary.journalBytes = scan.completeLength
    summary.headSHA256 = scan.lastHash.hex
    return summary
  }
}

/// What a generation made, saved beside the journal (`JOURNAL.workload.json`) so that a
/// benchmark can reuse the journal when the generator, seed and size are the same.
public struct WorkloadSummary: Codable, Equatable, Sendable {
  public var version = Workload.version
  public var seed: UInt64
  public var events: Int
  public var batchLimit: Int
  /// Journal lines, line 1 included.
  public var lines = 1
  public var batches = 0
  public var journalBytes = 0
  public var inputBytes = 0
  public var classes = 0
  public var claims = 0
  /// Distinct people enrolled.
  public var trainees = 0
  /// The day by which half the events have happened: a mid-year `--as-of`.
  public var midDate = ""
  public var lastDay = ""
  public var headSHA256 = ""

  init(workload: Workload) {
    (seed, events, batchLimit) = (workload.seed, workload.events, workload.batchLimit)
  }

  /// Whether this summary describes `workload` as the generator makes it today.
  public func describes(_ workload: Workload) -> Bool {
    version == Workload.version && seed == workload.seed && events == workload.events
      && batchLimit == workload.batchLimit
  }

  public static func path(forJournal journal: String) -> String { journal + ".workload.json" }

  public static func read(forJournal journal: String) -> WorkloadSummary? {
    guard let data = FileManager.default.contents(atPath: path(forJournal: journal)) else {
      return nil
    }
    return try? JSONDecoder().decode(WorkloadSummary.self, from: data)
  }

  public func write(forJournal journal: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(self).write(to: URL(fileURLWithPath: Self.path(forJournal: journal)))
  }
}

public struct WorkloadError: Error, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}

extension Fund {
  /// The funds in the order of their codes, for deterministic loops.
  static let inOrder = Fund.allCases.sorted { $0.rawValue < $1.rawValue }
}
