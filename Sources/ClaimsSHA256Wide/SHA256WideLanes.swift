// SHA-256 of sixteen messages side by side in SIMD16<UInt32>: one AVX-512 register per word.
//
// This module alone is compiled for x86-64-v4 (see Package.swift). Code built for that level
// may use instructions an older CPU lacks, so nothing of it may run, or be inlined anywhere,
// before the caller has checked the CPU: its one public function is non-generic and not
// inlinable, and every other declaration is private to this file. AVX-512 is what makes the
// width pay: a native 32-bit rotate (vprold) where SSE2 needs two shifts and an OR, and
// three-input logic (vpternlogd) for Ch, Maj and the sigma XORs. Package.swift builds this
// target only when the manifest is built on x86-64.
//
// Measured on Zen 4 (`claims-bench sha256 100`, journal-sized lines): SIMD16 at x86-64-v4
// 1.40-1.44 GB/s; SIMD8 at the same level 1.19-1.21; at x86-64-v3 (AVX2, no rotate) SIMD16
// 0.91-0.93 and SIMD8 0.80; the portable four lanes 0.49-0.54.
import ClaimsSHA256Core

/// Hashes `count` messages, `message(i)` for i in 0..<count, sixteen at a time, writing message
/// i's digest as eight chaining words (H0...H7) at `digestWords + 8 * i`.
///
/// Call only on a CPU with every feature of x86-64-v4 (ClaimsJournal's `SHA256.hashEach`
/// checks).
public func sha256HashEachSixteenLanes(
  count: Int, digestWords: UnsafeMutablePointer<UInt32>,
  message: (_ index: Int) -> UnsafeRawBufferPointer
) {
  sha256HashEach(
    SHA256SixteenLanes.self, count: count, digestWords: digestWords, message: message)
}

private typealias Lanes = SIMD16<UInt32>
/// Bytes of one word in every lane.
private var stride: Int { MemoryLayout<Lanes>.stride }

/// The chaining words H0...H7 of sixteen messages, lane i holding message i's.
private struct SHA256SixteenLanes: SHA256LaneCompressor {
  static var laneCount: Int { Lanes.scalarCount }
  /// W[t] for the 64 rounds, then the 64 scalar K[t].
  static var scratchByteCount: Int { 64 * stride + 256 }
  var chain = SHA256ChainingLanes<Lanes>()

  init() {}

  /// Copies K[t] after the schedule: the rounds add it as a broadcast memory operand.
  static func prepare(_ scratch: UnsafeMutableRawPointer) {
    let k = (scratch + 64 * stride).assumingMemoryBound(to: UInt32.self)
    for t in 0..<64 { k[t] = sha256RoundConstants[t] }
  }

  mutating func finish(lane: Int, into words: UnsafeMutablePointer<UInt32>) {
    chain.finish(lane: lane, into: words)
  }

  /// Compresses one block per lane. Out of line, so the driver's lane loop stays small.
  @inline(never)
  mutating func compress(
    _ blocks: UnsafePointer<UnsafeRawPointer>, _ scratch: UnsafeMutableRawPointer
  ) {
    let k = UnsafePointer((scratch + 64 * stride).assumingMemoryBound(to: UInt32.self))
    sha256LoadMessageWords(blocks, into: scratch)
    // Raw loads and stores: the schedule is written as words above and read as vectors here.
    func w(_ t: Int) -> Lanes { scratch.load(fromByteOffset: t &* stride, as: Lanes.self) }
    for t in 16..<64 {
      let word = sha256Sigma1(w(t &- 2)) &+ w(t &- 7) &+ sha256Sigma0(w(t &- 15)) &+ w(t &- 16)
      scratch.storeBytes(of: word, toByteOffset: t &* stride, as: Lanes.self)
    }
    var a = chain.h0, b = chain.h1, c = chain.h2, d = chain.h3
    var e = chain.h4, f = chain.h5, g = chain.h6, h = chain.h7
    var bc = b ^ c
    var t = 0
    // Eight rounds per pass, rotating the roles of a...h instead of moving values.
    while t < 64 {
      sha256Round(a, b, c, &d, e, f, g, &h, &bc, w(t), k[t])
      sha256Round(h, a, b, &c, d, e, f, &g, &bc, w(t &+ 1), k[t &+ 1])
      sha256Round(g, h, a, &b, c, d, e, &f, &bc, w(t &+ 2), k[t &+ 2])
      sha256Round(f, g, h, &a, b, c, d, &e, &bc, w(t &+ 3), k[t &+ 3])
      sha256Round(e, f, g, &h, a, b, c, &d, &bc, w(t &+ 4), k[t &+ 4])
      sha256Round(d, e, f, &g, h, a, b, &c, &bc, w(t &+ 5), k[t &+ 5])
      sha256Round(c, d, e, &f, g, h, a, &b, &bc, w(t &+ 6), k[t &+ 6])
      sha256Round(b, c, d, &e, f, g, h, &a, &bc, w(t &+ 7), k[t &+ 7])
      t &+= 8
    }
    chain.h0 &+= a; chain.h1 &+= b; chain.h2 &+= c; chain.h3 &+= d
    chain.h4 &+= e; chain.h5 &+= f; chain.h6 &+= g; chain.h7 &+= h
  }
}

