// Where one lane of the multi-buffer driver is in its message.

/// Where one lane is in its message: the whole blocks read in place, then the padded tail.
@usableFromInline
struct SHA256LaneCursor {
  /// The block the lane hashes next.
  @usableFromInline var block = UnsafeRawPointer(bitPattern: 64)!
  @usableFromInline var wholeBlocksLeft = 0
  @usableFromInline var padBlocksLeft = 0
  @usableFromInline var pad = UnsafeRawPointer(bitPattern: 64)!
  /// The message's index; -1 for an idle lane, which hashes its spare block and never finishes.
  @usableFromInline var index = -1

  @inlinable
  init() {}

  /// Starts a message: its whole blocks in place, its tail padded (FIPS 180-4 section 5.1.1)
  /// into the lane's pad area.
  @inlinable @inline(__always)
  mutating func load(_ message: UnsafeRawBufferPointer, index: Int, pad: UnsafeMutableRawPointer) {
    let count = message.count
    let whole = count &>> 6
    let tail = count & 63
    pad.initializeMemory(as: UInt64.self, repeating: 0, count: 16)
    if tail > 0 { pad.copyMemory(from: message.baseAddress! + (whole &<< 6), byteCount: tail) }
    pad.storeBytes(of: 0x80, toByteOffset: tail, as: UInt8.self)
    let padBlocks = tail < 56 ? 1 : 2
    pad.storeBytes(
      of: (UInt64(count) &<< 3).bigEndian, toByteOffset: padBlocks &* 64 &- 8, as: UInt64.self)
    self.pad = UnsafeRawPointer(pad)
    self.index = index
    wholeBlocksLeft = whole
    padBlocksLeft = padBlocks
    block = whole > 0 ? message.baseAddress! : self.pad
  }

  /// Parks the lane on the spare block after its pad area, for good.
  @inlinable
  mutating func idle(pad: UnsafeMutableRawPointer) {
    index = -1
    block = UnsafeRawPointer(pad + 128)
    wholeBlocksLeft = 0
    padBlocksLeft = 0
  }

  /// Moves past the block just hashed; true when that was the message's last.
  @inlinable @inline(__always)
  mutating func advance() -> Bool {
    if index < 0 { return false }
    if wholeBlocksLeft > 0 {
      wholeBlocksLeft &-= 1
      block = wholeBlocksLeft > 0 ? block + 64 : pad
      return false
    }
    padBlocksLeft &-= 1
    block += 64
    return padBlocksLeft == 0
  }
}
