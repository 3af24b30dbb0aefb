// SHA-256 compression with the x86 SHA extensions (SHA-NI: sha256rnds2, sha256msg1,
// sha256msg2), after Intel's description of the instructions: two rounds per sha256rnds2, the
// message schedule four words at a time.
//
// This target alone is compiled with the SHA and SSE4.1 features on, and with -parse-stdlib:
// Swift reaches an LLVM intrinsic only through the Builtin module, and LLVM selects these
// intrinsics only where the features are on. Its two public functions (one message; many, two
// at a time) are non-generic and run only after the caller has checked that the CPU has the
// features (ClaimsJournal's SHA256LaneDispatch.swift); elsewhere the portable code runs, with
// the same digests.
import ClaimsSHA256Core
import Swift

typealias Words = SIMD4<UInt32>

@inline(__always) func rounds2(_ cdgh: Words, _ abef: Words, _ wk: Words) -> Words {
  let result: Builtin.Vec4xInt32 = Builtin.int_x86_sha256rnds2(
    unsafeBitCast(cdgh, to: Builtin.Vec4xInt32.self), unsafeBitCast(abef, to: Builtin.Vec4xInt32.self),
    unsafeBitCast(wk, to: Builtin.Vec4xInt32.self))
  return unsafeBitCast(result, to: Words.self)
}

@inline(__always) func message1(_ a: Words, _ b: Words) -> Words {
  let result: Builtin.Vec4xInt32 = Builtin.int_x86_sha256msg1(
    unsafeBitCast(a, to: Builtin.Vec4xInt32.self), unsafeBitCast(b, to: Builtin.Vec4xInt32.self))
  return unsafeBitCast(result, to: Words.self)
}

@inline(__always) func message2(_ a: Words, _ b: Words) -> Words {
  let result: Builtin.Vec4xInt32 = Builtin.int_x86_sha256msg2(
    unsafeBitCast(a, to: Builtin.Vec4xInt32.self), unsafeBitCast(b, to: Builtin.Vec4xInt32.self))
  return unsafeBitCast(result, to: Words.self)
}

/// Four message words, big-endian in memory.
@inline(__always) func loadWords(_ block: UnsafeRawPointer, _ offset: Int) -> Words {
  Words(
    UInt32(bigEndian: block.loadUnaligned(fromByteOffset: offset, as: UInt32.self)),
    UInt32(bigEndian: block.loadUnaligned(fromByteOffset: offset &+ 4, as: UInt32.self)),
    UInt32(bigEndian: block.loadUnaligned(fromByteOffset: offset &+ 8, as: UInt32.self)),
    UInt32(bigEndian: block.loadUnaligned(fromByteOffset: offset &+ 12, as: UInt32.self)))
}

/// The round constants, four to a group (FIPS 180-4, 4.2.2).
let roundConstants: [Words] = [
  Words(0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5), Words(0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5),
  Words(0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3), Words(0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174),
  Words(0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc), Words(0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da),
  Words(0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7), Words(0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967),
  Words(0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13), Words(0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85),
  Words(0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3), Words(0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070),
  Words(0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5), Words(0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3),
  Words(0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208), Words(0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2),
]

/// Compresses `count` 64-byte blocks at `blocks` into the chaining words `state[0..<8]`
/// (H0 to H7). Needs a CPU with the SHA extensions and SSE4.1.
public func sha256CompressWithSHAExtensions(_ state: UnsafeMutablePointer<UInt32>, _ blocks: UnsafeRawPointer, _ count: Int) {
  guard count > 0 else { return }
  var lane = ExtensionLane(
    abef: Words(state[5], state[4], state[1], state[0]), cdgh: Words(state[7], state[6], state[3], state[2]))
  var none = ExtensionLane.initial
  roundConstants.withUnsafeBufferPointer { k in
    for block in 0..<count {
      lane.load(blocks + block &* 64)
      compressBlocks(&lane, &none, both: false, k)
    }
  }
  lane.write(into: state)
}

/// Hashes `count` messages, `message(i)` for i in 0..<count, two at a time with the SHA
/// extensions, writing message i's digest as eight chaining words (H0...H7) at
/// `digestWords + 8 * i`. Needs a CPU with the SHA extensions and SSE4.1.
public func sha256HashEachWithSHAExtensions(
  count: Int, digestWords: UnsafeMutablePointer<UInt32>,
  message: (_ index: Int) -> UnsafeRawBufferPointer
) {
  sha256HashEach(SHA256ExtensionLanes.self, count: count, digestWords: digestWords, message: message)
}

