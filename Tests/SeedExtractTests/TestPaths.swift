import ClaimsDomain
import Foundation

@testable import seed_extract

/// Where the tests find the ruleset files and the seeds, relative to this package's root.
///
/// The root is two levels up from this file (`<root>/Tests/SeedExtractTests/…`), so the same
/// tests run in /work/main (seeds at /work/shared/seeds) and in a scratch copy with the same
/// relative layout.
enum TestPaths {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

  static let rules = packageRoot.appendingPathComponent("Journal/rules")

  static let seeds = packageRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/seeds")

  static var seedsPresent: Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: seeds.path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }

  /// CI must never pass by skipping: there a missing seeds folder is a failure.
  static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

  /// A ruleset file, parsed.
  static func ruleset(_ id: RulesetID) throws -> JSONValue {
    try RulesetFile.read(rules.appendingPathComponent(id.fileName))
  }
}
