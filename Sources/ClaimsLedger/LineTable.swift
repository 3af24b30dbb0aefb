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

  /// A saved table: its lines must rise, one value each.
  init(seqs: [Int], values: [Value]) throws {
    guard seqs.count == values.count, zip(seqs, seqs.dropFirst()).allSatisfy({ $0 < $1 }) else {
      throw BinaryDecodingError("a table's lines out of order, or without their values")
    }
    (self.seqs, self.values) = (seqs, values)
  }
}

/// Saved as its two lists, lines in journal order: read back without sorting or hashing.
extension LineTable: Codable where Value: Codable {
  enum CodingKeys: String, CodingKey { case seqs, values }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      seqs: try container.decode([Int].self, forKey: .seqs), values: try container.decode([Value].self, forKey: .values))
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(seqs, forKey: .seqs)
    try container.encode(values, forKey: .values)
  }
}

extension LineTable: BinaryFastCodable where Value: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(seqs)
    try output.field(values)
  }

  public init(binary input: BinaryInput) throws { try self.init(seqs: try input.field(), values: try input.field()) }
}
