import ClaimsDomain
import ClaimsJournal
import Foundation

/// The rulesets a replay runs under: the shipped ones, or a folder given with `--rules`.
public struct RuleLibrary: Sendable {
  /// What a checkpoint is keyed by: the SHA-256 of the rulesets' own SHA-256s (of their files'
  /// bytes), sorted. The bytes decide the rulesets, so it is known without reading them.
  public let key: String
  private let source: Source

  private enum Source: Sendable {
    /// The shipped rulesets, read on first use: a command answered from a checkpoint's money
    /// (`claims balances`) needs only their key, and reading them took a third of its time.
    case shipped
    case read([Ruleset])
  }

  public var rulesets: [Ruleset] {
    switch source {
    case .shipped: return Self.shippedRulesets
    case .read(let rulesets): return rulesets
    }
  }

  public init(_ rulesets: [Ruleset]) {
    key = Self.key(rulesets.map(\.sha256))
    source = .read(rulesets.sorted(by: Self.order))
  }

  /// Reads rulesets from (file name, bytes) pairs.
  public init(files: [(name: String, bytes: [UInt8])]) throws(RulesetError) {
    var rulesets: [Ruleset] = []
    for file in files { rulesets.append(try Ruleset(file: file.name, bytes: file.bytes)) }
    self.init(rulesets)
  }

  /// The rulesets shipped inside the binary, generated from Journal/rules at build time.
  /// Its key from the files' SHA-256s taken at build time (a test holds them to the bytes).
  public static let shipped = RuleLibrary(key: key(embeddedRulesetFiles.map(\.sha256)), source: .shipped)

  private init(key: String, source: Source) { (self.key, self.source) = (key, source) }

  private static let shippedRulesets: [Ruleset] = {
    do {
      return try RuleLibrary(files: shippedFiles).rulesets
    } catch {
      preconditionFailure("the shipped rulesets do not load: \(error)")
    }
  }()

  private static func key(_ hashes: [String]) -> String { SHA256.hash(Array(hashes.sorted().joined(separator: "\n").utf8)).hex }

  private static func order(_ lhs: Ruleset, _ rhs: Ruleset) -> Bool { (lhs.region, lhs.from, lhs.id) < (rhs.region, rhs.from, rhs.id) }

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
