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

  /// Reads the journal (warning about an incomplete tail) and folds the selected part. A
  /// command that needs only money passes `datesFromMovements`: without `--known-at`, it gets the
  /// whole state and reads a date from `LedgerState.funds(asOf:)`. A
  /// command that needs only the state of the whole journal passes its rules as
  /// `checkpointRules`: it then starts from `JOURNAL.checkpoint` when that matches, and the
  /// snapshot it gets holds only the lines after the checkpoint.
  static func replay(
    _ path: String, _ arguments: Arguments, _ terminal: Terminal, command: String,
    checkpointRules: RuleLibrary? = nil, datesFromMovements: Bool = false
  ) throws -> (JournalSnapshot, LedgerState) {
    var cut = try cut(arguments)
    // A command that reads only money answers `--as-of` from the whole state's daily movements.
    if datesFromMovements, cut.knownAt == nil { cut.asOf = nil }
    let snapshot: JournalSnapshot
    let state: LedgerState
    if let library = checkpointRules, cut == ReplayCut() {
      let outcome: Checkpoint.Outcome
      (snapshot, state, outcome) = try Checkpoint.currentState(path: path, library: library)
      if case .discarded(let why) = outcome {
        // Worth knowing: the cache no longer matched the journal, the rulesets or this build.
        terminal.err("claims \(command): note: \(Checkpoint.path(forJournal: path)) was set aside (\(why)); replayed from line 1")
      }
    } else {
      snapshot = try JournalSnapshot.read(path: path)
      state = try Replay.state(of: snapshot, cut: cut)
    }
    for warning in snapshot.warnings { terminal.err("claims \(command): warning: \(warning)") }
    return (snapshot, state)
  }
}
