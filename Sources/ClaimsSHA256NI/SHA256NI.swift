// SHA-256 compression with the x86 SHA extensions (SHA-NI: sha256rnds2, sha256msg1,
// sha256msg2), after Intel's description of the instructions: two rounds per sha256rnds2, the
// message schedule four words at a time.
//
// This target alone is compiled with the SHA and SSE4.1 features on, and with -parse-stdlib:
// Swift reaches an LLVM intrinsic only through the Builtin module, and LLVM selects these
// intrinsics only where the features are on. Its one function runs only after the caller has
// checked that the CPU has them (ClaimsJournal's SHA256LaneDispatch.swift); elsewhere the
// portable code runs, with the same digests.
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
  let abcd = Words(state[0], state[1], state[2], state[3])
  let efgh = Words(state[4], state[5], state[6], state[7])
  // The instructions keep the state as (A, B, E, F) and (C, D, G, H), each from the highest
  // lane down.
  var abef = Words(efgh[1], efgh[0], abcd[1], abcd[0])
  var cdgh = Words(efgh[3], efgh[2], abcd[3], abcd[2])
  roundConstants.withUnsafeBufferPointer { k in
    var block = blocks
    for _ in 0..<count {
      let (abefBefore, cdghBefore) = (abef, cdgh)
      // w[g % 4] holds the message words of rounds 4g to 4g+3 once group g is reached.
      var w0 = loadWords(block, 0), w1 = loadWords(block, 16), w2 = loadWords(block, 32), w3 = loadWords(block, 48)
      @inline(__always) func group(_ g: Int, _ current: Words) {
        let wk = current &+ k[g]
        cdgh = rounds2(cdgh, abef, wk)
        abef = rounds2(abef, cdgh, Words(wk[2], wk[3], wk[0], wk[1]))
      }
      // Groups 0 to 15, the schedule run ahead: msg1 of the group before, msg2 of the next.
      group(0, w0)
      group(1, w1); w0 = message1(w0, w1)
      group(2, w2); w1 = message1(w1, w2)
      for base in stride(from: 3, to: 15, by: 4) {
        group(base, w3); w0 = message2(w0 &+ align(w3, w2), w3); w2 = message1(w2, w3)
        group(base &+ 1, w0); w1 = message2(w1 &+ align(w0, w3), w0); if base &+ 1 <= 12 { w3 = message1(w3, w0) }
        group(base &+ 2, w1); w2 = message2(w2 &+ align(w1, w0), w1); if base &+ 2 <= 12 { w0 = message1(w0, w1) }
        group(base &+ 3, w2); w3 = message2(w3 &+ align(w2, w1), w2); if base &+ 3 <= 12 { w1 = message1(w1, w2) }
      }
      group(15, w3)
      abef &+= abefBefore
      cdgh &+= cdghBefore
      block += 64
    }
  }
  // Back to H0 to H7.
  state[0] = abef[3]; state[1] = abef[2]; state[2] = cdgh[3]; state[3] = cdgh[2]
  state[4] = abef[1]; state[5] = abef[0]; state[6] = cdgh[1]; state[7] = cdgh[0]
}

/// The four words that start one word into `low` and run on into `high` (palignr by 4 bytes):
/// w[i-7] for the four words after `high`'s.
@inline(__always) func align(_ high: Words, _ low: Words) -> Words {
  Words(low[1], low[2], low[3], high[0])
}
