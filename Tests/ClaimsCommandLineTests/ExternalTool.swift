import ClaimsDomain
import ClaimsReports
import ClaimsTestSupport
import Foundation

/// A program of another project that a test runs on our output (hledger, ledger-cli,
/// Beancount). Absent, the test is skipped with a message naming the Debian package to install,
/// except in CI (CI=true), where it runs and fails: `.ci/run` installs the packages first.
struct ExternalTool: Sendable {
  let name: String
  let package: String

  static let hledger = ExternalTool(name: "hledger", package: "hledger")
  static let ledger = ExternalTool(name: "ledger", package: "ledger")
  static let beanCheck = ExternalTool(name: "bean-check", package: "beancount")
  static let beanQuery = ExternalTool(name: "bean-query", package: "beancount")
  static let beanReport = ExternalTool(name: "bean-report", package: "beancount")

  /// The executable, from the PATH.
  var url: URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map {
      URL(fileURLWithPath: String($0)).appendingPathComponent(name)
    }
    .first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }

  /// Whether a test needing it should run: it is installed, or CI wants the failure.
  var shouldRun: Bool { url != nil || runningInCI }

  var missing: String { "\(name) not found: install the Debian package \(package)" }

  /// Runs the tool to the end; throws when it is not installed.
  func run(_ arguments: [String]) throws -> ProcessRun {
    guard let url else { throw ExchangeTestError(missing) }
    return try ProcessRun.run(url, arguments)
  }
}

/// Reading the balances the tools print.
enum ToolOutput {
  /// `98840.50 CNY`, `-40.50 CNY`, `0`, ` 98840.50` (bean-query pads) as money.
  static func money(_ text: String) -> Money? {
    var text = text.trimmingCharacters(in: .whitespaces)
    if text.hasSuffix(" CNY") { text.removeLast(4) }
    let negative = text.hasPrefix("-")
    if negative { text.removeFirst() }
    guard let amount = Money(decimal: text) else { return nil }
    return negative ? Money(fen: -amount.fen) : amount
  }

  /// Account → balance from CSV with an account column and an amount column (hledger -O csv,
  /// bean-query -f csv), read with our own CSV reader; the header row is skipped.
  static func csvBalances(_ text: String) throws -> [String: Money] {
    var balances: [String: Money] = [:]
    for record in try CSVReader.records(Array(text.utf8)).dropFirst() {
      guard record.fields.count == 2, let amount = money(record.fields[1]) else {
        throw ExchangeTestError("unexpected balance row on line \(record.line): \(record.fields)")
      }
      balances[record.fields[0].trimmingCharacters(in: .whitespaces)] = amount
    }
    return balances
  }

  /// Account → balance from `account|amount` lines (ledger --format); the total line, with no
  /// account, is skipped.
  static func pipeBalances(_ text: String) throws -> [String: Money] {
    var balances: [String: Money] = [:]
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
      guard parts.count == 2, let amount = money(parts[1]) else {
        throw ExchangeTestError("unexpected balance line: \(line)")
      }
      if !parts[0].isEmpty { balances[parts[0]] = amount }
    }
    return balances
  }
}
