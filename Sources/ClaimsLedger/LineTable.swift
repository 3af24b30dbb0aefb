import ClaimsDomain

/// Values keyed by the journal line that made them, added in journal order: the lines and the
/// values side by side, found by binary search. A dictionary hashed and stored a pair on every
/// enrolment of a replay for a lookup that only a void makes.
public struct LineTable<Value: Equatable & Sendable>: Equatable, Sendable {
  private var seqs: [Int] = []
  private var values: [Value] = []

  public init() {}

  public var count: Int { seqs.count }

  /// Lines come in journal order, so appending keeps the table sorted.
  mutating func append(_ value: Value, at seq: Int) {
    precondition(seqs.last.map { $0 < seq } ?? true, "lines are added in journal order")
    seqs.append(seq)
    values.append(value)
  }

  public subscript(seq: Int) -> Value? {
    var (low, high) = (0, seqs.count)
    while low < high {
      let middle = (low + high) / 2
      if seqs[middle] < seq { low = middle + 1 } else { high = middle }
    }
    return low < seqs.count && seqs[low] == seq ? values[low] : nil
  }

  /// Every line and its value, in journal order.
  public var pairs: some Sequence<(key: Int, value: Value)> {
    zip(seqs, values).lazy.map { (key: $0, value: $1) }
  }

  /// A table of the pairs in any order (a saved dictionary's): sorted by line.
  init(unordered: some Sequence<(key: Int, value: Value)>) {
    for (seq, value) in unordered.sorted(by: { $0.key < $1.key }) { append(value, at: seq) }
  }
}

/// Saved as the dictionary it stands for, in both codings.
extension LineTable: Codable where Value: Codable {
  public init(from decoder: Decoder) throws {
    let dictionary = try decoder.singleValueContainer().decode([Int: Value].self)
    self.init(unordered: dictionary.lazy.map { (key: $0.key, value: $0.value) })
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(Dictionary(uniqueKeysWithValues: pairs.map { ($0.key, $0.value) }))
  }
}

extension LineTable: BinaryFastCodable where Value: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.pairs(count: count, key: { try output.field(seqs[$0]) }, value: { try output.field(values[$0]) })
  }

  public init(binary input: BinaryInput) throws {
    let count = try input.size()
    var pairs: [(key: Int, value: Value)] = []
    pairs.reserveCapacity(count)
    for _ in 0..<count { pairs.append((try input.field(), try input.field())) }
    guard Set(pairs.lazy.map(\.key)).count == count else { throw BinaryDecodingError("a line twice in a table") }
    self.init(unordered: pairs)
  }
}