/// Writes W[0...15] of the sixteen blocks to `w`, word t of lane i at byte 64 * t + 4 * i.
///
/// One scalar load and byte swap (movbe) per word. Measured slower: one 64-byte load per
/// block and a 16x16 transpose in vpermt2d (1.28-1.30 against 1.42 GB/s).
@inline(__always)
private func sha256LoadMessageWords(
  _ blocks: UnsafePointer<UnsafeRawPointer>, into w: UnsafeMutableRawPointer
) {
  for lane in 0..<Lanes.scalarCount {
    let p = blocks[lane]
    for t in 0..<16 {
      let word = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: t &* 4, as: UInt32.self))
      w.storeBytes(of: word, toByteOffset: t &* stride &+ lane &* 4, as: UInt32.self)
    }
  }
}

/// One round (FIPS 180-4 section 6.2.2) on sixteen lanes, as `sha256Round` in ClaimsJournal.
@inline(__always)
private func sha256Round(
  _ a: Lanes, _ b: Lanes, _ c: Lanes, _ d: inout Lanes,
  _ e: Lanes, _ f: Lanes, _ g: Lanes, _ h: inout Lanes,
  _ bc: inout Lanes, _ w: Lanes, _ k: UInt32
) {
  let choose = g ^ (e & (f ^ g))
  let ab = a ^ b
  let majority = b ^ (ab & bc)
  bc = ab
  let t1 = h &+ w &+ Lanes(repeating: k) &+ choose &+ sha256BigSigma1(e)
  d &+= t1
  h = t1 &+ sha256BigSigma0(a) &+ majority
}

/// Rotate right. A right and a left shift adding up to 32 become one vprold under AVX-512.
@inline(__always)
private func sha256Rotr(_ x: Lanes, _ n: UInt32) -> Lanes {
  (x &>> Lanes(repeating: n)) | (x &<< Lanes(repeating: 32 &- n))
}

/// Sigma0(x) = rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22).
@inline(__always)
private func sha256BigSigma0(_ x: Lanes) -> Lanes {
  sha256Rotr(x, 2) ^ sha256Rotr(x, 13) ^ sha256Rotr(x, 22)
}

/// Sigma1(x) = rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25).
@inline(__always)
private func sha256BigSigma1(_ x: Lanes) -> Lanes {
  sha256Rotr(x, 6) ^ sha256Rotr(x, 11) ^ sha256Rotr(x, 25)
}

/// s0(x) = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3).
@inline(__always)
private func sha256Sigma0(_ x: Lanes) -> Lanes {
  sha256Rotr(x, 7) ^ sha256Rotr(x, 18) ^ (x &>> 3)
}

/// s1(x) = rotr(x, 17) ^ rotr(x, 19) ^ (x >> 10).
@inline(__always)
private func sha256Sigma1(_ x: Lanes) -> Lanes {
  sha256Rotr(x, 17) ^ sha256Rotr(x, 19) ^ (x &>> 10)
}
