// SHA-256 (FIPS 180-4) in plain Swift, tuned for hashing many short messages.
//
// The hot path is `SHA256.hash(_:)` on one JSON-Lines record (120-300 bytes): the chaining
// state lives in locals, all 64 rounds are written out, and the final block(s) are padded in
// a stack buffer, so a call performs no heap allocation. The message schedule is computed
// four words at a time in SIMD4<UInt32>, which is plain SSE2 on x86-64 and NEON on arm64 (both
// baseline, so the binary needs no -target-cpu), and is interleaved with the scalar rounds so
// the two kinds of work overlap: measured 1.3x faster than a fully scalar schedule.

/// One-shot SHA-256 of a complete message.
public enum SHA256 {
  /// Hashes `bytes` in one go; allocates nothing on the heap.
  public static func hash(_ bytes: UnsafeRawBufferPointer) -> SHA256Digest {
    var state = SHA256State()
    state.absorbFinal(bytes.baseAddress, count: bytes.count, totalLength: UInt64(bytes.count))
    return SHA256Digest(state)
  }

  /// `hash(_:)` in the portable rounds whatever the CPU offers: the tests hold the two together.
  static func hashPortably(_ bytes: UnsafeRawBufferPointer) -> SHA256Digest {
    var state = SHA256State()
    state.absorbFinal(bytes.baseAddress, count: bytes.count, totalLength: UInt64(bytes.count), portable: true)
    return SHA256Digest(state)
  }

  /// Hashes the bytes of an array.
  public static func hash(_ bytes: [UInt8]) -> SHA256Digest {
    bytes.withUnsafeBytes { hash($0) }
  }

  /// Hashes the UTF-8 encoding of `string`.
  public static func hash(_ string: String) -> SHA256Digest {
    // withUTF8 gives the native storage directly; it copies only a bridged or lazy string.
    var string = string
    return string.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
  }
}

/// Incremental hashing for large inputs (files, rule sets).
///
/// Feed the message in pieces of any size with `update`, then call `finalize` once. Whole
/// 64-byte blocks are compressed straight from the caller's memory; only a partial block is
/// copied into the hasher's own 64-byte buffer.
public struct SHA256Hasher: Sendable {
  private var state = SHA256State()
  /// A partial block waiting for more input: 64 bytes as a tuple, so no heap storage.
  private var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
    (0, 0, 0, 0, 0, 0, 0, 0)
  /// How many bytes of `buffer` are in use, 0..<64.
  private var buffered = 0
  /// Message length so far in bytes; FIPS 180-4 appends it (in bits) to the padding.
  private var totalLength: UInt64 = 0

  /// Creates a hasher for a new message.
  public init() {}

  /// Appends `bytes` to the message.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard var source = bytes.baseAddress, bytes.count > 0 else { return }
    var remaining = bytes.count
    totalLength &+= UInt64(remaining)
    if buffered > 0 {
      let take = min(64 - buffered, remaining)
      let offset = buffered
      withUnsafeMutableBytes(of: &buffer) {
        ($0.baseAddress! + offset).copyMemory(from: source, byteCount: take)
      }
      buffered += take
      source += take
      remaining -= take
      if buffered < 64 { return }
      var block = buffer
      withUnsafeBytes(of: &block) {
        state.compress($0.baseAddress!, blockCount: 1, then: $0.baseAddress!, blockCount: 0)
      }
      buffered = 0
    }
    let fullBlocks = remaining &>> 6
    if fullBlocks > 0 {
      state.compress(source, blockCount: fullBlocks, then: source, blockCount: 0)
      source += fullBlocks &<< 6
      remaining &= 63
    }
    if remaining > 0 {
      withUnsafeMutableBytes(of: &buffer) {
        $0.baseAddress!.copyMemory(from: source, byteCount: remaining)
      }
      buffered = remaining
    }
  }

  /// Appends the bytes of an array to the message.
  public mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// Pads the message, returns its digest and resets the hasher for a new message.
  public mutating func finalize() -> SHA256Digest {
    var block = buffer
    let count = buffered
    withUnsafeBytes(of: &block) {
      state.absorbFinal($0.baseAddress, count: count, totalLength: totalLength)
    }
    let digest = SHA256Digest(state)
    self = SHA256Hasher()
    return digest
  }
}

