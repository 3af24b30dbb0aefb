import ClaimsRules
import Foundation

/// The files `claims demo` works on, built into the binary from `Journal/` (Tools/EmbedFilesPlugin)
/// so that the demo runs from any folder: the journal Tools/demo-gen wrote, with its head, and
/// `Journal/rules-change`, the shipped rulesets with one hypothetical change.
public enum DemoFiles {
  public static let journalName = "demo.journal"

  /// `demo.journal` and `demo.journal.head`: name and exact bytes.
  public static var journal: [(name: String, bytes: [UInt8])] {
    embeddedDemoJournalFiles.map { ($0.name, decode($0.base64)) }
  }

  /// Every file of `Journal/rules-change` (rulesets and README.md): name and exact bytes. The
  /// copies of shipped rulesets were embedded as references and are filled in from them.
  public static var ruleChange: [(name: String, bytes: [UInt8])] {
    let shipped = Dictionary(
      uniqueKeysWithValues: RuleLibrary.shippedFiles.map { ($0.name, $0.bytes) })
    return embeddedRuleChangeFiles.map { file in
      guard let base64 = file.base64 else {
        guard let bytes = shipped[file.name] else {
          preconditionFailure(
            "\(file.name) was embedded as a copy of a shipped ruleset that is not shipped")
        }
        return (file.name, bytes)
      }
      return (file.name, decode(base64))
    }
  }

  static func decode(_ base64: String) -> [UInt8] { [UInt8](Data(base64Encoded: base64)!) }
}