/// Two messages side by side (the multi-buffer driver of ClaimsSHA256Core feeds the lanes).
private struct SHA256ExtensionLanes: SHA256LaneCompressor {
  static var laneCount: Int { 2 }
  static var scratchByteCount: Int { 64 }
  static func prepare(_ scratch: UnsafeMutableRawPointer) {}
  var a = ExtensionLane.initial
  var b = ExtensionLane.initial

  init() {}

  @inline(never)
  mutating func compress(_ blocks: UnsafePointer<UnsafeRawPointer>, _ scratch: UnsafeMutableRawPointer) {
    var (first, second) = (a, b)
    first.load(blocks[0])
    second.load(blocks[1])
    roundConstants.withUnsafeBufferPointer { compressBlocks(&first, &second, both: true, $0) }
    (a, b) = (first, second)
  }

  mutating func finish(lane: Int, into words: UnsafeMutablePointer<UInt32>) {
    if lane == 0 {
      a.write(into: words)
      a = .initial
    } else {
      b.write(into: words)
      b = .initial
    }
  }
}

/// One message's chaining words as the instructions keep them, and the schedule of the block
/// being compressed: `w0` to `w3` hold its words four at a time, then the words the schedule
/// derives from them.
struct ExtensionLane {
  var abef: Words
  var cdgh: Words
  var w0 = Words(), w1 = Words(), w2 = Words(), w3 = Words()

  /// The initial hash value (FIPS 180-4, 5.3.3) in the instructions' order.
  static let initial = ExtensionLane(
    abef: Words(0x9b05_688c, 0x510e_527f, 0xbb67_ae85, 0x6a09_e667),
    cdgh: Words(0x5be0_cd19, 0x1f83_d9ab, 0xa54f_f53a, 0x3c6e_f372))

  @inline(__always) mutating func load(_ block: UnsafeRawPointer) {
    (w0, w1, w2, w3) = (loadWords(block, 0), loadWords(block, 16), loadWords(block, 32), loadWords(block, 48))
  }

  /// Four rounds.
  @inline(__always) mutating func rounds(_ w: Words, _ k: Words) {
    let wk = w &+ k
    cdgh = rounds2(cdgh, abef, wk)
    abef = rounds2(abef, cdgh, Words(wk[2], wk[3], wk[0], wk[1]))
  }

  /// H0 to H7.
  func write(into state: UnsafeMutablePointer<UInt32>) {
    state[0] = abef[3]; state[1] = abef[2]; state[2] = cdgh[3]; state[3] = cdgh[2]
    state[4] = abef[1]; state[5] = abef[0]; state[6] = cdgh[1]; state[7] = cdgh[0]
  }
}