/// The eight 32-bit chaining words H0...H7.
struct SHA256State: Sendable {
  // FIPS 180-4 section 5.3.3: the initial hash value.
  var h0: UInt32 = 0x6a09_e667
  var h1: UInt32 = 0xbb67_ae85
  var h2: UInt32 = 0x3c6e_f372
  var h3: UInt32 = 0xa54f_f53a
  var h4: UInt32 = 0x510e_527f
  var h5: UInt32 = 0x9b05_688c
  var h6: UInt32 = 0x1f83_d9ab
  var h7: UInt32 = 0x5be0_cd19

  /// Compresses a message's remaining `count` bytes, the whole blocks in place and then the
  /// tail with the FIPS 180-4 padding: 0x80, zeros, the length in bits as a big-endian UInt64.
  ///
  /// `totalLength` is the length of the whole message in bytes. The tail (< 64 bytes) is
  /// padded in a stack tuple, in two blocks when it leaves no room for the length (56 bytes or
  /// more), and one `compress` call covers everything: a second call per message measured
  /// up to 15% slower on 120-300 byte lines.
  @inline(__always)
  mutating func absorbFinal(_ message: UnsafeRawPointer?, count: Int, totalLength: UInt64, portable: Bool = false) {
    let wholeBytes = count & ~63
    let tailCount = count & 63
    // 64 scratch bytes, then the two padding blocks (which must start zeroed).
    var buffer: (
      UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
      UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
      UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
    ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    withUnsafeMutableBytes(of: &buffer) { bytes in
      let padded = bytes.baseAddress! + 64
      if wholeBytes > 0 {
        // Copy the message's last 64 bytes so they end at padded + tailCount: four fixed
        // 16-byte moves instead of a memcpy whose size, and so branches, vary per line. The
        // bytes before the tail land in the scratch area; the zeros after it are untouched.
        let end = message! + count
        let target = padded + tailCount
        for offset in stride(from: -64, to: 0, by: 16) {
          let chunk = end.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
          target.storeBytes(of: chunk, toByteOffset: offset, as: SIMD16<UInt8>.self)
        }
      } else if tailCount > 0 {
        padded.copyMemory(from: message!, byteCount: tailCount)
      }
      padded.storeBytes(of: 0x80, toByteOffset: tailCount, as: UInt8.self)
      let padBlocks = tailCount < 56 ? 1 : 2
      let bitLength = (totalLength &<< 3).bigEndian
      padded.storeBytes(of: bitLength, toByteOffset: padBlocks &* 64 &- 8, as: UInt64.self)
      let blocks = message ?? UnsafeRawPointer(padded)
      if portable {
        compressPortably(blocks, blockCount: wholeBytes &>> 6, then: padded, blockCount: padBlocks)
      } else {
        compress(blocks, blockCount: wholeBytes &>> 6, then: padded, blockCount: padBlocks)
      }
    }
  }

  /// Runs the compression function over `blockCount` 64-byte blocks at `blocks`, then over
  /// `extraCount` blocks at `extra`: with the SHA extensions where they are used
  /// (SHA256LaneDispatch.swift), else in the portable rounds.
  @inline(__always)
  mutating func compress(
    _ blocks: UnsafeRawPointer, blockCount: Int,
    then extra: UnsafeRawPointer, blockCount extraCount: Int
  ) {
    if !compressWithExtensions(blocks, blockCount: blockCount, then: extra, blockCount: extraCount) {
      compressPortably(blocks, blockCount: blockCount, then: extra, blockCount: extraCount)
    }
  }

  /// The portable rounds.
  ///
  /// Kept out of line and in this shape (two pointers, one countdown): one copy of the
  /// unrolled rounds (about 10 KB of code) stays hot in the instruction cache, and the
  /// register allocation is what was measured. Small changes here (more live values, the
  /// order of statements in the round) made LLVM spill working variables, costing up to 40%.
  @inline(never)
  mutating func compressPortably(
    _ blocks: UnsafeRawPointer, blockCount: Int,
    then extra: UnsafeRawPointer, blockCount extraCount: Int
  ) {
    // W[t] + K[t] for the 64 rounds of one block: the SIMD schedule stores four at a time,
    // and each round adds its word with a single memory operand.
    withUnsafeTemporaryAllocation(byteCount: 256, alignment: 16) { buffer in
      let kw = buffer.baseAddress!
      var p = blocks
      var remaining = blockCount &+ extraCount
      var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
      while remaining != 0 {
        if remaining == extraCount { p = extra }
        // The schedule for the next four words is placed after the second of each four rounds:
        // of the placements measured, that one was fastest. Maj(a, b, c) reuses the previous
        // round's a ^ b as this round's b ^ c.
        var bc = b ^ c
        var x0 = sha256LoadWords(p, 0)
        sha256Put(kw, 0, x0, 0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5)
        var x1 = sha256LoadWords(p, 16)
        sha256Put(kw, 16, x1, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5)
        var x2 = sha256LoadWords(p, 32)
        sha256Put(kw, 32, x2, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3)
        var x3 = sha256LoadWords(p, 48)
        sha256Put(kw, 48, x3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174)
        sha256Round(a, b, c, &d, e, f, g, &h, &bc, kw, 0)
        sha256Round(h, a, b, &c, d, e, f, &g, &bc, kw, 1)
        x0 = sha256Schedule(x0, x1, x2, x3)
        sha256Put(kw, 64, x0, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc)
        sha256Round(g, h, a, &b, c, d, e, &f, &bc, kw, 2)
        sha256Round(f, g, h, &a, b, c, d, &e, &bc, kw, 3)
        sha256Round(e, f, g, &h, a, b, c, &d, &bc, kw, 4)
        sha256Round(d, e, f, &g, h, a, b, &c, &bc, kw, 5)
        x1 = sha256Schedule(x1, x2, x3, x0)
        sha256Put(kw, 80, x1, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da)
        sha256Round(c, d, e, &f, g, h, a, &b, &bc, kw, 6)
        sha256Round(b, c, d, &e, f, g, h, &a, &bc, kw, 7)
        sha256Round(a, b, c, &d, e, f, g, &h, &bc, kw, 8)
        sha256Round(h, a, b, &c, d, e, f, &g, &bc, kw, 9)
        x2 = sha256Schedule(x2, x3, x0, x1)
        sha256Put(kw, 96, x2, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7)
        sha256Round(g, h, a, &b, c, d, e, &f, &bc, kw, 10)
        sha256Round(f, g, h, &a, b, c, d, &e, &bc, kw, 11)
        sha256Round(e, f, g, &h, a, b, c, &d, &bc, kw, 12)
        sha256Round(d, e, f, &g, h, a, b, &c, &bc, kw, 13)
        x3 = sha256Schedule(x3, x0, x1, x2)
        sha256Put(kw, 112, x3, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967)
        sha256Round(c, d, e, &f, g, h, a, &b, &bc, kw, 14)
        sha256Round(b, c, d, &e, f, g, h, &a, &bc, kw, 15)
        sha256Round(a, b, c, &d, e, f, g, &h, &bc, kw, 16)
        sha256Round(h, a, b, &c, d, e, f, &g, &bc, kw, 17)
        x0 = sha256Schedule(x0, x1, x2, x3)
        sha256Put(kw, 128, x0, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13)
        sha256Round(g, h, a, &b, c, d, e, &f, &bc, kw, 18)
        sha256Round(f, g, h, &a, b, c, d, &e, &bc, kw, 19)
        sha256Round(e, f, g, &h, a, b, c, &d, &bc, kw, 20)
        sha256Round(d, e, f, &g, h, a, b, &c, &bc, kw, 21)
        x1 = sha256Schedule(x1, x2, x3, x0)
        sha256Put(kw, 144, x1, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85)
        sha256Round(c, d, e, &f, g, h, a, &b, &bc, kw, 22)
        sha256Round(b, c, d, &e, f, g, h, &a, &bc, kw, 23)
        sha256Round(a, b, c, &d, e, f, g, &h, &bc, kw, 24)
        sha256Round(h, a, b, &c, d, e, f, &g, &bc, kw, 25)
        x2 = sha256Schedule(x2, x3, x0, x1)
        sha256Put(kw, 160, x2, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3)
        sha256Round(g, h, a, &b, c, d, e, &f, &bc, kw, 26)
        sha256Round(f, g, h, &a, b, c, d, &e, &bc, kw, 27)
        sha256Round(e, f, g, &h, a, b, c, &d, &bc, kw, 28)
        sha256Round(d, e, f, &g, h, a, b, &c, &bc, kw, 29)
        x3 = sha256Schedule(x3, x0, x1, x2)
        sha256Put(kw, 176, x3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070)
        sha256Round(c, d, e, &f, g, h, a, &b, &bc, kw, 30)
        sha256Round(b, c, d, &e, f, g, h, &a, &bc, kw, 31)
        sha256Round(a, b, c, &d, e, f, g, &h, &bc, kw, 32)
        sha256Round(h, a, b, &c, d, e, f, &g, &bc, kw, 33)
        x0 = sha256Schedule(x0, x1, x2, x3)
        sha256Put(kw, 192, x0, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5)
        sha256Round(g, h, a, &b, c, d, e, &f, &bc, kw, 34)
        sha256Round(f, g, h, &a, b, c, d, &e, &bc, kw, 35)
        sha256Round(e, f, g, &h, a, b, c, &d, &bc, kw, 36)
        sha256Round(d, e, f, &g, h, a, b, &c, &bc, kw, 37)
        x1 = sha256Schedule(x1, x2, x3, x0)
        sha256Put(kw, 208, x1, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3)
        sha256Round(c, d, e, &f, g, h, a, &b, &bc, kw, 38)
        sha256Round(b, c, d, &e, f, g, h, &a, &bc, kw, 39)
        sha256Round(a, b, c, &d, e, f, g, &h, &bc, kw, 40)
        sha256Round(h, a, b, &c, d, e, f, &g, &bc, kw, 41)
        x2 = sha256Schedule(x2, x3, x0, x1)
        sha256Put(kw, 224, x2, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208)
        sha256Round(g, h, a, &b, c, d, e, &f, &bc, kw, 42)
        sha256Round(f, g, h, &a, b, c, d, &e, &bc, kw, 43)
        sha256Round(e, f, g, &h, a, b, c, &d, &bc, kw, 44)
        sha256Round(d, e, f, &g, h, a, b, &c, &bc, kw, 45)
        x3 = sha256Schedule(x3, x0, x1, x2)
        sha256Put(kw, 240, x3, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2)
        sha256Round(c, d, e, &f, g, h, a, &b, &bc, kw, 46)
        sha256Round(b, c, d, &e, f, g, h, &a, &bc, kw, 47)
        sha256Round(a, b, c, &d, e, f, g, &h, &bc, kw, 48)
        sha256Round(h, a, b, &c, d, e, f, &g, &bc, kw, 49)
        sha256Round(g, h, a, &b, c, d, e, &f, &bc, kw, 50)
        sha256Round(f, g, h, &a, b, c, d, &e, &bc, kw, 51)
        sha256Round(e, f, g, &h, a, b, c, &d, &bc, kw, 52)
        sha256Round(d, e, f, &g, h, a, b, &c, &bc, kw, 53)
        sha256Round(c, d, e, &f, g, h, a, &b, &bc, kw, 54)
        sha256Round(b, c, d, &e, f, g, h, &a, &bc, kw, 55)
        sha256Round(a, b, c, &d, e, f, g, &h, &bc, kw, 56)
        sha256Round(h, a, b, &c, d, e, f, &g, &bc, kw, 57)
        sha256Round(g, h, a, &b, c, d, e, &f, &bc, kw, 58)
        sha256Round(f, g, h, &a, b, c, d, &e, &bc, kw, 59)
        sha256Round(e, f, g, &h, a, b, c, &d, &bc, kw, 60)
        sha256Round(d, e, f, &g, h, a, b, &c, &bc, kw, 61)
        sha256Round(c, d, e, &f, g, h, a, &b, &bc, kw, 62)
        sha256Round(b, c, d, &e, f, g, h, &a, &bc, kw, 63)
        a &+= h0; b &+= h1; c &+= h2; d &+= h3; e &+= h4; f &+= h5; g &+= h6; h &+= h7
        h0 = a; h1 = b; h2 = c; h3 = d; h4 = e; h5 = f; h6 = g; h7 = h
        p += 64
        remaining &-= 1
      }
    }
  }
}

// The helpers below are file-private but carry a sha256 prefix so that no other declaration
// in the module can make a call here ambiguous.

/// Four 32-bit message words: SSE2 on x86-64, NEON on arm64.
private typealias SHA256Lanes = SIMD4<UInt32>

/// Rotate right; a shift pair by constants compiles to a single rotate instruction.
@inline(__always)
private func sha256Rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }

