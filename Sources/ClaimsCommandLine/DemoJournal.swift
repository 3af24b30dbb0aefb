import ClaimsDemo
import ClaimsRules
import Foundation

/// The demo's files as `claims demo` writes them out of the binary into a folder, for the tour
/// and for the user to try commands on afterwards: the journal with its head (made by
/// Tools/demo-gen), the shipped rulesets and the rule-change folder (Journal/rules-change).
struct DemoJournal {
  let folder: String

  var journal: String { folder + "/" + DemoFiles.journalName }
  var rules: String { folder + "/rules" }
  var ruleChange: String { folder + "/rules-change" }

  /// A folder of its own under the system's temporary directory, named for this process.
  static var defaultFolder: String {
    FileManager.default.temporaryDirectory
      .appendingPathComponent("claims-demo-\(ProcessInfo.processInfo.processIdentifier)").path
  }

  /// Writes every file, replacing what an earlier demo left in the folder.
  static func write(into folder: String) throws -> DemoJournal {
    let demo = DemoJournal(folder: folder)
    let files = FileManager.default
    try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for (name, bytes) in DemoFiles.journal { try write(bytes, to: folder + "/" + name) }
    for (path, contents) in [
      (demo.rules, RuleLibrary.shippedFiles), (demo.ruleChange, DemoFiles.ruleChange),
    ] {
      try? files.removeItem(atPath: path)
      try files.createDirectory(atPath: path, withIntermediateDirectories: true)
      for (name, bytes) in contents { try write(bytes, to: path + "/" + name) }
    }
    return demo
  }

  static func write(_ bytes: [UInt8], to path: String) throws {
    try? FileManager.default.removeItem(atPath: path)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }
}
