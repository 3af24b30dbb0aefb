import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file written front to back through a large buffer: the generator's input file.
final class ByteSink {
  let path: String
  let descriptor: Int32
  var buffer: [UInt8] = []

  init(path: String) throws {
    self.path = path
    descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else {
      throw WorkloadError("cannot create \(path): \(String(cString: strerror(errno)))")
    }
    buffer.reserveCapacity(Self.flushBytes)
  }

  static let flushBytes = 8 << 20

  func write(_ bytes: [UInt8]) throws {
    buffer += bytes
    if buffer.count >= Self.flushBytes { try flush() }
  }

  func flush() throws {
    var done = 0
    while done < buffer.count {
      let written = buffer.withUnsafeBytes {
        Glibc.write(descriptor, $0.baseAddress! + done, $0.count - done)
      }
      guard written > 0 else {
        throw WorkloadError("cannot write \(path): \(String(cString: strerror(errno)))")
      }
      done += written
    }
    buffer.removeAll(keepingCapacity: true)
  }

  func close() throws {
    try flush()
    _ = Glibc.close(descriptor)
  }
}
