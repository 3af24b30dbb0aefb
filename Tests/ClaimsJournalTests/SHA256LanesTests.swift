import ClaimsDomain
// Tests for SHA256.hashEach (four messages side by side) and the padding boundaries of every
// SHA-256 path: digests checked against reference values and against the one-shot hasher.
import Testing

@testable import ClaimsJournal

/// SHA-256 of "a" repeated n times, for the lengths where the padding changes shape: 55 bytes
/// is the longest tail that fits one padded block, 56 needs two, 64 is a whole block.
/// Values from coreutils sha256sum and Python's hashlib, which agree.
private let boundaryVectors: [(length: Int, digest: String)] = [
  (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
  (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
  (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
  (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
  (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
  (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
  (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
  (128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e"),
]

/// Digests of `messages` through `hashEach`, four at a time unless `width` says otherwise.
func hashedInLanes(_ messages: [[UInt8]], width: SHA256.LaneWidth = .four) -> [SHA256Digest] {
  // One buffer holding all messages back to back, as journal lines lie in a file.
  let joined = messages.flatMap { $0 }
  var starts: [Int] = []
  var offset = 0
  for message in messages {
    starts.append(offset)
    offset += message.count
  }
  var digests = [SHA256Digest](repeating: .zero, count: messages.count)
  joined.withUnsafeBytes { all in
    digests.withUnsafeMutableBufferPointer { out in
      guard let base = out.baseAddress else { return }
      SHA256.hashEach(count: messages.count, into: base, width: width) { index in
        UnsafeRawBufferPointer(
          rebasing: all[starts[index]..<(starts[index] + messages[index].count)])
      }
    }
  }
  return digests
}

@Test(
  "Padding boundary lengths: one-shot, incremental and four lanes match the reference",
  arguments: boundaryVectors)
func paddingBoundaries(length: Int, digest: String) {
  let message = [UInt8](repeating: UInt8(ascii: "a"), count: length)
  #expect(SHA256.hash(message).hex == digest)
  var hasher = SHA256Hasher()
  for byte in message { hasher.update([byte]) }
  #expect(hasher.finalize().hex == digest)
  // Alone, and in each lane position among other messages.
  #expect(hashedInLanes([message]).map(\.hex) == [digest])
  for position in 0..<5 {
    var messages = (0..<5).map { [UInt8](repeating: UInt8(ascii: "b"), count: $0 * 37) }
    messages[position] = message
    #expect(hashedInLanes(messages)[position].hex == digest, "position \(position)")
  }
}

@Test("hashEach agrees with one-shot hashing for every message count 0...13 and mixed lengths")
func lanesAgreeWithOneShot() {
  var random = SplitMix64(seed: 0x1A4E_5EED)
  for count in 0...13 {
    let messages = (0..<count).map { _ in random.bytes(Int(random.next() % 400)) }
    #expect(hashedInLanes(messages) == messages.map { SHA256.hash($0) }, "count \(count)")
  }
  // Many messages whose lengths cross every block boundary, so lanes finish out of step.
  let messages = (0..<300).map { random.bytes($0) }
  #expect(hashedInLanes(messages) == messages.map { SHA256.hash($0) })
}

@Test("hashEach hashes one million 'a' as one message")
func lanesMillionA() {
  let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
  let digests = hashedInLanes([Array("abc".utf8), message, []])
  #expect(digests[1].hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  #expect(digests[0].hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  #expect(digests[2].hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
}
