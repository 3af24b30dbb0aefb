import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import Foundation

/// `claims demo`: builds the embedded demo journal in a temporary folder and walks through it.
enum DemoCommand: Subcommand {
  static let name = "demo"
  static let summary = "build the embedded demo journal and tour it"
  static let help = """
    Usage: claims demo

    Creates a small journal in a temporary folder (a Liaocheng class from approval to payment),
    appends its batches with the same code as claims append, verifies it, and prints each line:
    who recorded what, when, and under which hash.

    """

  static func run(_ words: [String], _ terminal: Terminal) throws -> Int32 {
    _ = try Arguments(words, valued: []).expectPositionals(0)
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("claims-demo-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.removeItem(at: folder)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("demo.journal").path
    let quiet = Terminal(
      writeOut: { _ in }, writeErr: terminal.writeErr, readInput: { [] }, now: terminal.now)
    guard ClaimsCommand.run(["init", path, "--admin", DemoJournal.admin, "--now", DemoJournal.opened], terminal: quiet) == 0
    else { return 1 }
    for (index, batch) in DemoJournal.batches.enumerated() {
      let file = folder.appendingPathComponent("batch-\(index + 1).jsonl").path
      try Data(batch.lines.utf8).write(to: URL(fileURLWithPath: file))
      let status = ClaimsCommand.run(["append", path, file, "--now", batch.recorded], terminal: quiet)
      guard status == 0 else { return status }
    }
    try tour(path, terminal)
    return 0
  }

  static func tour(_ path: String, _ terminal: Terminal) throws {
    let snapshot = try JournalSnapshot.read(path: path)
    terminal.out("ClaimsLedger demo — journal at \(path)\n")
    terminal.out("Every line is an event; each carries the SHA-256 of the line before it.\n")
    terminal.out("seq  recorded (UTC)            actor           event")
    try snapshot.forEachLine { frame, bytes in
      let line = try JournalLine.decode(bytes, frame: frame)
      let seq = String(frame.seq).padding(toLength: 4, withPad: " ", startingAt: 0)
      let actor = line.event.actor.padding(toLength: 15, withPad: " ", startingAt: 0)
      terminal.out("\(seq) \(frame.recorded)  \(actor) \(describe(line.event))")
    }
    let state = try Replay.state(of: snapshot)
    terminal.out("")
    terminal.out(
      "Replayed: \(state.actors.count) actors, \(state.classes.count) class, "
        + "\(state.enrolments.count) enrolments, \(state.claims.count) claim, \(state.payments.count) payment.")
    terminal.out("Verified: \(snapshot.scan.lineCount) lines, chain head sha256 \(snapshot.scan.lastHash.hex)")
    terminal.out("\nTry: claims verify \(path)")
  }

  /// One line of plain words for an event; resident IDs masked.
  static func describe(_ event: Event) -> String {
    switch event.body {
    case .journalOpened(let e): return "journal opened, admin \(e.admin)"
    case .actorRegistered(let e): return "registered \(e.actorID) (\(e.name)) as \(e.role.rawValue)"
    case .institutionRegistered(let e): return "registered institution \(e.name) in \(e.region)"
    case .planSet(let e): return "plan \(e.region) \(e.year): \(e.target) person-times"
    case .minimumWagePublished(let e): return "minimum wage \(e.region): \(e.amount.displayString)/month"
    case .fundAppropriated(let e):
      return "appropriated \(e.amount.displayString) to \(e.fund.chineseName) (\(e.fund.rawValue)), \(e.region)"
    case .classApproved(let e):
      return "approved class \(e.classID): \(e.category.chineseName) \(e.occupation) \(e.level?.rawValue ?? ""), \(e.start)–\(e.end)"
    case .classRejected(let e): return "rejected class \(e.classID): \(e.reason)"
    case .traineeEnrolled(let e): return "enrolled \(e.trainee.masked) in \(e.classID)"
    case .attendanceRecorded(let e): return "attendance \(e.trainee.masked): \(e.hours) h in \(e.classID)"
    case .examRecorded(let e):
      return "exam \(e.trainee.masked): \(e.passed ? "passed, certificate \(e.certificateNo ?? "")" : "failed")"
    case .employmentRecorded(let e): return "employment \(e.trainee.masked) at \(e.employer)"
    case .claimSubmitted(let e): return "claim \(e.claim) for \(e.trainees.count) trainee(s) of \(e.classID)"
    case .claimApproved(let e): return "approved claim \(e.claim)"
    case .claimRejected(let e): return "rejected claim \(e.claim): \(e.reason)"
    case .paymentMade(let e):
      return "paid \(e.amount.displayString) on \(e.claim) from \(e.fund.chineseName) to \(e.payee)"
    case .paymentReturned(let e): return "payment \(e.payment) returned: \(e.reason)"
    case .recoveryOrdered(let e): return "recovery \(e.recovery) of \(e.amount.displayString) ordered"
    case .recoveryReceived(let e): return "recovery \(e.recovery): received \(e.amount.displayString)"
    case .eventVoided(let e): return "voided \(e.target): \(e.reason)"
    }
  }
}
