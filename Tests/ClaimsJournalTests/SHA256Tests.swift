// Tests for SHA256, SHA256Hasher and SHA256Digest: NIST vectors, every short length against an
// independent textbook implementation, the system sha256sum, and the hex helpers.
import Foundation
import Testing

import ClaimsDomain

@testable import ClaimsJournal

/// NIST FIPS 180-4 example messages (CSRC "SHA256.pdf") and their digests.
private let nistVectors: [(message: String, digest: String)] = [
  ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
  ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
  (
    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
  ),
  (
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnop"
      + "qrsmnopqrstnopqrstu",
    "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
  ),
]

/// Chunk sizes for incremental feeding: uneven, and crossing block boundaries in every way.
private let unevenChunks = [1, 3, 64, 5, 127, 2, 63, 65, 1000, 4096, 7, 65_537]

/// Feeds `bytes` to a hasher in pieces of the sizes in `chunks`, cycling through them.
private func hashIncrementally(_ bytes: [UInt8], chunks: [Int] = unevenChunks) -> SHA256Digest {
  var hasher = SHA256Hasher()
  var start = 0
  var next = 0
  while start < bytes.count {
    let end = min(start + chunks[next % chunks.count], bytes.count)
    bytes[start..<end].withUnsafeBytes { hasher.update($0) }
    start = end
    next += 1
  }
  return hasher.finalize()
}

@Test("NIST vectors, one-shot", arguments: nistVectors)
func nistVectorOneShot(message: String, digest: String) {
  let bytes = Array(message.utf8)
  #expect(SHA256.hash(message).hex == digest)
  #expect(SHA256.hash(bytes).hex == digest)
  #expect(bytes.withUnsafeBytes { SHA256.hash($0) }.hex == digest)
}

@Test("NIST vectors, incremental in uneven chunks", arguments: nistVectors)
func nistVectorIncremental(message: String, digest: String) {
  let bytes = Array(message.utf8)
  #expect(hashIncrementally(bytes).hex == digest)
  #expect(hashIncrementally(bytes, chunks: [1]).hex == digest)
  var hasher = SHA256Hasher()
  hasher.update(bytes)
  #expect(hasher.finalize().hex == digest)
}

@Test("One million 'a', one-shot and incremental")
func millionA() {
  let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
  let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
  #expect(SHA256.hash(bytes).hex == expected)
  #expect(hashIncrementally(bytes).hex == expected)
}

@Test("Every length 0...300: one-shot, byte-by-byte and a textbook implementation agree")
func everyShortLength() {
  var random = SplitMix64(seed: 0x5EED_0300)
  for length in 0...300 {
    let bytes = random.bytes(length)
    let oneShot = SHA256.hash(bytes)
    var hasher = SHA256Hasher()
    for byte in bytes { hasher.update([byte]) }
    #expect(hasher.finalize() == oneShot, "length \(length)")
    #expect(oneShot.hex == textbookSHA256(bytes), "length \(length)")
    // The portable rounds too, where the CPU's SHA extensions run by default.
    #expect(bytes.withUnsafeBytes { SHA256.hashPortably($0) } == oneShot, "length \(length)")
  }
}

@Test("The SHA extensions run where the CPU has them, unless the portable code is forced")
func extensionsFollowTheCPUCheck() {
  #expect(SHA256.usesExtensions == (SHA256.extensionsSupported && !SHA256.portableForced))
  let flags = "fpu sse2 ssse3 sse4_1 sha_ni"
  #expect(sha256CPUInfo("processor\t: 0\nflags\t\t: \(flags)\n", has: ["sha_ni", "ssse3", "sse4_1"]))
  #expect(!sha256CPUInfo("flags\t\t: fpu sse2 ssse3 sse4_1\n", has: ["sha_ni", "ssse3", "sse4_1"]))
  #expect(!sha256CPUInfo("flags\t\t: sha_ni_x ssse3 sse4_1\n", has: ["sha_ni", "ssse3", "sse4_1"]))
}

@Test(
  "Many blocks at once and every block boundary: the SHA extensions and the portable rounds agree",
  .enabled(if: SHA256.usesExtensions, "this CPU lacks the SHA extensions (sha_ni)"))
