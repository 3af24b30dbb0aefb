extension UnsafeRawBufferPointer {
  /// Whether both hold the same bytes, compared eight at a time: the generic `elementsEqual`
  /// costs several times more on the short keys and names the replay compares per line.
  @inlinable public func sameBytes(as other: UnsafeRawBufferPointer) -> Bool {
    guard count == other.count else { return false }
    if count < 8 {
      for index in 0..<count where self[index] != other[index] { return false }
      return true
    }
    var index = 0
    while index &+ 8 < count {
      guard loadUnaligned(fromByteOffset: index, as: UInt64.self)
        == other.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      else { return false }
      index &+= 8
    }
    // The last eight bytes, overlapping the words already compared: no byte-by-byte tail.
    return loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
      == other.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
  }
}
