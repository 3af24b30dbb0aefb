import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsRules

/// `--as-of D` and `--known-at TS`, and the replay they select.
enum CutOptions {
  static let names: Set<String> = ["as-of", "known-at"]

  static func cut(_ arguments: Arguments) throws(UsageError) -> ReplayCut {
    var cut = ReplayCut()
    if let text = arguments.options["as-of"] {
      guard let date = CivilDate(text) else { throw UsageError("--as-of must be a date YYYY-MM-DD, not \"\(text)\"") }
      cut.asOf = date
    }
    if let text = arguments.options["known-at"] {
      guard let stamp = Timestamp(text) ?? (try? ClaimsCommand.timestamp(text)) else {
        throw UsageError("--known-at must be a UTC time such as 2024-12-31T16:00:00.000Z, not \"\(text)\"")
      }
      cut.knownAt = stamp
    }
    return cut
  }

  /// Streams the journal (warning about an incomplete tail) and folds the lines `--known-at`
  /// selects (all of them without it), for the commands that need only the state. `--as-of` is
  /// no cut here: the commands that take it read it from the state's dates (the money's daily
  /// movements, the facts and their history: `LedgerState+Facts`), which give what a replay of
  /// the lines dated by then gives. Given its rules as `checkpointRules`, a command on the whole
  /// journal starts from `JOURNAL.checkpoint` when that matches, its state without the event-id
  /// index unless `index` is `.always` (findings name their lines by it).
  static func state(
    _ path: String, _ arguments: Arguments, _ terminal: Terminal, command: String,
    checkpointRules: RuleLibrary? = nil, index: Checkpoint.IndexNeed = .toFoldLines
  ) throws -> (JournalStreamEnd, LedgerState) {
    var cut = try cut(arguments)
    cut.asOf = nil
    let end: JournalStreamEnd
    let state: LedgerState
    if let library = checkpointRules, cut == ReplayCut() {
      let outcome: Checkpoint.Outcome
      (end, state, outcome) = try Checkpoint.currentState(path: path, library: library, index: index)
      if case .discarded(let why) = outcome {
        // Worth knowing: the cache no longer matched the journal, the rulesets or this build.
        terminal.err("claims \(command): note: \(Checkpoint.path(forJournal: path)) was set aside (\(why)); replayed from line 1")
      }
    } else {
      (end, state) = try Replay.state(ofJournal: path, cut: cut)
    }
    warn(end.warnings, terminal, command: command)
    ProcessEnd.keep(state)
    return (end, state)
  }

  static func warn(_ warnings: [String], _ terminal: Terminal, command: String) {
    for warning in warnings { terminal.err("claims \(command): warning: \(warning)") }
  }
}
