import PackagePlugin

/// Generates Swift source that carries the files of `Journal/rules` inside the binary, so that
/// `claims` works from any folder. Runs before each build of a target that uses it, and again
/// whenever a rules file changes.
@main
struct EmbedFilesPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let rules = context.package.directoryURL.appending(path: "Journal/rules")
    let inputs = try FileManager.default.contentsOfDirectory(atPath: rules.path())
      .filter { $0.hasSuffix(".json") }.sorted()
      .map { rules.appending(path: $0) }
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRulesetFiles.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(inputs.count) ruleset files",
        executable: try context.tool(named: "embed-files").url,
        arguments: [output.path()] + inputs.map { $0.path() },
        inputFiles: inputs,
        outputFiles: [output])
    ]
  }
}

import Foundation
