import Foundation
import PackagePlugin

/// Generates Swift source that carries files of `Journal/` inside the binary, so that `claims`
/// works from any folder: the rulesets of `Journal/rules` for ClaimsRules, and for ClaimsDemo
/// the demo journal with its head and the rule-change folder `Journal/rules-change`. Runs before
/// each build of a target that uses it, and again whenever one of those files changes.
@main
struct EmbedFilesPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let journal = context.package.directoryURL.appending(path: "Journal")
    let rules = try files(in: journal.appending(path: "rules"), endingWith: [".json"])
    let tool = try context.tool(named: "embed-files").url
    switch target.name {
    case "ClaimsDemo":
      let change = try files(
        in: journal.appending(path: "rules-change"), endingWith: [".json", ".md"])
      let demo = [
        journal.appending(path: "demo.journal"), journal.appending(path: "demo.journal.head"),
      ]
      let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedDemoFiles.swift")
      // Files of rules-change identical to the shipped ones are embedded as references to
      // them (nil), so that the binary carries each ruleset once.
      return [
        .buildCommand(
          displayName: "Embedding the demo journal and \(change.count) rule-change files",
          executable: tool,
          arguments: [output.path(), "embeddedDemoJournalFiles"] + demo.map { $0.path() }
            + [
              "--", "embeddedRuleChangeFiles", "--same-as", journal.appending(path: "rules").path(),
            ]
            + change.map { $0.path() },
          inputFiles: demo + change + rules,
          outputFiles: [output])
      ]
    default:
      let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRulesetFiles.swift")
      return [
        .buildCommand(
          displayName: "Embedding \(rules.count) ruleset files",
          executable: tool,
          arguments: [output.path(), "embeddedRulesetFiles", "--sha256"] + rules.map { $0.path() },
          inputFiles: rules,
          outputFiles: [output])
      ]
    }
  }

  /// The files of `folder` whose names end with one of `suffixes`, sorted by name.
  func files(in folder: URL, endingWith suffixes: [String]) throws -> [URL] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path())
      .filter { name in suffixes.contains { name.hasSuffix($0) } }.sorted()
      .map { folder.appending(path: $0) }
  }
}
