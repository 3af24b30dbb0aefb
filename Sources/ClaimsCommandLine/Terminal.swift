import ClaimsDomain
import Foundation

/// The world a command talks to: output streams, standard input and the clock. The real one is
/// the process's; tests pass a captured one and run commands in-process.
public struct Terminal: Sendable {
  public var writeOut: @Sendable (String) -> Void
  public var writeErr: @Sendable (String) -> Void
  public var readInput: @Sendable () -> [UInt8]
  /// The current time. Only the command line reads the clock; the core never does.
  public var now: @Sendable () -> Timestamp

  public init(
    writeOut: @escaping @Sendable (String) -> Void, writeErr: @escaping @Sendable (String) -> Void,
    readInput: @escaping @Sendable () -> [UInt8], now: @escaping @Sendable () -> Timestamp
  ) {
    (self.writeOut, self.writeErr, self.readInput, self.now) = (writeOut, writeErr, readInput, now)
  }

  public static let process = Terminal(
    writeOut: { FileHandle.standardOutput.write(Data($0.utf8)) },
    writeErr: { FileHandle.standardError.write(Data($0.utf8)) },
    readInput: { [UInt8](FileHandle.standardInput.readDataToEndOfFile()) },
    now: { Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))) })

  func out(_ line: String) { writeOut(line + "\n") }
  func err(_ line: String) { writeErr(line + "\n") }
}
