/// The small values the ledger keeps by the million, each coded as one number rather than as
/// a keyed container: checkpoints stay compact and quick to read.
extension Money: Codable {
  public init(from decoder: any Decoder) throws { self.init(fen: try decoder.singleValueContainer().decode(Int64.self)) }
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(fen)
  }
}

extension CivilDate: Codable {
  /// The days `CivilDate` can hold (years 1–9999), all a cache's reader accepts.
  static let storableDays = -719_162...2_932_896

  public init(from decoder: any Decoder) throws {
    let days = try decoder.singleValueContainer().decode(Int.self)
    guard Self.storableDays.contains(days) else {
      throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "day \(days) out of range"))
    }
    self.init(daysSinceEpoch: days)
  }
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(daysSinceEpoch)
  }
}

extension Timestamp: Codable {
  public init(from decoder: any Decoder) throws {
    self.init(milliseconds: try decoder.singleValueContainer().decode(Int64.self))
  }
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(milliseconds)
  }
}

extension ResidentID: Codable {
  /// Seventeen digits and no more (the check character is derived), all a cache's reader accepts.
  static let digitsLimit: UInt64 = 100_000_000_000_000_000

  public init(from decoder: any Decoder) throws {
    let digits = try decoder.singleValueContainer().decode(UInt64.self)
    guard digits < Self.digitsLimit else {
      throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not 17 digits"))
    }
    self.digits = digits
  }
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(digits)
  }
}
