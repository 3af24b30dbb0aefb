import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsRules

/// Seeded random damage to input events and journal lines, and the properties that must hold
/// whatever the damage: nothing crashes, nothing the spec refuses is accepted. Shared by the test
/// suite (a bounded run) and `Tools/claims-fuzz` (millions).
public struct Fuzzer {
  public var random: SplitMix64

  public init(seed: UInt64) { random = SplitMix64(seed: seed) }

  public struct Report: Sendable {
    public var inputs = 0
    public var inputsAccepted = 0
    public var journals = 0
    public var journalsWithTail = 0
    public var failures: [String] = []
    public init() {}
  }

  /// One random change: flip, delete, insert or duplicate bytes, or cut the text short.
  public mutating func mutate(_ bytes: [UInt8]) -> [UInt8] {
    var bytes = bytes
    guard !bytes.isEmpty else { return [UInt8(truncatingIfNeeded: random.next())] }
    let position = random.below(bytes.count)
    switch random.below(6) {
    case 0: bytes[position] ^= UInt8(1 << random.below(8))
    case 1: bytes.remove(at: position)
    case 2: bytes.insert(Self.interesting[random.below(Self.interesting.count)], at: position)
    case 3: bytes.insert(contentsOf: bytes[position..<min(bytes.count, position + 1 + random.below(24))], at: position)
    case 4: bytes.removeSubrange(position..<bytes.count)
    default: bytes[position] = UInt8(truncatingIfNeeded: random.next())
    }
    return bytes
  }

  /// Bytes that JSON and the journal's frame care about.
  static let interesting = Array(#"{}[]":,\0123456789-.eE ntfu"#.utf8) + [0x0A, 0x00, 0xE4, 0xFF]

  /// Mutated input lines against a ledger state: parsing and deciding never crash, and whatever
  /// is accepted re-encodes to an event that decodes to itself and keeps the books balanced.
  public mutating func fuzzInputs(_ lines: [String], state: LedgerState, count: Int, report: inout Report) {
    let recorded = Timestamp("2024-10-10T00:00:00.000Z")!
    let rules = RulesetBook()
    for _ in 0..<count {
      var bytes = Array(lines[random.below(lines.count)].utf8)
      for _ in 0...random.below(3) { bytes = mutate(bytes) }
      report.inputs += 1
      guard let input = try? AppendInput.parse(bytes), let item = input.first, input.count == 1 else { continue }
      guard case .success(let event) = state.decide(item.event, recorded: recorded, rules: rules) else { continue }
      report.inputsAccepted += 1
      guard let again = try? Event.decode(event.jsonObject, ledgerFields: true), again == event else {
        report.failures.append("accepted input does not round-trip: \(String(decoding: bytes, as: UTF8.self))")
        continue
      }
      // The journal writes the event straight to bytes: the same bytes as its JSON object.
      var direct = JSONWriter()
      event.writeJSONFields(into: &direct)
      var viaObject = JSONWriter()
      viaObject.writeFields(event.jsonObject)
      if direct.bytes != viaObject.bytes {
        report.failures.append("the journal's bytes differ from the event's object: \(String(decoding: bytes, as: UTF8.self))")
      }
      var next = state
      next.apply(event, seq: state.lastSeq + 1, recorded: recorded)
      if next.funds.values.contains(where: { $0.available.fen < 0 }) {
        report.failures.append("accepted input overdraws a fund: \(String(decoding: bytes, as: UTF8.self))")
      }
    }
  }

  /// Mutated journals: the scan never crashes; a damaged journal is refused or, where the
  /// damage is in its tail, reported as an incomplete tail after a prefix of the original.
  public mutating func fuzzJournal(_ original: [UInt8], head: JournalHead, count: Int, report: inout Report) {
    for _ in 0..<count {
      var bytes = original
      for _ in 0...random.below(2) { bytes = mutate(bytes) }
      guard bytes != original else { continue }
      report.journals += 1
      let withHead = random.below(4) != 0
      let scan: JournalScan
      do {
        scan = try bytes.withUnsafeBytes { buffer throws(JournalError) in
          try JournalScanner(threads: 1).scan(buffer, head: withHead ? head : nil)
        }
      } catch {
        continue
      }
      // With its head, a damaged journal never verifies clean. Without it (a copy made without
      // the head), the last line is judged on its own: every line before it must be intact.
      let lastLineStart = bytes[..<scan.completeLength].dropLast().lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
      guard let tail = scan.tail else {
        if withHead || !original.starts(with: bytes[..<lastLineStart]) {
          report.failures.append("a damaged journal verified clean at \(bytes.count) bytes")
        }
        continue
      }
      report.journalsWithTail += 1
      if !original.starts(with: bytes[..<(withHead ? tail.range.lowerBound : lastLineStart)]) {
        report.failures.append("the complete part of a damaged journal is not a prefix of the original")
      }
    }
  }
}
