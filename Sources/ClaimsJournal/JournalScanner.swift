import ClaimsDomain
import Dispatch

/// Checks a journal's bytes line by line: frame, seq, chain, batch markers, against the head.
/// Hashing each line is independent work, so lines are hashed in windows on every core and the
/// chain is then checked in order.
///
/// One loop serves both readers: `scan` over bytes already in memory (`JournalSnapshot.read`)
/// and `run` over a file read a chunk at a time (`JournalSnapshot.stream`); only the source of
/// the bytes differs, so both find the same defects with the same words.
public struct JournalScanner {
  /// Cores to hash on; 1 for a strictly single-core run (benchmarks).
  public var threads: Int
  /// Lines hashed per window. On one core, a thousand (some 350 KB): a line is still in the
  /// core's cache when the chain check and the replay read it again after its hashing. Shared
  /// among cores, four thousand a core, to amortise the hand-off.
  var windowLines: Int { threads == 1 ? 1024 : 4096 * threads }

  public init(threads: Int = 0) {
    self.threads = threads > 0 ? threads : max(1, System.coreCount)
  }

  /// Scans `bytes`: a whole journal, or the lines after `point` (offsets then count from there).
  public func scan(
    _ bytes: UnsafeRawBufferPointer, head: JournalHead?, resumingAfter point: ChainPoint? = nil
  ) throws(JournalError) -> JournalScan {
    var state = point.map { ChainState(head: head, resumingAfter: $0) } ?? ChainState(head: head)
    var source = MemorySource(window: bytes)
    return try run(&source, state: &state, delivering: false) { _, _ in }
  }

  /// Checks every line `source` holds, in order. When `delivering`, hands each line of a
  /// complete batch to `deliver` once the whole batch has passed (lines of a batch that never
  /// ends are never delivered). Offsets are counted from the source's first byte.
  func run<Source: JournalSource>(
    _ source: inout Source, state: inout ChainState, delivering: Bool,
    deliver: (_ frame: LineFrame, _ line: UnsafeRawBufferPointer) throws(JournalError) -> Void
  ) throws(JournalError) -> JournalScan {
    var position = 0  // the next line to check
    var pending: [PendingLine] = []  // checked lines of the open batch, not yet delivered
    var keep = 0  // where `pending` starts: the source must hold on to the bytes from here on
    var starts: [Int] = []
    var ends: [Int] = []
    var digests: [SHA256Digest] = []
    var frames: [LineFrame?] = []
    starts.reserveCapacity(windowLines)
    ends.reserveCapacity(windowLines)
    scanning: while true {
      let window = source.window
      let base = source.base
      starts.removeAll(keepingCapacity: true)
      ends.removeAll(keepingCapacity: true)
      var cursor = position - base
      while starts.count < windowLines, let newline = Self.nextNewline(window, from: cursor) {
        starts.append(cursor)
        ends.append(newline)
        cursor = newline &+ 1
      }
      guard let lastEnd = ends.last else {
        if try source.refill(keepingFrom: delivering ? keep : position) { continue }
        // The end of the file: bytes after the last line end are a line cut short.
        if position < source.base + source.window.count {
          try state.fail(.line(.noLineEnd), atOffset: position, in: &source)
        }
        break
      }
      hashAndFrame(window, starts, ends, digests: &digests, frames: &frames)
      for index in starts.indices {
        let line = UnsafeRawBufferPointer(rebasing: window[starts[index]..<ends[index]])
        let start = base &+ starts[index]
        if let defect = state.accept(
          line, frame: frames[index], start: start, digest: digests[index])
        {
          try state.fail(defect, atOffset: start, in: &source)
          break scanning
        }
        guard delivering, let frame = frames[index] else { continue }
        pending.append(PendingLine(start: start, frame: frame, count: line.count))
        guard frame.endsBatch else { continue }
        for line in pending {
          let from = line.start &- base
          try deliver(
            line.frame, UnsafeRawBufferPointer(rebasing: window[from..<(from &+ line.count)]))
        }
        pending.removeAll(keepingCapacity: true)
        keep = start &+ line.count &+ 1
      }
      position = base &+ lastEnd &+ 1
    }
    return try state.finish(totalLength: source.base + source.window.count)
  }

