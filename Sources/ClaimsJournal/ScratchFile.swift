#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file for a process's own overflow (`TMPDIR`, else /tmp), removed from its folder as soon as
/// it is made: nothing is left behind whatever becomes of the process. None is made where the
/// folder does not allow it (the caller then keeps its bytes in memory); a write or read that
/// fails later (a full disk) stops the process with the system's words for why — these are not
/// the ledger's files, and no journal or checkpoint is touched.
public final class ScratchFile: @unchecked Sendable {
  let descriptor: Int32
  /// Bytes appended so far.
  public private(set) var count = 0

  public init?(purpose: String) {
    let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array("\(folder)/claims-\(purpose)-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { return nil }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    descriptor = fd
  }

  deinit { close(descriptor) }

  /// Appends `bytes`; returns where they start.
  @discardableResult public func append(_ bytes: UnsafeRawBufferPointer) -> Int {
    let start = count
    transfer(bytes.count, "write") { pwrite(descriptor, bytes.baseAddress! + $0, bytes.count - $0, off_t(start + $0)) }
    count += bytes.count
    return start
  }

  /// Fills `buffer` from `offset`, which with the buffer must lie within what was appended.
  public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) {
    precondition(offset >= 0 && offset + buffer.count <= count, "a read outside a scratch file")
    transfer(buffer.count, "read") { pread(descriptor, buffer.baseAddress! + $0, buffer.count - $0, off_t(offset + $0)) }
  }

  /// Calls `step` with the bytes done so far until `total` are, over short transfers and
  /// interruptions.
  private func transfer(_ total: Int, _ operation: String, _ step: (Int) -> Int) {
    var done = 0
    while done < total {
      let moved = step(done)
      if moved < 0, errno == EINTR { continue }
      guard moved > 0 else { preconditionFailure("cannot \(operation) a scratch file (TMPDIR): \(String(cString: strerror(errno)))") }
      done += moved
    }
  }

  /// `count` bytes from `offset`, as an array.
  public func bytes(at offset: Int, count: Int) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      read(into: UnsafeMutableRawBufferPointer(buffer), at: offset)
      initialized = count
    }
  }

  /// The first `length` bytes appended (all by default), in order, in parts of at most
  /// `partSize` bytes.
  public func forEachPart(upTo length: Int? = nil, partSize: Int = 1 << 20, _ body: (UnsafeRawBufferPointer) throws -> Void)
    rethrows
  {
    let end = length ?? count
    var offset = 0
    while offset < end {
      let part = bytes(at: offset, count: min(partSize, end - offset))
      try part.withUnsafeBytes(body)
      offset += part.count
    }
  }
}
