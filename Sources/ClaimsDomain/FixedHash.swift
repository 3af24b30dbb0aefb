/// Fixed 64-bit mixes for the ledger's own hash tables: the keys (event ids, resident IDs,
/// class ids) are short and checked before they get here, and the tables need spread, not
/// SipHash's resistance to chosen keys, which costs several times more on the replay's hottest
/// lookups. Tables that Swift seeds per instance pass their seed in, so two tables never order
/// the same keys alike.
public enum FixedHash {
  /// The bytes, eight at a time.
  @inlinable public static func bytes(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> Int {
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count) ^ seed
    var index = 0
    while index &+ 8 <= bytes.count {
      hash = mix(hash ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
      index &+= 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while index < bytes.count {
      tail |= UInt64(bytes[index]) << shift
      shift &+= 8
      index &+= 1
    }
    return Int(truncatingIfNeeded: mix(hash ^ tail))
  }

  /// A SplitMix64-style finalizer: every input bit moves every output bit.
  @inlinable @inline(__always) public static func mix(_ value: UInt64) -> UInt64 {
    var x = value &* 0xBF58_476D_1CE4_E5B9
    x ^= x >> 31
    x = x &* 0x94D0_49BB_1331_11EB
    return x ^ (x >> 29)
  }
}
