import ClaimsDomain
import Foundation
// Tests for the SHA-256 lane code beyond the portable four lanes — sixteen AVX-512 lanes, two
// lanes with the SHA extensions — and the choice between them: digests checked against
// FIPS 180-4 vectors and the scalar one-shot hasher. A CPU that has neither skips them.
import Testing

@testable import ClaimsJournal

/// The wide lane code this CPU can run: the tests run only where the CPU check lets it run.
private let wideWidths: [SHA256.LaneWidth] =
  (SHA256.sixteenLanesSupported ? [.sixteen] : []) + (SHA256.extensionsSupported ? [.extensions] : [])
private let wideLanes: ConditionTrait = .enabled(
  if: !wideWidths.isEmpty, "this CPU has neither x86-64-v4 (AVX-512) nor the SHA extensions")

/// FIPS 180-4 example messages (NIST's SHA-256 examples and the "one million a" vector).
private let nistVectors: [(message: [UInt8], digest: String)] = [
  (Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
  ([], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
  (
    Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
  ),
  (
    Array(
      ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
        + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8),
    "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
  ),
  (
    [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000),
    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
  ),
]

@Test("Wide lanes give the FIPS 180-4 digests, alone and in every lane position", wideLanes, arguments: wideWidths)
func wideLanesMatchNISTVectors(width: SHA256.LaneWidth) {
  for (message, digest) in nistVectors {
    #expect(hashedInLanes([message], width: width).map(\.hex) == [digest])
    // Seventeen messages, so the vector is hashed in each of the sixteen lanes and again after
    // a lane has finished one message. The million-byte vector once only: unoptimised debug
    // builds take seconds for it.
    let positions = message.count > 1000 ? [9] : Array(0..<17)
    for position in positions {
      var messages = (0..<17).map { [UInt8](repeating: UInt8(ascii: "b"), count: $0 * 23) }
      messages[position] = message
      let digests = hashedInLanes(messages, width: width)
      #expect(digests[position].hex == digest, "length \(message.count), position \(position)")
      for other in messages.indices where other != position {
        #expect(digests[other] == SHA256.hash(messages[other]), "beside length \(message.count)")
      }
    }
  }
}

@Test("Wide lanes agree with one-shot hashing on every length 0...300", wideLanes, arguments: wideWidths)
func wideLanesAgreeOnEveryLength(width: SHA256.LaneWidth) {
  var random = SplitMix64(seed: 0x16_1A4E_5EED)
  // Ten messages of each length, shuffled so that lanes finish out of step: 3,010 messages.
  var lengths = (0...300).flatMap { [Int](repeating: $0, count: 10) }
  for i in lengths.indices.reversed() { lengths.swapAt(i, Int(random.next() % UInt64(i + 1))) }
  let messages = lengths.map { random.bytes($0) }
  #expect(hashedInLanes(messages, width: width) == messages.map { SHA256.hash($0) })
}

@Test(
  "Wide lanes agree with one-shot hashing for counts that leave lanes idle",
  wideLanes, arguments: wideWidths, [1, 2, 3, 15, 16, 17, 31, 33, 47, 100, 257])
func wideLanesAgreeForOddCounts(width: SHA256.LaneWidth, count: Int) {
  var random = SplitMix64(seed: 0x0DD_C0DE &+ UInt64(count))
  // Lengths around every padding boundary: a tail of 55 bytes fits one padded block, 56 needs
  // two; 63/64 and 119/120 are the same boundaries a block further on.
  let boundaries = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 121, 127, 128, 129]
  let messages = (0..<count).map { index in
    random.bytes(index % 3 == 0 ? Int(random.next() % 400) : boundaries[index % boundaries.count])
  }
  #expect(hashedInLanes(messages, width: width) == messages.map { SHA256.hash($0) })
  #expect(hashedInLanes(messages, width: .four) == messages.map { SHA256.hash($0) })
}

@Test("hashEach runs the SHA extensions, else sixteen lanes, where the CPU has them and the environment allows")
func laneWidthFollowsTheCPUCheck() {
  let forcedPortable = Environment.portableForced
  let expected: SHA256.LaneWidth =
    forcedPortable ? .four : SHA256.extensionsSupported ? .extensions : SHA256.sixteenLanesSupported ? .sixteen : .four
  #expect(SHA256.laneWidth == expected)
  // Whichever it chose, the default path gives the scalar digests.
  var random = SplitMix64(seed: 0xD15_9A7C)
  let messages = (0..<50).map { _ in random.bytes(Int(random.next() % 350)) }
  var digests = [SHA256Digest](repeating: .zero, count: messages.count)
  let joined = messages.flatMap { $0 }
  let starts = messages.indices.map { messages[..<$0].reduce(0) { $0 + $1.count } }
  joined.withUnsafeBytes { all in
    digests.withUnsafeMutableBufferPointer { out in
      SHA256.hashEach(count: messages.count, into: out.baseAddress!) {
        UnsafeRawBufferPointer(rebasing: all[starts[$0]..<(starts[$0] + messages[$0].count)])
      }
    }
  }
  #expect(digests == messages.map { SHA256.hash($0) })
}

@Test("The CPU check needs every x86-64-v4 flag, as a whole word, on the first flags line")
func cpuInfoFlagsAreReadStrictly() {
  let v4 =
    "fpu sse sse2 cx16 lahf_lm popcnt pni sse4_1 sse4_2 ssse3 avx avx2 bmi1 bmi2 f16c fma abm"
    + " movbe xsave avx512f avx512bw avx512cd avx512dq"
  #expect(sha256CPUInfoHasX86_64V4("processor\t: 0\nflags\t\t: \(v4) avx512vl\nbugs\t\t: none\n"))
  // One flag missing, or only a longer flag that starts with its name: no.
  #expect(!sha256CPUInfoHasX86_64V4("flags\t\t: \(v4)\n"))
  #expect(!sha256CPUInfoHasX86_64V4("flags\t\t: \(v4) avx512vl_x\n"))
  #expect(!sha256CPUInfoHasX86_64V4("flags\t\t: fpu sse sse2 avx2\n"))
  // No flags line (another architecture's cpuinfo), or no colon: no.
  #expect(!sha256CPUInfoHasX86_64V4("processor\t: 0\nFeatures\t: fp asimd\n"))
  #expect(!sha256CPUInfoHasX86_64V4("flags \(v4)\n"))
  #expect(!sha256CPUInfoHasX86_64V4(""))
}

private enum Environment {
  /// Whether CLAIMS_SHA256_PORTABLE forces the four lanes in this test process.
  static var portableForced: Bool {
    guard let value = getenv("CLAIMS_SHA256_PORTABLE") else { return false }
    let text = String(cString: value)
    return !text.isEmpty && text != "0"
  }
}

/// The hash of a large buffer's pieces: each piece's SHA-256 as one stream would give it, then
/// the SHA-256 of those digests in order.
@Suite struct SHA256PiecesTests {
  @Test(arguments: [0, 1, SHA256.pieceSize - 1, SHA256.pieceSize, SHA256.pieceSize + 1, 5 * SHA256.pieceSize + 77])
  func isTheHashOfThePiecesHashesInOrder(size: Int) {
    let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
    var expected: [UInt8] = []
    var start = 0
    repeat {
      expected += SHA256.hash(Array(bytes[start..<min(size, start + SHA256.pieceSize)])).bytes
      start += SHA256.pieceSize
    } while start < size
    #expect(SHA256.hashOfPieces(bytes) == SHA256.hash(expected))
    // In parts of two pieces, hashed on every core: the same.
    #expect(bytes.withUnsafeBytes { SHA256.hashOfPieces($0, partPieces: 2) } == SHA256.hash(expected))
    if size > 0 {
      var changed = bytes
      changed[size / 2] ^= 1
      #expect(SHA256.hashOfPieces(changed) != SHA256.hashOfPieces(bytes))
    }
  }

  /// Each part is announced before it is hashed and after, once: together the parts cover the
  /// bytes, end to end (a mapped file maps each part's pages in, then gives them back).
  @Test func eachPartIsToldBeforeAndAfterItsHashing() {
    let size = 7 * SHA256.pieceSize + 5
    let bytes = [UInt8](repeating: 0x5A, count: size)
    final class Told: @unchecked Sendable {
      let lock = NSLock()
      var before: [Range<Int>] = []
      var after: [Range<Int>] = []
    }
    let told = Told()
    _ = bytes.withUnsafeBytes {
      SHA256.hashOfPieces(
        $0, partPieces: 3, beforePart: { range in told.lock.withLock { told.before.append(range) } },
        afterPart: { range in told.lock.withLock { told.after.append(range) } })
    }
    let parts = [0..<(3 * SHA256.pieceSize), (3 * SHA256.pieceSize)..<(6 * SHA256.pieceSize), (6 * SHA256.pieceSize)..<size]
    #expect(told.before.sorted { $0.lowerBound < $1.lowerBound } == parts)
    #expect(told.after.sorted { $0.lowerBound < $1.lowerBound } == parts)
  }

  /// The same hash of the bytes handed over in parts (a checkpoint written as it is encoded):
  /// parts that end inside a piece, on its end, and span several pieces at once.
  @Test(arguments: [0, 1, SHA256.pieceSize, SHA256.pieceSize + 1, 5 * SHA256.pieceSize + 77])
  func inPartsIsTheHashOfTheWhole(size: Int) {
    let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
    for partSizes in [[1000], [SHA256.pieceSize], [7, SHA256.pieceSize - 7, 3 * SHA256.pieceSize + 5]] {
      var hasher = SHA256PiecesHasher()
      var start = 0
      var turn = 0
      bytes.withUnsafeBytes { all in
        while start < size {
          let end = min(size, start + partSizes[turn % partSizes.count])
          hasher.add(UnsafeRawBufferPointer(rebasing: all[start..<end]))
          (start, turn) = (end, turn + 1)
        }
      }
      #expect(hasher.finish() == SHA256.hashOfPieces(bytes), "parts of \(partSizes)")
    }
  }
}
