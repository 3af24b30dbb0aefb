import ClaimsJournal
import ClaimsRules
import Foundation

/// `--rules DIR`: the rulesets of a folder (every `*.json`) instead of the shipped ones.
enum RulesOption {
  static func library(_ arguments: Arguments) throws -> RuleLibrary {
    guard let folder = arguments.options["rules"] else { return .shipped }
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
      throw UsageError("--rules: cannot read the folder \(folder)")
    }
    var files: [(name: String, bytes: [UInt8])] = []
    for name in names.sorted() where name.hasSuffix(".json") {
      files.append((name, try FilePaths.readIfPresent(folder + "/" + name) ?? []))
    }
    guard !files.isEmpty else { throw UsageError("--rules: \(folder) holds no ruleset files (*.json)") }
    return try RuleLibrary(files: files)
  }

  /// Parses `--format` against the formats a command offers.
  static func format(_ arguments: Arguments, _ allowed: [String]) throws(UsageError) -> String {
    let format = arguments.options["format"] ?? allowed[0]
    guard allowed.contains(format) else {
      throw UsageError("--format must be one of \(allowed.joined(separator: ", ")), not \"\(format)\"")
    }
    return format
  }
}
