// Which SHA-256 code runs, chosen once per process from what the CPU offers: for one message,
// the portable rounds or the SHA extensions (ClaimsSHA256NI); for many at once
// (`SHA256.hashEach`), the portable four lanes or the sixteen AVX-512 lanes (ClaimsSHA256Wide).
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import ClaimsSHA256Core
#if arch(x86_64)
  import ClaimsSHA256NI
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
    /// Two messages at a time with the SHA extensions, on x86-64 CPUs that have them (see
    /// `extensionsSupported`).
    case extensions

    public var description: String {
      switch self {
      case .four: "4 lanes"
      case .sixteen: "16 lanes (AVX-512)"
      case .extensions: "2 lanes (SHA extensions)"
      }
    }
  }

  /// True when this process may run the sixteen-lane code: Linux on x86-64, with every feature
  /// of x86-64-v4 in the `flags` line of /proc/cpuinfo. False anywhere else.
  public static let sixteenLanesSupported: Bool = sha256CPUHas(sha256X86_64V4Flags)

  /// True when this process may run the SHA extensions: Linux on x86-64 with `sha_ni`, `ssse3`
  /// and `sse4_1` in /proc/cpuinfo. False anywhere else.
  public static let extensionsSupported: Bool = sha256CPUHas(sha256ExtensionFlags)

  /// Whether CLAIMS_SHA256_PORTABLE is set (to anything but "" or "0"): then the portable code
  /// runs everywhere, so that both paths can be compared on one machine (and valgrind, which
  /// knows neither AVX-512 nor the SHA extensions, can run the ledger).
  static let portableForced: Bool = {
    guard let value = getenv("CLAIMS_SHA256_PORTABLE"), value[0] != 0 else { return false }
    return String(cString: value) != "0"
  }()

  /// The lane code `hashEach` uses: the SHA extensions where supported (two lanes of them,
  /// 1.7–1.8 GB/s on this project's Zen 4, where sixteen AVX-512 lanes give 1.4), else sixteen
  /// lanes where supported, else four; four whenever the portable code is forced. Either way
  /// the digests are the same.
  public static let laneWidth: LaneWidth =
    portableForced ? .four : extensionsSupported ? .extensions : sixteenLanesSupported ? .sixteen : .four

  /// Whether one message is hashed with the SHA extensions (where supported and the portable
  /// code is not forced). Either way the digests are the same.
  public static let usesExtensions: Bool = extensionsSupported && !portableForced

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
      case .extensions:
        precondition(extensionsSupported, "SHA256.hashEach: this CPU lacks the SHA extensions")
        #if arch(x86_64)
          sha256HashEachWithSHAExtensions(count: count, digestWords: words, message: message)
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

/// What ClaimsSHA256NI is compiled for: the SHA extensions, and SSE4.1 (with SSSE3 before it).
private let sha256ExtensionFlags = ["sha_ni", "ssse3", "sse4_1"]

/// True on Linux x86-64 when /proc/cpuinfo lists every one of `flags`; false on any other
/// system or on any doubt (the file unreadable or odd).
private func sha256CPUHas(_ flags: [String]) -> Bool {
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
    return sha256CPUInfo(String(decoding: bytes[0..<filled], as: UTF8.self), has: flags)
  #else
    return false
  #endif
}

/// True when the first `flags` line of `cpuinfo` (the text of /proc/cpuinfo) names every
/// feature of x86-64-v4 as a whole word.
func sha256CPUInfoHasX86_64V4(_ cpuinfo: String) -> Bool { sha256CPUInfo(cpuinfo, has: sha256X86_64V4Flags) }

/// True when the first `flags` line of `cpuinfo` names every one of `required` as a whole word.
func sha256CPUInfo(_ cpuinfo: String, has required: [String]) -> Bool {
  guard
    let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
    let colon = line.firstIndex(of: ":")
  else { return false }
  let flags = Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
  return required.allSatisfy(flags.contains)
}

extension SHA256State {
  /// Compresses with the SHA extensions; false (and nothing done) where they are not used.
  @inline(__always)
  mutating func compressWithExtensions(
    _ blocks: UnsafeRawPointer, blockCount: Int, then extra: UnsafeRawPointer, blockCount extraCount: Int
  ) -> Bool {
    #if arch(x86_64)
      guard SHA256.usesExtensions else { return false }
      var words = (h0, h1, h2, h3, h4, h5, h6, h7)
      withUnsafeMutableBytes(of: &words) { words in
        let state = words.baseAddress!.assumingMemoryBound(to: UInt32.self)
        sha256CompressWithSHAExtensions(state, blocks, blockCount)
        sha256CompressWithSHAExtensions(state, extra, extraCount)
      }
      (h0, h1, h2, h3, h4, h5, h6, h7) = words
      return true
    #else
      return false
    #endif
  }
}
