extension UnsafeRawBufferPointer {
  /// Whether both hold the same bytes, compared eight at a time: the generic `elementsEqual`
  /// costs several times more on the short keys and names the replay compares per line.
  @inlinable public func sameBytes(as other: UnsafeRawBufferPointer) -> Bool {
    guard count == other.count else { return false }
    if count < 8 {
      if count >= 4 {
        // Two four-byte words, overlapping when count < 8.
        return loadUnaligned(as: UInt32.self) == other.loadUnaligned(as: UInt32.self)
          && loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
            == other.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
      }
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

extension UnsafeRawBufferPointer {
  /// Whether these bytes sort before `other`'s (unsigned bytes, a prefix first), eight at a
  /// time: the generic `lexicographicallyPrecedes` goes byte by byte.
  @inlinable public func bytesPrecede(_ other: UnsafeRawBufferPointer) -> Bool {
    let common = Swift.min(count, other.count)
    var index = 0
    while index &+ 8 <= common {
      let mine = UInt64(bigEndian: loadUnaligned(fromByteOffset: index, as: UInt64.self))
      let theirs = UInt64(bigEndian: other.loadUnaligned(fromByteOffset: index, as: UInt64.self))
      if mine != theirs { return mine < theirs }
      index &+= 8
    }
    while index < common {
      if self[index] != other[index] { return self[index] < other[index] }
      index &+= 1
    }
    return count < other.count
  }
}

extension StaticString {
  /// A literal's bytes, to compare a line's bytes with.
  var utf8: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: utf8Start, count: utf8CodeUnitCount) }
}
