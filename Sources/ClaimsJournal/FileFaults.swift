#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Faults to inject at the file layer, for tests of what the journal does when the disk fails:
/// short writes, a full disk, a failing fsync. Set for the duration of a call with
/// `FileFaults.$current.withValue(plan) { … }`; production code never sets one.
public struct FileFaults: Sendable {
  /// Each write call writes at most this many bytes (the caller must loop).
  public var shortWritesOf: Int?
  /// After this many bytes in all, writes fail with ENOSPC.
  public var diskFullAfter: Int?
  /// fsync fails with EIO.
  public var failFsync = false
  /// Each write call first sleeps this long: widens the window in which a crash test's kill
  /// lands in the middle of a batch.
  public var writeDelayMicroseconds = 0

  public init(
    shortWritesOf: Int? = nil, diskFullAfter: Int? = nil, failFsync: Bool = false,
    writeDelayMicroseconds: Int = 0
  ) {
    (self.shortWritesOf, self.diskFullAfter, self.failFsync) = (shortWritesOf, diskFullAfter, failFsync)
    self.writeDelayMicroseconds = writeDelayMicroseconds
  }

  /// A plan from the environment variable `CLAIMS_TEST_FAULTS` (`short=4096,delay=2000`), read
  /// by the `claims` executable so that crash tests can slow its writes down; nil when unset.
  public static func fromEnvironment() -> FileFaults? {
    guard let text = getenv("CLAIMS_TEST_FAULTS").map({ String(cString: $0) }), !text.isEmpty else {
      return nil
    }
    var plan = FileFaults()
    for setting in text.split(separator: ",") {
      let parts = setting.split(separator: "=")
      guard parts.count == 2, let value = Int(parts[1]) else { continue }
      switch parts[0] {
      case "short": plan.shortWritesOf = value
      case "full": plan.diskFullAfter = value
      case "delay": plan.writeDelayMicroseconds = value
      case "fsync": plan.failFsync = value != 0
      default: continue
      }
    }
    return plan
  }

  @TaskLocal public static var current: FileFaults?

  /// Runs `body` with `plan` in force for every file operation it makes.
  public static func inject<R>(_ plan: FileFaults, _ body: () throws -> R) rethrows -> R {
    try $counter.withValue(Counter()) { try $current.withValue(plan) { try body() } }
  }

  /// Bytes written under the current plan, for `diskFullAfter`.
  final class Counter: @unchecked Sendable { var written = 0 }
  @TaskLocal static var counter = Counter()

  /// What a write of `count` bytes may do now.
  enum Allowance {
    case write(Int)
    case fail(Int32)
  }

  static func allow(_ count: Int) -> Allowance {
    guard let plan = current else { return .write(count) }
    if plan.writeDelayMicroseconds > 0 { usleep(UInt32(plan.writeDelayMicroseconds)) }
    var allowed = count
    if let short = plan.shortWritesOf { allowed = min(allowed, short) }
    if let limit = plan.diskFullAfter {
      let left = limit - counter.written
      guard left > 0 else { return .fail(ENOSPC) }
      allowed = min(allowed, left)
    }
    counter.written += allowed
    return .write(allowed)
  }

  static var fsyncFails: Bool { current?.failFsync ?? false }
}