/// One round (FIPS 180-4 section 6.2.2, step 3). The caller rotates the roles of a...h
/// instead of moving eight values, so only `d` (the new e) and `h` (the new a) are written.
@inline(__always)
private func sha256Round(
  _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
  _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32,
  _ bc: inout UInt32, _ kw: UnsafeMutableRawPointer, _ t: Int
) {
  // Ch(e, f, g) = (e & f) ^ (~e & g) and Maj(a, b, c), each in a form with fewer operations.
  let choose = g ^ (e & (f ^ g))
  let ab = a ^ b
  let majority = b ^ (ab & bc)
  bc = ab
  // Statement order matters: computing Sigma0 before t1 kept more values live and made LLVM
  // spill the working variables.
  let sigma1 = sha256Rotr(e, 6) ^ sha256Rotr(e, 11) ^ sha256Rotr(e, 25)
  let t1 = h &+ kw.load(fromByteOffset: t &* 4, as: UInt32.self) &+ choose &+ sigma1
  d &+= t1
  h = t1 &+ (sha256Rotr(a, 2) ^ sha256Rotr(a, 13) ^ sha256Rotr(a, 22)) &+ majority
}

/// Words 4i...4i+3 of the block at `p`, read from byte `offset` and converted from big-endian.
@inline(__always)
private func sha256LoadWords(_ p: UnsafeRawPointer, _ offset: Int) -> SHA256Lanes {
  let v = p.loadUnaligned(fromByteOffset: offset, as: SHA256Lanes.self)
  // Byte swap in each lane with shifts and masks: SSE2 has no byte shuffle.
  let swappedHalves = (v &<< 16) | (v &>> 16)
  let mask = SHA256Lanes(repeating: 0x00ff_00ff)
  return ((swappedHalves & mask) &<< 8) | ((swappedHalves &>> 8) & mask)
}

