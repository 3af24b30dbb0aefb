// The multi-buffer driver shared by every lane width of SHA-256: the portable four lanes in
// ClaimsJournal and the wide lanes in ClaimsSHA256Wide.
//
// Each lane takes its next message the moment it finishes one, so lines of different lengths
// keep every lane busy (as multi-buffer hashing libraries do). The driver is generic over the
// compressor and @inlinable, so each module that uses it gets a copy specialised for its lane
// width and compiled with that module's flags: the wide copy for the wide CPU level, the
// portable copy for the baseline. Nothing here is compiled for more than the baseline.

/// One lane width's SHA-256 compression function: the chaining words of `laneCount`
/// messages, lane i holding message i's.
public protocol SHA256LaneCompressor {
  /// How many messages are hashed side by side.
  static var laneCount: Int { get }
  /// Bytes of working memory `compress` needs (the driver gives it 64-byte aligned).
  static var scratchByteCount: Int { get }
  /// Fills the parts of `scratch` that stay the same for every block (the round constants).
  static func prepare(_ scratch: UnsafeMutableRawPointer)
  /// Every lane at the initial hash value.
  init()
  /// Compresses one 64-byte block per lane, lane i's at `blocks[i]`.
  mutating func compress(
    _ blocks: UnsafePointer<UnsafeRawPointer>, _ scratch: UnsafeMutableRawPointer)
  /// Writes lane `lane`'s eight chaining words (its digest) to `words`, then puts the initial
  /// hash value back in that lane for its next message.
  mutating func finish(lane: Int, into words: UnsafeMutablePointer<UInt32>)
}

/// Hashes `count` messages, `message(i)` for i in 0..<count, in the lanes of `Compressor`,
/// writing message i's digest as eight chaining words (H0...H7) at `digestWords + 8 * i`.
@inlinable
public func sha256HashEach<Compressor: SHA256LaneCompressor>(
  _: Compressor.Type, count: Int, digestWords: UnsafeMutablePointer<UInt32>,
  message: (_ index: Int) -> UnsafeRawBufferPointer
) {
  guard count > 0 else { return }
  let laneCount = Compressor.laneCount
  // Per lane: 128 bytes for the padded last block(s), then one spare block that idle lanes hash.
  let padBytes = laneCount &* 192
  withUnsafeTemporaryAllocation(
    byteCount: padBytes + Compressor.scratchByteCount, alignment: 64
  ) { scratch in
    let pads = scratch.baseAddress!
    let work = pads + padBytes
    Compressor.prepare(work)
    withUnsafeTemporaryAllocation(of: SHA256LaneCursor.self, capacity: laneCount) { cursors in
      withUnsafeTemporaryAllocation(of: UnsafeRawPointer.self, capacity: laneCount) { blocks in
        let cursor = cursors.baseAddress!
        let block = blocks.baseAddress!
        var lanes = Compressor()
        var nextMessage = 0
        var busy = 0
        for lane in 0..<laneCount {
          let pad = pads + lane &* 192
          (cursor + lane).initialize(to: SHA256LaneCursor())
          if nextMessage < count {
            cursor[lane].load(message(nextMessage), index: nextMessage, pad: pad)
            nextMessage += 1
            busy += 1
          } else {
            cursor[lane].idle(pad: pad)
          }
          block[lane] = cursor[lane].block
        }
        while busy > 0 {
          lanes.compress(UnsafePointer(block), work)
          for lane in 0..<laneCount {
            if cursor[lane].advance() {
              lanes.finish(lane: lane, into: digestWords + cursor[lane].index &* 8)
              let pad = pads + lane &* 192
              if nextMessage < count {
                cursor[lane].load(message(nextMessage), index: nextMessage, pad: pad)
                nextMessage += 1
              } else {
                cursor[lane].idle(pad: pad)
                busy -= 1
              }
            }
            block[lane] = cursor[lane].block
          }
        }
      }
    }
  }
}

/// FIPS 180-4 section 4.2.2: the round constants K[0...63].
public let sha256RoundConstants: [UInt32] = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]

/// FIPS 180-4 section 5.3.3: the initial hash value H0...H7. Computed and inlinable, so each
/// use is eight constants rather than a call to a global's accessor.
@inlinable
public var sha256InitialHashValue: (
  UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32
) {
  (
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
    0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
  )
}
