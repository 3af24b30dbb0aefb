import ClaimsDomain
import ClaimsJournal
import ClaimsLedger

/// A subcommand of `claims`: its help text and how it runs.
protocol Subcommand {
  static var name: String { get }
  static var summary: String { get }
  /// The usage line(s) and option descriptions shown by `--help`.
  static var help: String { get }
  /// Runs with the words after the subcommand's name; returns the exit status.
  static func run(_ words: [String], _ terminal: Terminal) throws -> Int32
}

/// The `claims` executable, callable in-process: exit 0 on success, 1 on a refused request or an
/// integrity error, 2 on a usage error. Messages go to standard error, one line each.
public enum ClaimsCommand {
  static var subcommands: [any Subcommand.Type] {
    [
      InitCommand.self, AppendCommand.self, VerifyCommand.self, BalancesCommand.self,
      EntitlementsCommand.self, FindingsCommand.self, AuditCommand.self, DiffCommand.self,
      RebuildCommand.self, StatsCommand.self, ReportCommand.self,
      ReconcileCommand.self, ExportCommand.self,
      RulesCommand.self, DemoCommand.self,
    ]
  }

  public static func run(_ arguments: [String], terminal: Terminal = .process) -> Int32 {
    guard let name = arguments.first, name != "--help", name != "-h", name != "help" else {
      terminal.writeOut(overview)
      return arguments.isEmpty ? 2 : 0
    }
    guard let command = subcommands.first(where: { $0.name == name }) else {
      terminal.err("claims: unknown command \"\(name)\"; see claims --help")
      return 2
    }
    let words = Array(arguments.dropFirst())
    if words.contains("--help") || words.contains("-h") {
      terminal.writeOut(command.help)
      return 0
    }
    do {
      return try command.run(words, terminal)
    } catch let error as UsageError {
      terminal.err("claims \(name): \(error.message)")
      terminal.writeErr(command.help)
      return 2
    } catch let error as AppendError {
      terminal.err("claims \(name): \(error)")
      return 1
    } catch let error as JournalError {
      terminal.err("claims \(name): \(error)")
      return 1
    } catch {
      terminal.err("claims \(name): \(error)")
      return 1
    }
  }

  static var overview: String {
    var text = "claims — an event-sourced ledger of vocational training subsidies\n\nCommands:\n"
    for command in subcommands {
      text += "  " + command.name.padding(toLength: 14, withPad: " ", startingAt: 0)
        + command.summary + "\n"
    }
    text += "\nEvery command has --help. Exit status: 0 done, 1 refused or integrity error, 2 usage.\n"
    return text
  }

  /// Parses a `--now` timestamp: `YYYY-MM-DDTHH:MM:SS.sssZ`, or without the milliseconds.
  static func timestamp(_ text: String) throws(UsageError) -> Timestamp {
    if let stamp = Timestamp(text) { return stamp }
    if text.count == 20, text.hasSuffix("Z"), let stamp = Timestamp(text.dropLast() + ".000Z") {
      return stamp
    }
    throw UsageError("--now must be a UTC time such as 2024-09-02T08:00:00.000Z, not \"\(text)\"")
  }
}
