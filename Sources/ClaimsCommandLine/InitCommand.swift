import ClaimsDomain
import ClaimsJournal

/// `claims init JOURNAL --admin ID [--now TS]`: creates a journal whose line 1 names the admin.
enum InitCommand: Subcommand {
  static let name = "init"
  static let summary = "create a journal whose first line names its first admin"
  static let help = """
    Usage: claims init JOURNAL --admin ID [--now TS]

    Creates JOURNAL (mode 0640) with line 1, journal.opened, naming the first admin, and
    JOURNAL.head beside it. Refuses if JOURNAL exists.
      --admin ID   the actor id of the first admin (who may then register other actors)
      --now TS     the recorded time, UTC, e.g. 2024-09-01T00:00:00.000Z (default: the clock)

    """

  static func run(_ words: [String], _ terminal: Terminal) throws -> Int32 {
    let arguments = try Arguments(words, valued: ["admin", "now"])
    try arguments.expectPositionals(1)
    let path = try arguments.positional(0, "JOURNAL")
    let admin = try arguments.required("admin")
    let recorded = try arguments.options["now"].map(ClaimsCommand.timestamp) ?? terminal.now()
    guard !FilePaths.exists(path) else {
      terminal.err("claims init: refused: \(path) already exists; a journal is never overwritten")
      return 1
    }
    var object = JSONObject()
    object.append("type", .string(EventType.journalOpened.rawValue))
    object.append("id", .string("journal.opened"))
    object.append("date", .string(recorded.chinaDate.description))
    object.append("actor", .string(admin))
    object.append("format", .number("1"))
    object.append("admin", .string(admin))
    let opened: Event
    do { opened = try Event.decode(object, ledgerFields: false) } catch {
      throw UsageError("--admin: \(error.reason)")
    }
    try JournalWriter.create(path: path, opened: opened, recorded: recorded)
    terminal.out("created \(path): line 1 journal.opened, admin \(admin), recorded \(recorded)")
    return 0
  }
}
