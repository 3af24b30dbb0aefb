import Foundation

/// Where a checkpoint file's sections lie, read from its key line as an outsider would (SPEC's
/// cache, `Checkpoint`): the money section, the state without its id index, the index.
public struct CheckpointSections {
  public let money: Range<Int>
  public let state: Range<Int>
  public let index: Range<Int>

  struct Unreadable: Error {}

  public init(_ bytes: [UInt8]) throws {
    guard let newline = bytes.firstIndex(of: 0x0A),
      let key = try JSONSerialization.jsonObject(with: Data(bytes[..<newline])) as? [String: Any],
      let moneyLength = key["money_length"] as? Int, let stateLength = key["state_length"] as? Int
    else { throw Unreadable() }
    money = (newline + 1)..<(newline + 1 + moneyLength)
    state = money.upperBound..<(money.upperBound + stateLength)
    index = state.upperBound..<bytes.count
  }

  /// The file with one bit flipped in the middle of `section`.
  public static func damaged(_ bytes: [UInt8], in section: KeyPath<CheckpointSections, Range<Int>>) throws -> [UInt8] {
    let range = try CheckpointSections(bytes)[keyPath: section]
    var bytes = bytes
    bytes[(range.lowerBound + range.upperBound) / 2] ^= 0x01
    return bytes
  }
}
