import Dispatch

extension SHA256 {
  /// The size of the pieces `hashOfPieces` cuts a buffer into.
  public static let pieceSize = 1 << 20

  /// The SHA-256 of the concatenated SHA-256s of `bytes`' 1 MiB pieces, in order. One stream of
  /// SHA-256 runs on one lane; pieces run side by side (`hashEach`), several times faster on a
  /// large buffer, and parts of `partPieces` pieces on every core. For the ledger's own caches,
  /// whose readers compute it the same way; an empty buffer is one empty piece. `beforePart`
  /// and `afterPart` are told the bytes of each part around its hashing (a mapped file maps its
  /// pages in, then gives them back), from whichever thread hashes it.
  public static func hashOfPieces(
    _ bytes: UnsafeRawBufferPointer, partPieces: Int = 64,
    beforePart: @Sendable (Range<Int>) -> Void = { _ in }, afterPart: @Sendable (Range<Int>) -> Void = { _ in }
  ) -> SHA256Digest {
    let count = max(1, (bytes.count + pieceSize - 1) / pieceSize)
    let parts = (count + partPieces - 1) / partPieces
    var digests = [SHA256Digest](repeating: hash([]), count: count)
    digests.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let (out, bytes) = (out, bytes)
      @Sendable func hashPart(_ part: Int) {
        let first = part * partPieces
        let end = min(count, first + partPieces)
        let range = (first * pieceSize)..<min(bytes.count, end * pieceSize)
        beforePart(range)
        hashEach(count: end - first, into: out.baseAddress! + first) { index in
          let start = (first + index) * pieceSize
          return UnsafeRawBufferPointer(rebasing: bytes[start..<min(bytes.count, start + pieceSize)])
        }
        afterPart(range)
      }
      if parts == 1 { hashPart(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: hashPart) }
    }
    return hash(digests.flatMap(\.bytes))
  }

  public static func hashOfPieces(_ bytes: [UInt8]) -> SHA256Digest {
    bytes.withUnsafeBytes { hashOfPieces($0) }
  }
}

/// `SHA256.hashOfPieces` of bytes that arrive in parts (a checkpoint written as it is encoded):
/// whole pieces are hashed side by side as they come, the rest waits for the next part.
public struct SHA256PiecesHasher {
  private var digests: [SHA256Digest] = []
  private var partial: [UInt8] = []

  public init() {}

  public mutating func add(_ bytes: UnsafeRawBufferPointer) {
    let pieceSize = SHA256.pieceSize
    var rest = bytes
    if !partial.isEmpty {
      let taken = min(pieceSize - partial.count, rest.count)
      partial.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[..<taken]))
      rest = UnsafeRawBufferPointer(rebasing: rest[taken...])
      guard partial.count == pieceSize else { return }
      partial.withUnsafeBytes { digests.append(SHA256.hash($0)) }
      partial.removeAll(keepingCapacity: true)
    }
    let whole = rest.count / pieceSize
    if whole > 0 {
      let first = digests.count
      digests += repeatElement(SHA256.hash([]), count: whole)
      digests.withUnsafeMutableBufferPointer { out in
        SHA256.hashEach(count: whole, into: out.baseAddress! + first) { index in
          UnsafeRawBufferPointer(rebasing: rest[(index * pieceSize)..<((index + 1) * pieceSize)])
        }
      }
    }
    partial.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[(whole * pieceSize)...]))
  }

  /// The hash of everything added: the last, short piece counts (an empty whole is one empty piece).
  public func finish() -> SHA256Digest {
    var all = digests
    if !partial.isEmpty || all.isEmpty { all.append(partial.withUnsafeBytes { SHA256.hash($0) }) }
    return SHA256.hash(all.flatMap(\.bytes))
  }
}
