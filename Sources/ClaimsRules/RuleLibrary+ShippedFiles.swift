import Foundation

extension RuleLibrary {
  /// The files of Journal/rules as built into the binary: name and exact bytes, by name. For
  /// writing them out (the demo's baseline folder) and for comparing a folder against them.
  public static var shippedFiles: [(name: String, bytes: [UInt8])] {
    embeddedRulesetFiles.map { ($0.name, [UInt8](Data(base64Encoded: $0.base64)!)) }
  }
}
