import ClaimsDomain
import ClaimsJournal

/// `claims verify JOURNAL`: re-checks every line's chain and the head.
enum VerifyCommand: Subcommand {
  static let name = "verify"
  static let summary = "re-check every line of a journal: chain, order, batches, head"
  static let help = """
    Usage: claims verify JOURNAL

    Checks that every line is a journal line, that seq runs 1, 2, 3 …, that each prev is the
    SHA-256 of the previous line's bytes, that batches are complete, and that the last line
    matches JOURNAL.head. Names the first broken line and why (exit 1). An incomplete batch at
    the end, left by a crash, is reported without failing. Prints the chain head: record it
    outside the ledger (e.g. in the monthly report) to anchor the chain.

    """

  static func run(_ words: [String], _ terminal: Terminal) throws -> Int32 {
    let arguments = try Arguments(words, valued: [])
    try arguments.expectPositionals(1)
    let path = try arguments.positional(0, "JOURNAL")
    // Streamed: the file is read a chunk at a time and never held whole.
    guard let end = try JournalSnapshot.stream(path: path, body: { _, _ in }) else {
      preconditionFailure("a stream that resumes after no point always has an end")
    }
    for warning in end.warnings { terminal.err("claims verify: warning: \(warning)") }
    let scan = end.scan
    terminal.out("verified \(path): \(scan.lineCount) lines, \(scan.completeLength) bytes, chain intact")
    terminal.out("chain head: line \(scan.lineCount) sha256 \(scan.lastHash.hex)")
    if let tail = scan.tail {
      terminal.out("incomplete tail: \(tail.range.count) bytes from line \(tail.firstLine) (\(tail.reason))")
    }
    return 0
  }
}
