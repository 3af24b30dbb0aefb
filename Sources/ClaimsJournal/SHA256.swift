// TEMPORARY naive SHA-256 with the agreed API; replaced by the optimised implementation.
public struct SHA256Digest: Equatable, Hashable, Sendable, CustomStringConvertible {
  var words: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
  public var bytes: [UInt8] {
    let w = [words.0, words.1, words.2, words.3, words.4, words.5, words.6, words.7]
    return w.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> (24 - 8 * $0)) } }
  }
  public var hex: String {
    let d = Array("0123456789abcdef".utf8)
    return String(decoding: bytes.flatMap { [d[Int($0 >> 4)], d[Int($0 & 15)]] }, as: UTF8.self)
  }
  public var description: String { hex }
  public init?(hex: some StringProtocol) {
    let b = Array(hex.utf8)
    guard b.count == 64 else { return nil }
    var w = [UInt32](repeating: 0, count: 8)
    for i in 0..<64 {
      guard let v = Int(String(UnicodeScalar(b[i])), radix: 16) else { return nil }
      w[i / 8] = w[i / 8] << 4 | UInt32(v)
    }
    words = (w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7])
  }
  init(_ w: [UInt32]) { words = (w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]) }
  public static func == (a: SHA256Digest, b: SHA256Digest) -> Bool { a.bytes == b.bytes }
  public func hash(into h: inout Hasher) { h.combine(bytes) }
  public func matchesLowercaseHex(_ hexBytes: UnsafeRawBufferPointer) -> Bool {
    hexBytes.count == 64 && Array(hex.utf8) == Array(hexBytes)
  }
  public func writeHex(into out: UnsafeMutableRawBufferPointer) {
    for (i, b) in hex.utf8.enumerated() { out[i] = b }
  }
}
public enum SHA256 {
  public static func hash(_ bytes: UnsafeRawBufferPointer) -> SHA256Digest {
    var h = SHA256Hasher(); h.update(bytes); return h.finalize()
  }
  public static func hash(_ bytes: [UInt8]) -> SHA256Digest {
    bytes.withUnsafeBytes { hash($0) }
  }
  public static func hash(_ string: String) -> SHA256Digest { hash(Array(string.utf8)) }
}
public struct SHA256Hasher: Sendable {
  static let k: [UInt32] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]
  var h: [UInt32] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]
  var buffer: [UInt8] = []
  var length: UInt64 = 0
  public init() {}
  public mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    buffer.append(contentsOf: bytes)
    length += UInt64(bytes.count)
    while buffer.count >= 64 {
      block(Array(buffer[0..<64]))
      buffer.removeFirst(64)
    }
  }
  public mutating func finalize() -> SHA256Digest {
    let bits = length * 8
    var pad: [UInt8] = [0x80]
    while (buffer.count + pad.count) % 64 != 56 { pad.append(0) }
    for i in (0..<8).reversed() { pad.append(UInt8(truncatingIfNeeded: bits >> (UInt64(i) * 8))) }
    buffer.append(contentsOf: pad)
    while buffer.count >= 64 { block(Array(buffer[0..<64])); buffer.removeFirst(64) }
    return SHA256Digest(h)
  }
  mutating func block(_ b: [UInt8]) {
    func r(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
    var w = [UInt32](repeating: 0, count: 64)
    for i in 0..<16 {
      w[i] = UInt32(b[4 * i]) << 24 | UInt32(b[4 * i + 1]) << 16 | UInt32(b[4 * i + 2]) << 8
        | UInt32(b[4 * i + 3])
    }
    for i in 16..<64 {
      let s0 = r(w[i - 15], 7) ^ r(w[i - 15], 18) ^ (w[i - 15] >> 3)
      let s1 = r(w[i - 2], 17) ^ r(w[i - 2], 19) ^ (w[i - 2] >> 10)
      w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
    }
    var (a, bb, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
    for i in 0..<64 {
      let t1 = hh &+ (r(e, 6) ^ r(e, 11) ^ r(e, 25)) &+ ((e & f) ^ (~e & g)) &+ Self.k[i] &+ w[i]
      let t2 = (r(a, 2) ^ r(a, 13) ^ r(a, 22)) &+ ((a & bb) ^ (a & c) ^ (bb & c))
      (hh, g, f, e, d, c, bb, a) = (g, f, e, d &+ t1, c, bb, a, t1 &+ t2)
    }
    for (i, v) in [a, bb, c, d, e, f, g, hh].enumerated() { h[i] = h[i] &+ v }
  }
}