func extensionsAgreeWithThePortableRounds() {
  var random = SplitMix64(seed: 0x5EED_5A1)
  for length in [55, 56, 63, 64, 65, 119, 120, 128, 1000, 4096, 100_003] {
    let bytes = random.bytes(length)
    #expect(SHA256.hash(bytes) == bytes.withUnsafeBytes { SHA256.hashPortably($0) }, "length \(length)")
  }
}

@Test("A slice of a larger buffer hashes like a copy of it")
func sliceOfLargerBuffer() {
  // The one-shot path copies the 64 bytes ending at the message end into its padding
  // buffer; bytes outside the slice must not leak into the digest.
  var random = SplitMix64(seed: 0xB0FF_E2)
  let buffer = random.bytes(700)
  for (start, length) in [(0, 64), (1, 64), (3, 119), (100, 120), (37, 183), (200, 300)] {
    let slice = Array(buffer[start..<(start + length)])
    let inPlace = buffer.withUnsafeBytes {
      SHA256.hash(UnsafeRawBufferPointer(rebasing: $0[start..<(start + length)]))
    }
    #expect(inPlace == SHA256.hash(slice), "start \(start), length \(length)")
    #expect(inPlace.hex == textbookSHA256(slice), "start \(start), length \(length)")
  }
}

/// Whether /usr/bin/sha256sum can be run; CI must have it, so there the test runs and fails.
private let sha256sumPath = "/usr/bin/sha256sum"
private let sha256sumUsable =
  FileManager.default.isExecutableFile(atPath: sha256sumPath)
  || ProcessInfo.processInfo.environment["CI"] == "true"

@Test(
  "Agrees with the system sha256sum on generated files",
  .enabled(
    if: sha256sumUsable,
    "\(sha256sumPath) not found: install the Debian package coreutils"))
func agreesWithSystemSha256sum() throws {
  try #require(
    FileManager.default.isExecutableFile(atPath: sha256sumPath),
    "\(sha256sumPath) not found: install the Debian package coreutils")
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("sha256-tests-\(UUID().uuidString)", isDirectory: true)
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }

  var random = SplitMix64(seed: 0xC0FF_EE01)
  var contents: [String: [UInt8]] = [:]
  for length in [0, 1, 55, 56, 64, 1000, 1 << 20] {
    let name = "file-\(length).bin"
    contents[name] = random.bytes(length)
    try Data(contents[name]!).write(to: folder.appendingPathComponent(name))
  }

  let process = Process()
  process.executableURL = URL(fileURLWithPath: sha256sumPath)
  process.currentDirectoryURL = folder
  process.arguments = contents.keys.sorted()
  let output = Pipe()
  process.standardOutput = output
  try process.run()
  // Read before waiting, so a full pipe cannot block the child.
  let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  #expect(process.terminationStatus == 0)

  // Each line is "<64 hex>  <name>".
  let lines = text.split(separator: "\n")
  #expect(lines.count == contents.count)
  for line in lines {
    let name = String(line.dropFirst(66))
    let bytes = try #require(contents[name], "unexpected sha256sum line: \(line)")
    let expected = String(line.prefix(64))
    #expect(SHA256.hash(bytes).hex == expected, "\(name)")
    #expect(hashIncrementally(bytes).hex == expected, "\(name)")
  }
}

@Test("Hex round-trips, in either case")
func hexRoundTrip() throws {
  let digest = SHA256.hash("abc")
  #expect(digest.description == digest.hex)
  #expect(SHA256Digest(hex: digest.hex) == digest)
  #expect(SHA256Digest(hex: digest.hex.uppercased()) == digest)
  let padded = " \(digest.hex) "
  #expect(SHA256Digest(hex: padded.dropFirst().dropLast()) == digest)
  let other = try #require(SHA256Digest(hex: nistVectors[1].digest))
  #expect(other != digest)
  #expect(Set([digest, other, SHA256.hash("abc")]).count == 2)
}

@Test(
  "Invalid hex is rejected",
  arguments: [
    "",
    String(repeating: "a", count: 63),
    String(repeating: "a", count: 65),
    String(repeating: "a", count: 63) + "g",
    String(repeating: "a", count: 63) + " ",
    "0x" + String(repeating: "a", count: 62),
    String(repeating: "a", count: 62) + "é",
  ])
