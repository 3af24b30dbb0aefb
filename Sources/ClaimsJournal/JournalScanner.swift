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

  /// Scans `bytes`: a whole journal, or the lines after `point` (offsets then count from there).
  public func scan(_ bytes: UnsafeRawBufferPointer, head: JournalHead?, resumingAfter point: ChainPoint? = nil)
    throws(JournalError) -> JournalScan
  {
    var state = point.map { ChainState(head: head, resumingAfter: $0) } ?? ChainState(head: head)
    var position = 0
    var starts: [Int] = []
    var ends: [Int] = []
    var digests: [SHA256Digest] = []
    var frames: [Result<LineFrame, LineDefect>] = []
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
      hashAndFrame(bytes, starts, ends, digests: &digests, frames: &frames)
      for index in starts.indices {
        let line = UnsafeRawBufferPointer(rebasing: bytes[starts[index]..<ends[index]])
        if let defect = state.accept(line, frame: frames[index], start: starts[index], digest: digests[index]) {
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

  /// Hashes and frames a window of lines, split across the cores: both are independent per
  /// line, leaving only the cheap in-order comparisons to one thread.
  func hashAndFrame(
    _ bytes: UnsafeRawBufferPointer, _ starts: [Int], _ ends: [Int],
    digests: inout [SHA256Digest], frames: inout [Result<LineFrame, LineDefect>]
  ) {
    let count = starts.count
    digests = [SHA256Digest](repeating: .zero, count: count)
    frames = [Result<LineFrame, LineDefect>](repeating: .failure(.unterminated), count: count)
    let chunks = count < 256 ? 1 : threads
    digests.withUnsafeMutableBufferPointer { digestOutput in
      frames.withUnsafeMutableBufferPointer { frameOutput in
        nonisolated(unsafe) let digestOutput = digestOutput
        nonisolated(unsafe) let frameOutput = frameOutput
        nonisolated(unsafe) let bytes = bytes
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
          for index in (count * chunk / chunks)..<(count * (chunk + 1) / chunks) {
            let line = UnsafeRawBufferPointer(rebasing: bytes[starts[index]..<ends[index]])
            digestOutput[index] = SHA256.hash(line)
            frameOutput[index] = LineFrame.parse(line)
          }
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
