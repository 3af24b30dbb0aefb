import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A program run to its end in a child process: wall-clock seconds from spawn to exit, the
/// child's peak resident set size (wait4's rusage), its exit status and what it printed.
struct ChildRun {
  var seconds: Double
  var peakKilobytes: Int
  var status: Int32
  var out: [UInt8]
  var err: String

  var peakMegabytes: Double { Double(peakKilobytes) / 1024 }
}

enum ChildProcess {
  /// Runs `executable` with `arguments`, standard input from /dev/null, standard output and
  /// error into files under `scratch` (read back after it exits, so a pipe never stalls it).
  static func run(_ executable: String, _ arguments: [String], scratch: String) throws -> ChildRun {
    let outPath = scratch + "/child.out"
    let errPath = scratch + "/child.err"
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid = pid_t()
    let started = DispatchTime.now().uptimeNanoseconds
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard spawned == 0 else {
      throw BenchError("cannot run \(executable): \(String(cString: strerror(spawned)))")
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
      guard errno == EINTR else {
        throw BenchError("wait4 failed: \(String(cString: strerror(errno)))")
      }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    // Exited normally: the low seven bits are 0 and the status is the next byte; else a signal.
    let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    let out = FileManager.default.contents(atPath: outPath).map { [UInt8]($0) } ?? []
    let err =
      FileManager.default.contents(atPath: errPath).map { String(decoding: $0, as: UTF8.self) }
      ?? ""
    return ChildRun(
      seconds: seconds, peakKilobytes: Int(usage.ru_maxrss), status: exitStatus, out: out, err: err)
  }

  /// The executable `name` on the PATH, if any.
  static func which(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  /// The folder of the running executable (`.build/release` under `swift run -c release`).
  static var ownFolder: String {
    let executable =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: executable).deletingLastPathComponent().path
  }
}

struct BenchError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
