// Which lane code `SHA256.hashEach` runs: the portable four lanes, or the sixteen AVX-512 lanes
// of ClaimsSHA256Wide, chosen once per process from what the CPU offers.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import ClaimsSHA256Core
#if arch(x86_64)
  import ClaimsSHA256Wide
#endif

extension SHA256 {
  /// The lane code that hashes many messages at once.
  public enum LaneWidth: Sendable, CustomStringConvertible {
    /// Four lanes in SIMD4<UInt32>: SSE2 or NEON, on every CPU.
    case four
    /// Sixteen lanes in SIMD16<UInt32>: AVX-512, on x86-64 CPUs that have it (see
    /// `sixteenLanesSupported`).
    case sixteen

    public var description: String { self == .four ? "4 lanes" : "16 lanes (AVX-512)" }
  }

  /// True when this process may run the sixteen-lane code: Linux on x86-64, with every feature
  /// of x86-64-v4 in the `flags` line of /proc/cpuinfo. False anywhere else.
  public static let sixteenLanesSupported: Bool = sha256CPUHasX86_64V4()

  /// The width `hashEach` uses: sixteen lanes where supported, unless the environment variable
  /// CLAIMS_SHA256_PORTABLE is set (to anything but "" or "0"), which forces four, so both
  /// paths can be compared on one machine. Either way the digests are the same.
  public static let laneWidth: LaneWidth = {
    if let value = getenv("CLAIMS_SHA256_PORTABLE"), value[0] != 0,
      String(cString: value) != "0"
    {
      return .four
    }
    return sixteenLanesSupported ? .sixteen : .four
  }()

  /// Hashes `count` messages, `message(i)` for i in 0..<count, writing the digest of message i
  /// to `digests[i]`. Gives the same digests as `hash(_:)`, 2.5-4x faster per message on
  /// journal lines (see `laneWidth`); allocates nothing on the heap.
  public static func hashEach(
    count: Int, into digests: UnsafeMutablePointer<SHA256Digest>,
    message: (_ index: Int) -> UnsafeRawBufferPointer
  ) {
    hashEach(count: count, into: digests, width: laneWidth, message: message)
  }

  /// `hashEach(count:into:message:)` with the lane code named, for tests and benchmarks.
  /// `.sixteen` needs `sixteenLanesSupported` (it traps otherwise: the CPU may lack the
  /// instructions).
  public static func hashEach(
    count: Int, into digests: UnsafeMutablePointer<SHA256Digest>, width: LaneWidth,
    message: (_ index: Int) -> UnsafeRawBufferPointer
  ) {
    guard count > 0 else { return }
    // A digest is its eight chaining words in order (SHA256Digest.swift), which is what the
    // lane code writes for each message.
    digests.withMemoryRebound(to: UInt32.self, capacity: count &* 8) { words in
      switch width {
      case .four:
        sha256HashEach(SHA256LaneSet.self, count: count, digestWords: words, message: message)
      case .sixteen:
        precondition(sixteenLanesSupported, "SHA256.hashEach: this CPU lacks AVX-512")
        #if arch(x86_64)
          sha256HashEachSixteenLanes(count: count, digestWords: words, message: message)
        #endif
      }
    }
  }
}

/// The CPU features that code compiled for x86-64-v4 may use (the psABI's levels 2, 3 and 4),
/// as Linux names them in /proc/cpuinfo. The kernel clears the AVX flags when the OS does not
/// save the wide registers, so their presence means usable, not just built in.
private let sha256X86_64V4Flags = [
  "cx16", "lahf_lm", "popcnt", "pni", "sse4_1", "sse4_2", "ssse3",
  "avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "abm", "movbe", "xsave",
  "avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl",
]

/// True on Linux x86-64 when /proc/cpuinfo lists every feature of x86-64-v4; false on any
/// other system or on any doubt (the file unreadable or odd).
private func sha256CPUHasX86_64V4() -> Bool {
  #if os(Linux) && arch(x86_64)
    let fd = open("/proc/cpuinfo", O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    // The first processor's block, flags included, is a few KiB; 64 KiB is plenty.
    var bytes = [UInt8](repeating: 0, count: 65_536)
    var filled = 0
    while filled < bytes.count {
      let got = bytes.withUnsafeMutableBytes {
        read(fd, $0.baseAddress! + filled, $0.count - filled)
      }
      if got <= 0 { break }
      filled += got
    }
    return sha256CPUInfoHasX86_64V4(String(decoding: bytes[0..<filled], as: UTF8.self))
  #else
    return false
  #endif
}

/// True when the first `flags` line of `cpuinfo` (the text of /proc/cpuinfo) names every
/// feature of x86-64-v4 as a whole word.
func sha256CPUInfoHasX86_64V4(_ cpuinfo: String) -> Bool {
  guard
    let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
    let colon = line.firstIndex(of: ":")
  else { return false }
  let flags = Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
  return sha256X86_64V4Flags.allSatisfy(flags.contains)
}
