import ClaimsDomain
import ClaimsLedger

/// A seeded run of input events through the real state machine, in memory, beside a model of
/// the test's own: the model tests offer events, mirror what is accepted, and compare.
public final class MachineRun<Model> {
  public var random: SplitMix64
  public var state = LedgerState()
  public var model: Model
  public private(set) var seq = 0
  var counter = 0
  /// Accepted and refused events by type: proof that a run exercised what it claims to.
  public private(set) var tally: [String: Int] = [:]
  public let recorded = Timestamp("2025-06-30T00:00:00.000Z")!
  public let rules = RulesetBook()

  public init(seed: UInt64, model: Model) {
    random = SplitMix64(seed: seed)
    self.model = model
  }

  /// Offers an event to the state machine, as an append would; returns whether it was accepted.
  @discardableResult
  public func offer(_ line: String) -> Bool {
    let event = try! LedgerFixture.decode(line)
    guard case .success(let decided) = state.decide(event, recorded: recorded, rules: rules) else {
      tally["\(event.type.rawValue) refused", default: 0] += 1
      return false
    }
    tally["\(event.type.rawValue) accepted", default: 0] += 1
    seq += 1
    state.apply(decided, seq: seq, recorded: recorded)
    return true
  }

  /// A fresh id with `prefix`.
  public func id(_ prefix: String) -> String {
    counter += 1
    return "\(prefix)-\(counter)"
  }
}
