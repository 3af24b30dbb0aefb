import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsRules

/// `claims append JOURNAL FILE|- [--now TS] [--expect-seq N]`: one all-or-nothing batch.
enum AppendCommand: Subcommand {
  static let name = "append"
  static let summary = "append a batch of events (JSON Lines), all or nothing"
  static let help = """
    Usage: claims append JOURNAL FILE|- [--now TS] [--expect-seq N]

    Validates every event of FILE (or standard input for -), one JSON object per line, against
    the journal extended by the batch's earlier events, and appends them as one batch, fsync'd
    before it returns. One invalid event and nothing is written. An event whose id is already in
    the journal with the same content is skipped and reported; with other content it is refused.
      --now TS          the recorded time, UTC; refused if earlier than the last line's
      --expect-seq N    refuse unless the journal's last seq is N (optimistic concurrency)

    """

  static func run(_ words: [String], _ terminal: Terminal) throws -> Int32 {
    let arguments = try Arguments(words, valued: ["now", "expect-seq"])
    try arguments.expectPositionals(2)
    let path = try arguments.positional(0, "JOURNAL")
    let source = try arguments.positional(1, "FILE (or - for standard input)")
    let requested = try arguments.options["now"].map(ClaimsCommand.timestamp)
    let expectSeq = try arguments.integer("expect-seq")
    let bytes: [UInt8]
    if source == "-" {
      bytes = terminal.readInput()
    } else {
      guard let read = try FilePaths.readIfPresent(source) else {
        throw UsageError("cannot read \(source): there is no such file")
      }
      bytes = read
    }
    let input: [InputEvent]
    do { input = try AppendInput.parse(bytes) } catch { throw AppendError.refused(error) }
    // From the checkpoint when it matches: an append to a long journal reads only the lines
    // after it (the read commands keep it current).
    let library = RuleLibrary.shipped
    let report = try Appender(rules: RulesetBook(library: library), checkpointRules: library).append(
      input, to: path, recordedAt: requested, clock: terminal.now(), expectSeq: expectSeq)
    for notice in report.notices { terminal.err("claims append: \(notice)") }
    for duplicate in report.duplicates {
      terminal.out(
        "skipped event \(duplicate.position) (id \"\(duplicate.id)\"): already at line \(duplicate.seq)")
    }
    if let range = report.appended {
      let count = range.count
      terminal.out("appended \(count) event\(count == 1 ? "" : "s") to \(path): lines \(range.lowerBound)–\(range.upperBound)")
    } else {
      terminal.out("appended nothing to \(path)")
    }
    return 0
  }
}