  /// A line checked but held back until its batch is complete.
  struct PendingLine {
    var start: Int
    var frame: LineFrame
    var count: Int
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
    digests: inout [SHA256Digest], frames: inout [LineFrame?]
  ) {
    let count = starts.count
    // The same buffers window after window.
    digests.removeAll(keepingCapacity: true)
    digests.append(contentsOf: repeatElement(.zero, count: count))
    frames.removeAll(keepingCapacity: true)
    frames.append(contentsOf: repeatElement(nil, count: count))
    let chunks = count < 256 ? 1 : threads
    digests.withUnsafeMutableBufferPointer { digestOutput in
      frames.withUnsafeMutableBufferPointer { frameOutput in
        starts.withUnsafeBufferPointer { starts in
          ends.withUnsafeBufferPointer { ends in
            nonisolated(unsafe) let digestOutput = digestOutput
            nonisolated(unsafe) let frameOutput = frameOutput
            nonisolated(unsafe) let (bytes, starts, ends) = (bytes, starts, ends)
            let work: @Sendable (Int) -> Void = { chunk in
              let first = count * chunk / chunks
              let end = count * (chunk + 1) / chunks
              // Lines side by side in the hasher's lanes: four, or sixteen with AVX-512.
              SHA256.hashEach(count: end - first, into: digestOutput.baseAddress! + first) {
                UnsafeRawBufferPointer(rebasing: bytes[starts[first &+ $0]..<ends[first &+ $0]])
              }
              var reader = LineFrameReader()
              for index in first..<end {
                frameOutput[index] = reader.frame(
                  of: UnsafeRawBufferPointer(rebasing: bytes[starts[index]..<ends[index]]))
              }
            }
            if chunks == 1 {
              work(0)
            } else {
              DispatchQueue.concurrentPerform(iterations: chunks, execute: work)
            }
          }
        }
      }
    }
  }
}

/// The bytes a scan walks through, a window at a time. Offsets are counted from the first byte
/// the scan reads.
protocol JournalSource {
  /// The bytes in hand, starting at offset `base`.
  var window: UnsafeRawBufferPointer { get }
  var base: Int { get }
  /// Brings in the bytes after the window, keeping those from offset `keep` on (at or after
  /// `base`); false at the end of the bytes, with the window unchanged in content.
  mutating func refill(keepingFrom keep: Int) throws(JournalError) -> Bool
}

/// A journal already in memory: one window holding everything.
struct MemorySource: JournalSource {
  let window: UnsafeRawBufferPointer
  var base: Int { 0 }
  func refill(keepingFrom keep: Int) -> Bool { false }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

enum System {
  /// The cores this process may run on: those of its affinity mask (so that a run under
  /// `taskset -c 0` hashes on one thread), else every core online.
  static var coreCount: Int {
    let online = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    return allowedCores.map { min($0, online) } ?? online
  }

  /// The number of bits in the `Cpus_allowed` mask of /proc/self/status (Linux); nil elsewhere.
  static var allowedCores: Int? {
    guard let file = try? OpenFile(path: "/proc/self/status", writable: false) else { return nil }
    var text = [UInt8](repeating: 0, count: 4096)
    let count = text.withUnsafeMutableBytes { (try? file.read(into: $0, at: 0)) ?? 0 }
    let key = Array("\nCpus_allowed:\t".utf8)
    guard count > key.count,
      let start = (0...(count - key.count)).first(where: { text[$0..<($0 + key.count)].elementsEqual(key) })
    else { return nil }
    var cores = 0
    for byte in text[(start + key.count)..<count] {
      if byte == 0x0A { break }
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: ","): continue
      default: return nil
      }
      cores += digit.nonzeroBitCount
    }
    return cores > 0 ? cores : nil
  }
}
