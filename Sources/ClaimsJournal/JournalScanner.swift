import ClaimsDomain
import Dispatch

/// Checks a journal's bytes line by line: frame, seq, chain, batch markers, against the head.
/// Hashing each line is independent work, so lines are hashed in windows on every core and the
/// chain is then checked in order.
public struct JournalScanner {
  /// Cores to hash on; 1 for a strictly single-core run (benchmarks).
  public var threads: Int
  /// Lines hashed per window: large enough to amortise the hand-off, small enough for cache.
  static let windowLines = 8192

  public init(threads: Int = 0) {
    self.threads = threads > 0 ? threads : max(1, System.coreCount)
  }

  public func scan(_ bytes: UnsafeRawBufferPointer, head: JournalHead?) throws(JournalError)
    -> JournalScan
  {
    var state = ChainState(head: head)
    var position = 0
    var starts: [Int] = []
    var ends: [Int] = []
    var digests: [SHA256Digest] = []
    starts.reserveCapacity(Self.windowLines)
    ends.reserveCapacity(Self.windowLines)
    scanning: while position < bytes.count {
      starts.removeAll(keepingCapacity: true)
      ends.removeAll(keepingCapacity: true)
      var fragmentStart: Int?
      while starts.count < Self.windowLines, position < bytes.count {
        guard let newline = Self.nextNewline(bytes, from: position) else {
          fragmentStart = position
          position = bytes.count
          break
        }
        starts.append(position)
        ends.append(newline)
        position = newline + 1
      }
      hashLines(bytes, starts, ends, into: &digests)
      for index in starts.indices {
        let line = UnsafeRawBufferPointer(rebasing: bytes[starts[index]..<ends[index]])
        if let defect = state.accept(line, start: starts[index], digest: digests[index]) {
          try state.fail(defect, atOffset: starts[index], bytes: bytes)
          break scanning
        }
      }
      if let fragmentStart {
        try state.fail(.line(.noLineEnd), atOffset: fragmentStart, bytes: bytes)
      }
    }
    return try state.finish(totalLength: bytes.count)
  }

  static func nextNewline(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
    guard start < bytes.count,
      let found = memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start)
    else { return nil }
    return UnsafeRawPointer(found) - bytes.baseAddress!
  }

  func hashLines(
    _ bytes: UnsafeRawBufferPointer, _ starts: [Int], _ ends: [Int],
    into digests: inout [SHA256Digest]
  ) {
    let count = starts.count
    digests = [SHA256Digest](repeating: .zero, count: count)
    let chunks = count < 256 ? 1 : threads
    digests.withUnsafeMutableBufferPointer { output in
      nonisolated(unsafe) let output = output
      nonisolated(unsafe) let bytes = bytes
      DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        let from = count * chunk / chunks
        let to = count * (chunk + 1) / chunks
        for index in from..<to {
          output[index] = SHA256.hash(UnsafeRawBufferPointer(rebasing: bytes[starts[index]..<ends[index]]))
        }
      }
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

enum System {
  static var coreCount: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}
