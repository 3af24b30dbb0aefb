// SHA-256 of many short messages at once, four side by side in the lanes of SIMD4<UInt32>.
//
// One message's rounds form a single dependency chain, so scalar SHA-256 leaves most of the
// core idle. Four independent messages in the four lanes of an SSE2 (x86-64) or NEON (arm64)
// register do four times the work per instruction; both are baseline, so the binary needs no
// -target-cpu. The multi-buffer driver (ClaimsSHA256Core) feeds the lanes; on a CPU with
// AVX-512, `hashEach` runs the sixteen-lane code of ClaimsSHA256Wide instead (see
// SHA256LaneDispatch.swift).
import ClaimsSHA256Core

/// The chaining words H0...H7 of four messages, lane i holding message i's.
struct SHA256LaneSet: SHA256LaneCompressor {
  typealias Lanes = SIMD4<UInt32>
  static var laneCount: Int { 4 }
  /// W[t] for the 64 rounds, then K[t] in every lane.
  static var scratchByteCount: Int { 2048 }
  var chain = SHA256ChainingLanes<Lanes>()

  init() {}

  /// Writes K[t] in every lane after the 64 schedule words of `scratch`, for `compress`.
  static func prepare(_ scratch: UnsafeMutableRawPointer) {
    let k = scratch.assumingMemoryBound(to: Lanes.self) + 64
    for t in 0..<64 { k[t] = Lanes(repeating: sha256RoundConstants[t]) }
  }

  mutating func finish(lane: Int, into words: UnsafeMutablePointer<UInt32>) {
    chain.finish(lane: lane, into: words)
  }

  /// Compresses one 64-byte block per lane. `scratch` (2 KiB, 16-byte aligned) holds W[t] for
  /// the 64 rounds, then K[t] in every lane (see `SHA256LaneSet.prepare`).
  @inline(never)
  mutating func compress(
    _ blocks: UnsafePointer<UnsafeRawPointer>, _ scratch: UnsafeMutableRawPointer
  ) {
    let (p0, p1, p2, p3) = (blocks[0], blocks[1], blocks[2], blocks[3])
    let w = scratch.assumingMemoryBound(to: Lanes.self)
    // K[t] in every lane, written after the schedule's 64 words.
    let k = UnsafePointer(w + 64)
    // The message words, lane by lane: a scalar load and byte swap each, then transposed into
    // lanes by the vector inserts.
    for t in 0..<16 {
      let offset = t &* 4
      w[t] = Lanes(
        UInt32(bigEndian: p0.loadUnaligned(fromByteOffset: offset, as: UInt32.self)),
        UInt32(bigEndian: p1.loadUnaligned(fromByteOffset: offset, as: UInt32.self)),
        UInt32(bigEndian: p2.loadUnaligned(fromByteOffset: offset, as: UInt32.self)),
        UInt32(bigEndian: p3.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }
    for t in 16..<64 {
      w[t] = sha256LaneSigma1(w[t &- 2]) &+ w[t &- 7] &+ sha256LaneSigma0(w[t &- 15]) &+ w[t &- 16]
    }
    var a = chain.h0, b = chain.h1, c = chain.h2, d = chain.h3
    var e = chain.h4, f = chain.h5, g = chain.h6, h = chain.h7
    var bc = b ^ c
    var t = 0
    // Eight rounds per pass, rotating the roles of a...h instead of moving values.
    while t < 64 {
      sha256LaneRound(a, b, c, &d, e, f, g, &h, &bc, w[t], k[t])
      sha256LaneRound(h, a, b, &c, d, e, f, &g, &bc, w[t &+ 1], k[t &+ 1])
      sha256LaneRound(g, h, a, &b, c, d, e, &f, &bc, w[t &+ 2], k[t &+ 2])
      sha256LaneRound(f, g, h, &a, b, c, d, &e, &bc, w[t &+ 3], k[t &+ 3])
      sha256LaneRound(e, f, g, &h, a, b, c, &d, &bc, w[t &+ 4], k[t &+ 4])
      sha256LaneRound(d, e, f, &g, h, a, b, &c, &bc, w[t &+ 5], k[t &+ 5])
      sha256LaneRound(c, d, e, &f, g, h, a, &b, &bc, w[t &+ 6], k[t &+ 6])
      sha256LaneRound(b, c, d, &e, f, g, h, &a, &bc, w[t &+ 7], k[t &+ 7])
      t &+= 8
    }
    chain.h0 &+= a; chain.h1 &+= b; chain.h2 &+= c; chain.h3 &+= d
    chain.h4 &+= e; chain.h5 &+= f; chain.h6 &+= g; chain.h7 &+= h
  }
}

/// One round on four lanes; as `sha256Round` in SHA256.swift, with W[t] and K[t] passed in.
@inline(__always)
private func sha256LaneRound(
  _ a: SIMD4<UInt32>, _ b: SIMD4<UInt32>, _ c: SIMD4<UInt32>, _ d: inout SIMD4<UInt32>,
  _ e: SIMD4<UInt32>, _ f: SIMD4<UInt32>, _ g: SIMD4<UInt32>, _ h: inout SIMD4<UInt32>,
  _ bc: inout SIMD4<UInt32>, _ w: SIMD4<UInt32>, _ k: SIMD4<UInt32>
) {
  let choose = g ^ (e & (f ^ g))
  let ab = a ^ b
  let majority = b ^ (ab & bc)
  bc = ab
  let t1 = h &+ w &+ k &+ choose &+ sha256LaneBigSigma1(e)
  d &+= t1
  h = t1 &+ sha256LaneBigSigma0(a) &+ majority
}

// The sigma functions on four lanes. SSE2 has no vector rotate, so each rotate is two shifts.
// How the shifts are paired matters to LLVM: a right and a left shift that add up to 32 become
// a rotate, which it scalarizes; two shifts in the same direction become lane shuffles. So each
// right shift is paired with a left shift from another rotate (measured: no shuffles, no
// scalar code, in the disassembly).

/// Sigma0(x) = rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22).
@inline(__always)
private func sha256LaneBigSigma0(_ x: SIMD4<UInt32>) -> SIMD4<UInt32> {
  ((x &>> 2) ^ (x &<< 19)) ^ ((x &>> 13) ^ (x &<< 10)) ^ ((x &>> 22) ^ (x &<< 30))
}

/// Sigma1(x) = rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25).
@inline(__always)
private func sha256LaneBigSigma1(_ x: SIMD4<UInt32>) -> SIMD4<UInt32> {
  ((x &>> 6) ^ (x &<< 21)) ^ ((x &>> 11) ^ (x &<< 7)) ^ ((x &>> 25) ^ (x &<< 26))
}

/// s0(x) = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3).
@inline(__always)
private func sha256LaneSigma0(_ x: SIMD4<UInt32>) -> SIMD4<UInt32> {
  ((x &>> 7) ^ (x &<< 14)) ^ ((x &>> 18) ^ (x &<< 25)) ^ (x &>> 3)
}

/// s1(x) = rotr(x, 17) ^ rotr(x, 19) ^ (x >> 10).
@inline(__always)
private func sha256LaneSigma1(_ x: SIMD4<UInt32>) -> SIMD4<UInt32> {
  ((x &>> 17) ^ (x &<< 13)) ^ ((x &>> 19) ^ (x &<< 15)) ^ (x &>> 10)
}