/// One block of message `a`, and with `both` one of message `b`, their rounds interleaved: one
/// message's rounds wait on each other, two messages' do not, so the second fills the first
/// one's waits. `both` is a constant where this is inlined, and the other lane's code goes.
@inline(__always)
func compressBlocks(_ a: inout ExtensionLane, _ b: inout ExtensionLane, both: Bool, _ k: UnsafeBufferPointer<Words>) {
  let (abefA, cdghA, abefB, cdghB) = (a.abef, a.cdgh, b.abef, b.cdgh)
  // Rounds 0 to 3.
  a.rounds(a.w0, k[0])
  if both {
    b.rounds(b.w0, k[0])
  }
  // Rounds 4 to 7.
  a.rounds(a.w1, k[1])
  a.w0 = message1(a.w0, a.w1)
  if both {
    b.rounds(b.w1, k[1])
    b.w0 = message1(b.w0, b.w1)
  }
  // Rounds 8 to 11.
  a.rounds(a.w2, k[2])
  a.w1 = message1(a.w1, a.w2)
  if both {
    b.rounds(b.w2, k[2])
    b.w1 = message1(b.w1, b.w2)
  }
  // Rounds 12 to 15.
  a.rounds(a.w3, k[3])
  a.w0 = message2(a.w0 &+ align(a.w3, a.w2), a.w3)
  a.w2 = message1(a.w2, a.w3)
  if both {
    b.rounds(b.w3, k[3])
    b.w0 = message2(b.w0 &+ align(b.w3, b.w2), b.w3)
    b.w2 = message1(b.w2, b.w3)
  }
  // Rounds 16 to 19.
  a.rounds(a.w0, k[4])
  a.w1 = message2(a.w1 &+ align(a.w0, a.w3), a.w0)
  a.w3 = message1(a.w3, a.w0)
  if both {
    b.rounds(b.w0, k[4])
    b.w1 = message2(b.w1 &+ align(b.w0, b.w3), b.w0)
    b.w3 = message1(b.w3, b.w0)
  }
  // Rounds 20 to 23.
  a.rounds(a.w1, k[5])
  a.w2 = message2(a.w2 &+ align(a.w1, a.w0), a.w1)
  a.w0 = message1(a.w0, a.w1)
  if both {
    b.rounds(b.w1, k[5])
    b.w2 = message2(b.w2 &+ align(b.w1, b.w0), b.w1)
    b.w0 = message1(b.w0, b.w1)
  }
  // Rounds 24 to 27.
  a.rounds(a.w2, k[6])
  a.w3 = message2(a.w3 &+ align(a.w2, a.w1), a.w2)
  a.w1 = message1(a.w1, a.w2)
  if both {
    b.rounds(b.w2, k[6])
    b.w3 = message2(b.w3 &+ align(b.w2, b.w1), b.w2)
    b.w1 = message1(b.w1, b.w2)
  }
  // Rounds 28 to 31.
  a.rounds(a.w3, k[7])
  a.w0 = message2(a.w0 &+ align(a.w3, a.w2), a.w3)
  a.w2 = message1(a.w2, a.w3)
  if both {
    b.rounds(b.w3, k[7])
    b.w0 = message2(b.w0 &+ align(b.w3, b.w2), b.w3)
    b.w2 = message1(b.w2, b.w3)
  }
  // Rounds 32 to 35.
  a.rounds(a.w0, k[8])
  a.w1 = message2(a.w1 &+ align(a.w0, a.w3), a.w0)
  a.w3 = message1(a.w3, a.w0)
  if both {
    b.rounds(b.w0, k[8])
    b.w1 = message2(b.w1 &+ align(b.w0, b.w3), b.w0)
    b.w3 = message1(b.w3, b.w0)
  }
  // Rounds 36 to 39.
  a.rounds(a.w1, k[9])
  a.w2 = message2(a.w2 &+ align(a.w1, a.w0), a.w1)
  a.w0 = message1(a.w0, a.w1)
  if both {
    b.rounds(b.w1, k[9])
    b.w2 = message2(b.w2 &+ align(b.w1, b.w0), b.w1)
    b.w0 = message1(b.w0, b.w1)
  }
  // Rounds 40 to 43.
  a.rounds(a.w2, k[10])
  a.w3 = message2(a.w3 &+ align(a.w2, a.w1), a.w2)
  a.w1 = message1(a.w1, a.w2)
  if both {
    b.rounds(b.w2, k[10])
    b.w3 = message2(b.w3 &+ align(b.w2, b.w1), b.w2)
    b.w1 = message1(b.w1, b.w2)
  }
  // Rounds 44 to 47.
  a.rounds(a.w3, k[11])
  a.w0 = message2(a.w0 &+ align(a.w3, a.w2), a.w3)
  a.w2 = message1(a.w2, a.w3)
  if both {
    b.rounds(b.w3, k[11])
    b.w0 = message2(b.w0 &+ align(b.w3, b.w2), b.w3)
    b.w2 = message1(b.w2, b.w3)
  }
  // Rounds 48 to 51.
  a.rounds(a.w0, k[12])
  a.w1 = message2(a.w1 &+ align(a.w0, a.w3), a.w0)
  a.w3 = message1(a.w3, a.w0)
  if both {
    b.rounds(b.w0, k[12])
    b.w1 = message2(b.w1 &+ align(b.w0, b.w3), b.w0)
    b.w3 = message1(b.w3, b.w0)
  }
  // Rounds 52 to 55.
  a.rounds(a.w1, k[13])
  a.w2 = message2(a.w2 &+ align(a.w1, a.w0), a.w1)
  if both {
    b.rounds(b.w1, k[13])
    b.w2 = message2(b.w2 &+ align(b.w1, b.w0), b.w1)
  }
  // Rounds 56 to 59.
  a.rounds(a.w2, k[14])
  a.w3 = message2(a.w3 &+ align(a.w2, a.w1), a.w2)
  if both {
    b.rounds(b.w2, k[14])
    b.w3 = message2(b.w3 &+ align(b.w2, b.w1), b.w2)
  }
  // Rounds 60 to 63.
  a.rounds(a.w3, k[15])
  if both {
    b.rounds(b.w3, k[15])
  }
  a.abef &+= abefA
  a.cdgh &+= cdghA
  if both {
    b.abef &+= abefB
    b.cdgh &+= cdghB
  }
}

/// The four words that start one word into `low` and run on into `high` (palignr by 4 bytes):
/// w[i-7] for the four words after `high`'s.
@inline(__always) func align(_ high: Words, _ low: Words) -> Words {
  Words(low[1], low[2], low[3], high[0])
}
