/// Raw bytes that a `BinaryEncoder` writes as one length and a copy, not byte by byte: the
/// bulk arrays of a checkpoint (an index's arena and entries). Other coders see a list of bytes.
public struct ByteString: Codable, Equatable, Sendable {
  public var bytes: [UInt8]

  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  public func encode(to encoder: any Encoder) throws {
    guard let binary = encoder as? BinaryValueEncoder else {
      var container = encoder.singleValueContainer()
      try container.encode(bytes)
      return
    }
    binary.output.append(UInt64(bytes.count))
    binary.output.bytes.append(contentsOf: bytes)
  }

  public init(from decoder: any Decoder) throws {
    guard let binary = decoder as? BinaryValueDecoder else {
      bytes = try decoder.singleValueContainer().decode([UInt8].self)
      return
    }
    let input = binary.input
    let count = try input.size()
    bytes = Array(input.bytes[input.position..<(input.position + count)])
    input.position += count
  }
}
