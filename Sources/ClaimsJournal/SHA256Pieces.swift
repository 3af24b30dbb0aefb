extension SHA256 {
  /// The size of the pieces `hashOfPieces` cuts a buffer into.
  public static let pieceSize = 1 << 20

  /// The SHA-256 of the concatenated SHA-256s of `bytes`' 1 MiB pieces, in order. One stream of
  /// SHA-256 runs on one lane; pieces run side by side (`hashEach`), several times faster on a
  /// large buffer. For the ledger's own caches, whose readers compute it the same way; an
  /// empty buffer is one empty piece.
  public static func hashOfPieces(_ bytes: UnsafeRawBufferPointer) -> SHA256Digest {
    let count = max(1, (bytes.count + pieceSize - 1) / pieceSize)
    var digests = [SHA256Digest](repeating: hash([]), count: count)
    digests.withUnsafeMutableBufferPointer { out in
      hashEach(count: count, into: out.baseAddress!) { index in
        let start = index * pieceSize
        return UnsafeRawBufferPointer(rebasing: bytes[start..<min(bytes.count, start + pieceSize)])
      }
    }
    return hash(digests.flatMap(\.bytes))
  }

  public static func hashOfPieces(_ bytes: [UInt8]) -> SHA256Digest {
    bytes.withUnsafeBytes { hashOfPieces($0) }
  }
}