func invalidHex(text: String) {
  #expect(SHA256Digest(hex: text) == nil)
}

@Test("bytes are the digest words, big-endian")
func digestBytes() {
  let bytes = SHA256.hash("abc").bytes
  #expect(bytes.count == 32)
  #expect(bytes.prefix(4) == [0xba, 0x78, 0x16, 0xbf])
  #expect(bytes.suffix(4) == [0xf2, 0x00, 0x15, 0xad])
}

@Test("matchesLowercaseHex accepts exactly the lowercase hex of the digest")
func matchesLowercaseHex() {
  let digest = SHA256.hash("abc")
  let hex = Array(digest.hex.utf8)
  #expect(hex.withUnsafeBytes { digest.matchesLowercaseHex($0) })
  let upper = Array(digest.hex.uppercased().utf8)
  #expect(!upper.withUnsafeBytes { digest.matchesLowercaseHex($0) })
  #expect(!hex.dropLast().withUnsafeBytes { digest.matchesLowercaseHex($0) })
  #expect(!(hex + [0x30]).withUnsafeBytes { digest.matchesLowercaseHex($0) })
  let other = Array(SHA256.hash("abd").hex.utf8)
  #expect(!other.withUnsafeBytes { digest.matchesLowercaseHex($0) })
  // A change at any single position must be noticed.
  for position in 0..<64 {
    var changed = hex
    let zero = UInt8(ascii: "0")
    changed[position] = changed[position] == zero ? zero + 1 : zero
    #expect(!changed.withUnsafeBytes { digest.matchesLowercaseHex($0) }, "position \(position)")
  }
}

@Test("writeHex writes exactly 64 bytes")
func writeHex() {
  let digest = SHA256.hash("abc")
  var out = [UInt8](repeating: 0xEE, count: 66)
  out.withUnsafeMutableBytes {
    digest.writeHex(into: UnsafeMutableRawBufferPointer(rebasing: $0[1...]))
  }
  #expect(out.first == 0xEE && out.last == 0xEE)
  #expect(String(decoding: out[1...64], as: UTF8.self) == digest.hex)
}

@Test("finalize resets the hasher for a new message")
func finalizeResets() {
  var hasher = SHA256Hasher()
  hasher.update(Array("some earlier message".utf8))
  _ = hasher.finalize()
  hasher.update(Array("abc".utf8))
  #expect(hasher.finalize().hex == nistVectors[0].digest)
}


/// SHA-256 written straight from FIPS 180-4 with arrays and loops: slow, but it shares no
/// code with the optimised implementation, so agreement between the two means something.
private func textbookSHA256(_ message: [UInt8]) -> String {
  let k: [UInt32] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]
  func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
  var padded = message + [0x80]
  while padded.count % 64 != 56 { padded.append(0) }
  let bitLength = UInt64(message.count) * 8
  for shift in stride(from: 56, through: 0, by: -8) {
    padded.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
  }
  var hash: [UInt32] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]
  for blockStart in stride(from: 0, to: padded.count, by: 64) {
    var w = [UInt32](repeating: 0, count: 64)
    for t in 0..<16 {
      for byte in 0..<4 { w[t] = w[t] << 8 | UInt32(padded[blockStart + 4 * t + byte]) }
    }
    for t in 16..<64 {
      let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
      let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
      w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
    }
    var v = hash
    for t in 0..<64 {
      let sum1 = rotr(v[4], 6) ^ rotr(v[4], 11) ^ rotr(v[4], 25)
      let ch = (v[4] & v[5]) ^ (~v[4] & v[6])
      let t1 = v[7] &+ sum1 &+ ch &+ k[t] &+ w[t]
      let sum0 = rotr(v[0], 2) ^ rotr(v[0], 13) ^ rotr(v[0], 22)
      let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2])
      v = [t1 &+ sum0 &+ maj, v[0], v[1], v[2], v[3] &+ t1, v[4], v[5], v[6]]
    }
    for i in 0..<8 { hash[i] = hash[i] &+ v[i] }
  }
  return hash.map { word in
    let digits = String(word, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
  }.joined()
}
