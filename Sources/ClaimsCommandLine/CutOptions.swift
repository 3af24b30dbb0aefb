import ClaimsDomain
import ClaimsJournal
import ClaimsLedger

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

  /// Reads the journal (warning about an incomplete tail) and folds the selected part.
  static func replay(_ path: String, _ arguments: Arguments, _ terminal: Terminal, command: String) throws
    -> (JournalSnapshot, LedgerState)
  {
    let cut = try cut(arguments)
    let snapshot = try JournalSnapshot.read(path: path)
    for warning in snapshot.warnings { terminal.err("claims \(command): warning: \(warning)") }
    return (snapshot, try Replay.state(of: snapshot, cut: cut))
  }
}