/// Stores four W[t] + K[t] words for the rounds, at byte `offset` of `kw`.
@inline(__always)
private func sha256Put(
  _ kw: UnsafeMutableRawPointer, _ offset: Int, _ words: SHA256Lanes,
  _ k0: UInt32, _ k1: UInt32, _ k2: UInt32, _ k3: UInt32
) {
  let sum = words &+ SHA256Lanes(k0, k1, k2, k3)
  kw.storeBytes(of: sum, toByteOffset: offset, as: SHA256Lanes.self)
}

/// W[t...t+3] from the previous sixteen words x0 (oldest) ... x3 (newest).
@inline(__always)
private func sha256Schedule(
  _ x0: SHA256Lanes, _ x1: SHA256Lanes, _ x2: SHA256Lanes, _ x3: SHA256Lanes
) -> SHA256Lanes {
  // W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16]. W[t+2] and W[t+3] need W[t] and
  // W[t+1] for their s1 term, so the s1 part is added in two halves.
  let minus15 = SHA256Lanes(x0[1], x0[2], x0[3], x1[0])
  let minus7 = SHA256Lanes(x2[1], x2[2], x2[3], x3[0])
  let partial = x0 &+ sha256SmallSigma0(minus15) &+ minus7
  // s1(0) == 0, so the zero lanes leave the other half untouched.
  let low = partial &+ sha256SmallSigma1(SHA256Lanes(x3[2], x3[3], 0, 0))
  return low &+ sha256SmallSigma1(SHA256Lanes(0, 0, low[0], low[1]))
}

// s0 and s1 on four lanes. SSE2 has no vector rotate, so each rotate is two shifts. LLVM
// scalarizes a right and a left shift that add up to 32 (it sees a rotate) and turns two
// shifts in the same direction into lane shuffles, so each right shift is paired with a left
// shift of another rotate (see SHA256Lanes.swift; checked in the disassembly).

/// s0(x) = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3), lane-wise.
@inline(__always)
private func sha256SmallSigma0(_ x: SHA256Lanes) -> SHA256Lanes {
  ((x &>> 7) ^ (x &<< 14)) ^ ((x &>> 18) ^ (x &<< 25)) ^ (x &>> 3)
}

/// s1(x) = rotr(x, 17) ^ rotr(x, 19) ^ (x >> 10), lane-wise.
@inline(__always)
private func sha256SmallSigma1(_ x: SHA256Lanes) -> SHA256Lanes {
  ((x &>> 17) ^ (x &<< 13)) ^ ((x &>> 19) ^ (x &<< 15)) ^ (x &>> 10)
}
