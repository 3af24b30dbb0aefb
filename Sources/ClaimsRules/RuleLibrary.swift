import ClaimsDomain
import Foundation

/// The rulesets a replay runs under: the shipped ones, or a folder given with `--rules`.
public struct RuleLibrary: Sendable {
  public let rulesets: [Ruleset]

  public init(_ rulesets: [Ruleset]) {
    self.rulesets = rulesets.sorted { ($0.region, $0.from, $0.id) < ($1.region, $1.from, $1.id) }
  }

  /// The rulesets shipped inside the binary, generated from Journal/rules at build time.
  public static let shipped: RuleLibrary = {
    do {
      return try RuleLibrary(
        files: embeddedRulesetFiles.map { ($0.name, [UInt8](Data(base64Encoded: $0.base64)!)) })
    } catch {
      preconditionFailure("the shipped rulesets do not load: \(error)")
    }
  }()

  /// Reads rulesets from (file name, bytes) pairs.
  public init(files: [(name: String, bytes: [UInt8])]) throws(RulesetError) {
    var rulesets: [Ruleset] = []
    for file in files { rulesets.append(try Ruleset(file: file.name, bytes: file.bytes)) }
    self.init(rulesets)
  }

  /// The catalog ruleset in force for a class in `region` starting on `date` (LC-2024:
  /// 以开班之日为准), or the reason there is none.
  public func ruleset(forRegion region: String, on date: CivilDate) -> Result<Ruleset, Refusal> {
    let candidates = rulesets.filter { $0.kind == .catalog && $0.covers(region: region) }
    if let found = candidates.last(where: { $0.isInForce(on: date) }) { return .success(found) }
    let periods = candidates.map(\.periodDescription).joined(separator: "; ")
    return .failure(
      Refusal(
        "no-ruleset-in-force",
        "no ruleset is in force for region \(region) on \(date)"
          + (periods.isEmpty ? "; there is no ruleset for that region" : "; rulesets: \(periods)")))
  }

  public func ruleset(id: String) -> Ruleset? { rulesets.first { $0.id == id } }
}
