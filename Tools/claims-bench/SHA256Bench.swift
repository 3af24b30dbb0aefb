// SHA-256 throughput: one-shot hashing of each line of a generated JSON-Lines-sized corpus
// (the journal's hot path), plus whole-buffer one-shot and incremental hashing.
import ClaimsDomain
import ClaimsJournal

/// Hashes `megabytes` MB of generated lines (100-300 random printable bytes each) one line at
/// a time, then the whole buffer at once, and returns a one-line report with GB/s and lines/s.
func benchmarkSHA256(megabytes: Int) -> String {
  let corpus = SHA256BenchCorpus(byteCount: max(1, megabytes) * 1_000_000)
  let lineBytes = corpus.lineByteCount

  // Best of five: this machine is shared, and the minimum is the least disturbed run.
  var perLine = Double.infinity
  var checksum: UInt8 = 0
  for _ in 0..<5 {
    let seconds = sha256BenchSeconds {
      corpus.bytes.withUnsafeBytes { all in
        for (start, count) in corpus.lines {
          let line = UnsafeRawBufferPointer(rebasing: all[start..<(start + count)])
          var digest = SHA256.hash(line)
          // Fold one byte of every digest into the checksum so no hash can be skipped.
          checksum ^= withUnsafeBytes(of: &digest) { $0[0] }
        }
      }
    }
    perLine = min(perLine, seconds)
  }

  // The same lines side by side in lanes (what the chain scan uses): the portable four lanes,
  // and the sixteen AVX-512 lanes where this CPU has them, which must give the same digests.
  let widths: [SHA256.LaneWidth] =
    [.four] + (SHA256.sixteenLanesSupported ? [.sixteen] : []) + (SHA256.extensionsSupported ? [.extensions] : [])
  var laneFigures = ""
  var firstDigests: [SHA256Digest] = []
  for width in widths {
    var lanes = Double.infinity
    var laneDigests = [SHA256Digest](repeating: .zero, count: corpus.lines.count)
    for _ in 0..<5 {
      let seconds = sha256BenchSeconds {
        corpus.bytes.withUnsafeBytes { all in
          laneDigests.withUnsafeMutableBufferPointer { out in
            SHA256.hashEach(count: corpus.lines.count, into: out.baseAddress!, width: width) {
              let (start, count) = corpus.lines[$0]
              return UnsafeRawBufferPointer(rebasing: all[start..<(start + count)])
            }
          }
        }
      }
      lanes = min(lanes, seconds)
    }
    if firstDigests.isEmpty { firstDigests = laneDigests }
    precondition(laneDigests == firstDigests, "sha256: \(width) gave other digests than 4 lanes")
    for digest in laneDigests { checksum ^= digest.bytes[0] }
    laneFigures += " per line \(width) \(sha256BenchFormat(Double(lineBytes) / lanes / 1e9)) GB/s,"
      + " \(sha256BenchFormat(Double(corpus.lines.count) / lanes / 1e6)) M lines/s;"
  }

  var whole = Double.infinity
  var streamed = Double.infinity
  for _ in 0..<5 {
    whole = min(whole, sha256BenchSeconds {
      checksum ^= corpus.bytes.withUnsafeBytes { SHA256.hash($0) }.bytes[0]
    })
    streamed = min(streamed, sha256BenchSeconds {
      var hasher = SHA256Hasher()
      corpus.bytes.withUnsafeBytes { all in
        // 64 KiB plus 3 bytes, so most chunks leave a partial block to carry over.
        var start = 0
        while start < all.count {
          let end = min(start + 65_539, all.count)
          hasher.update(UnsafeRawBufferPointer(rebasing: all[start..<end]))
          start = end
        }
      }
      checksum ^= hasher.finalize().bytes[0]
    })
  }

  let total = Double(corpus.bytes.count)
  return "sha256: \(corpus.lines.count) lines, \(sha256BenchFormat(Double(lineBytes) / 1e6)) MB;"
    + " per line \(sha256BenchFormat(Double(lineBytes) / perLine / 1e9)) GB/s,"
    + " \(sha256BenchFormat(Double(corpus.lines.count) / perLine / 1e6)) M lines/s;"
    + laneFigures
    + " whole buffer \(sha256BenchFormat(total / whole / 1e9)) GB/s one-shot,"
    + " \(sha256BenchFormat(total / streamed / 1e9)) GB/s incremental"
    + " (checksum \(checksum))"
}

/// Lines of 100-300 random printable ASCII bytes, each ended by "\n", from a fixed seed.
private struct SHA256BenchCorpus {
  var bytes: [UInt8] = []
  /// (offset, length) of each line, without its newline.
  var lines: [(Int, Int)] = []
  var lineByteCount = 0

  init(byteCount: Int) {
    // Deterministic, so every run hashes the same corpus.
    var random = SplitMix64(seed: 0x5EED_5A25_6000_0001)
    func next() -> UInt64 { random.next() }
    bytes.reserveCapacity(byteCount + 301)
    while bytes.count < byteCount {
      let length = 100 + Int(next() % 201)
      lines.append((bytes.count, length))
      lineByteCount += length
      for _ in 0..<length { bytes.append(UInt8(32 + next() % 95)) }
      bytes.append(UInt8(ascii: "\n"))
    }
  }
}

/// Wall-clock seconds taken by `body`.
private func sha256BenchSeconds(_ body: () -> Void) -> Double {
  let elapsed = ContinuousClock().measure(body)
  let (seconds, attoseconds) = elapsed.components
  return Double(seconds) + Double(attoseconds) / 1e18
}

/// `value` with three decimals, without Foundation's String(format:).
private func sha256BenchFormat(_ value: Double) -> String {
  let thousandths = Int(value * 1000 + 0.5)
  let fraction = String(thousandths % 1000)
  return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
}
