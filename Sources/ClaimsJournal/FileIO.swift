#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failed system call: which operation, on which file, and the system's words for why.
public struct FileError: Error, Equatable, Sendable, CustomStringConvertible {
  public let operation: String
  public let path: String
  public let code: Int32
  public var description: String {
    "cannot \(operation) \(path): \(String(cString: strerror(code)))"
  }
}

/// An open file descriptor. Every system call the ledger makes on files is here, so that the
/// rest of the code speaks of journals and lines, never of descriptors and errno.
public struct OpenFile: ~Copyable {
  public let path: String
  let descriptor: Int32

  /// Opens an existing file for reading, or for reading and writing.
  public init(path: String, writable: Bool) throws(FileError) {
    let fd = open(path, (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC)
    guard fd >= 0 else { throw FileError(operation: "open", path: path, code: errno) }
    self.path = path
    self.descriptor = fd
  }

  /// Creates a new file with the given mode; refuses if it exists.
  public init(creating path: String, mode: mode_t = 0o640) throws(FileError) {
    let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    guard fd >= 0 else { throw FileError(operation: "create", path: path, code: errno) }
    // The umask may have narrowed the mode; the journal's mode is part of its protection.
    fchmod(fd, mode)
    self.path = path
    self.descriptor = fd
  }

  deinit { close(descriptor) }

  /// Blocks until this process holds the exclusive lock: writers on one machine serialise here.
  public func lockExclusive() throws(FileError) { try lock(LOCK_EX) }

  /// Blocks while another holds the exclusive lock; readers share it.
  public func lockShared() throws(FileError) { try lock(LOCK_SH) }

  public func unlock() { _ = flock(descriptor, LOCK_UN) }

  private func lock(_ operation: Int32) throws(FileError) {
    while flock(descriptor, operation) != 0 {
      guard errno == EINTR else { throw FileError(operation: "lock", path: path, code: errno) }
    }
  }

  public func size() throws(FileError) -> Int {
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw FileError(operation: "inspect", path: path, code: errno)
    }
    return Int(status.st_size)
  }

  /// Reads the whole file from the start, into a buffer that is not zeroed first.
  public func readAll() throws(FileError) -> [UInt8] { try read(from: 0) }

  /// Reads from `offset` to the end of the file, or to `end` (nothing when the file is shorter).
  public func read(from offset: Int, upTo end: Int? = nil) throws(FileError) -> [UInt8] {
    let total = max(0, min(try size(), end ?? Int.max) - offset)
    var failure: Int32 = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
      var done = 0
      while done < total {
        let count = pread(descriptor, buffer.baseAddress! + done, total - done, off_t(offset + done))
        if count < 0, errno == EINTR { continue }
        if count <= 0 {
          failure = count < 0 ? errno : EIO
          break
        }
        done += count
      }
      initialized = done
    }
    guard failure == 0 else { throw FileError(operation: "read", path: path, code: failure) }
    return bytes
  }

  /// The whole file mapped read-only, for reading a large input once: its pages come straight
  /// from the page cache, where a read into a new buffer first zeroes and then copies every page.
  public func map(populate: Bool = true) throws(FileError) -> MappedFile {
    let count = try size()
    guard count > 0 else { return MappedFile(base: nil, count: 0) }
    #if os(Linux)
      let flags = populate ? MAP_PRIVATE | MAP_POPULATE : MAP_PRIVATE
    #else
      let flags = MAP_PRIVATE
    #endif
    guard let base = mmap(nil, count, PROT_READ, flags, descriptor, 0), base != MAP_FAILED else {
      throw FileError(operation: "map", path: path, code: errno)
    }
    return MappedFile(base: base, count: count)
  }

  /// Reads into `buffer` from `offset` until it is full or the file ends; returns how many
  /// bytes were read (fewer than the buffer holds only at the end of the file).
  public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(FileError) -> Int {
    var done = 0
    while done < buffer.count {
      let count = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
      if count < 0, errno == EINTR { continue }
      guard count >= 0 else { throw FileError(operation: "read", path: path, code: errno) }
      if count == 0 { break }
      done += count
    }
    return done
  }

  /// Writes all of `bytes` at `offset`, looping over short writes.
  public func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(FileError) {
    var done = 0
    while done < bytes.count {
      let allowed: Int
      switch FileFaults.allow(bytes.count - done) {
      case .write(let count): allowed = count
      case .fail(let code): throw FileError(operation: "write", path: path, code: code)
      }
      let count = pwrite(descriptor, bytes.baseAddress! + done, allowed, off_t(offset + done))
      if count < 0, errno == EINTR { continue }
      guard count > 0 else {
        throw FileError(operation: "write", path: path, code: count < 0 ? errno : EIO)
      }
      done += count
    }
  }

  public func write(_ bytes: [UInt8], at offset: Int) throws(FileError) {
    let result: Result<Void, FileError> = bytes.withUnsafeBytes { buffer in
      do throws(FileError) { try write(buffer, at: offset); return .success(()) } catch {
        return .failure(error)
      }
    }
    try result.get()
  }

  /// Makes what was written durable before returning.
  public func sync() throws(FileError) {
    guard !FileFaults.fsyncFails else { throw FileError(operation: "fsync", path: path, code: EIO) }
    guard fsync(descriptor) == 0 else { throw FileError(operation: "fsync", path: path, code: errno) }
  }

  /// Makes what was written durable, with the metadata needed to read it back (the size) but
  /// not the times: an in-place write that keeps the size costs one data write and a flush.
  public func syncData() throws(FileError) {
    guard !FileFaults.fsyncFails else { throw FileError(operation: "fsync", path: path, code: EIO) }
    #if os(Linux)
      let synced = fdatasync(descriptor)
    #else
      let synced = fsync(descriptor)
    #endif
    guard synced == 0 else { throw FileError(operation: "fsync", path: path, code: errno) }
  }

  public func truncate(to length: Int) throws(FileError) {
    guard ftruncate(descriptor, off_t(length)) == 0 else {
      throw FileError(operation: "truncate", path: path, code: errno)
    }
  }
}

/// A file mapped into memory by `OpenFile.map()`, unmapped when released.
public final class MappedFile: @unchecked Sendable {
  let base: UnsafeMutableRawPointer?
  public let count: Int

  init(base: UnsafeMutableRawPointer?, count: Int) { (self.base, self.count) = (base, count) }

  deinit { if let base { munmap(base, count) } }

  /// The bytes, valid while this object lives.
  public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

  /// Maps the pages of `range` in at once, as `map(populate: true)` does for the whole file
  /// (a page fault each as they are read costs more); a hint, which an older kernel ignores.
  public func populate(_ range: Range<Int>) {
    #if os(Linux)
      let madvPopulateRead: Int32 = 22  // MADV_POPULATE_READ, Linux 5.14
      pages(within: range, rounding: .outward).map { _ = madvise(base! + $0.lowerBound, $0.count, madvPopulateRead) }
    #endif
  }

  /// Gives back the pages wholly within `range`, which the reader is done with: they are read
  /// from the file again if touched. What a long read holds then does not grow with the file.
  /// Returns where the pages given back end (a reader going front to back starts there next).
  @discardableResult
  /// With `.outward`, the pages `range` shares with its neighbours go too (they are read again
  /// from the file if touched): for a part read on its own, long after the rest.
  public func release(_ range: Range<Int>, rounding: Rounding = .inward) -> Int {
    guard let pages = pages(within: range, rounding: rounding) else { return range.lowerBound }
    _ = madvise(base! + pages.lowerBound, pages.count, MADV_DONTNEED)
    return pages.upperBound
  }

  /// The range of the file that `bytes`, a part of this mapping, lies at.
  public func range(of bytes: UnsafeRawBufferPointer) -> Range<Int> {
    let offset = UnsafeRawPointer(base!).distance(to: bytes.baseAddress!)
    precondition(offset >= 0 && offset + bytes.count <= count, "bytes outside the mapping")
    return offset..<(offset + bytes.count)
  }

  public enum Rounding: Sendable { case inward, outward }

  /// `range` on page boundaries; nil when that leaves no page.
  func pages(within range: Range<Int>, rounding: Rounding) -> Range<Int>? {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let clamped = range.clamped(to: 0..<count)
    let lower = rounding == .inward ? (clamped.lowerBound + page - 1) / page * page : clamped.lowerBound / page * page
    let upper = rounding == .inward ? clamped.upperBound / page * page : min((clamped.upperBound + page - 1) / page * page, count)
    guard base != nil, lower < upper else { return nil }
    return lower..<upper
  }
}

/// Operations on paths rather than open files.
public enum FilePaths {
  public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

  /// Reads a whole file, or nil if there is none.
  public static func readIfPresent(_ path: String) throws(FileError) -> [UInt8]? {
    guard exists(path) else { return nil }
    return try OpenFile(path: path, writable: false).readAll()
  }

  /// Replaces `path` atomically: write a temporary file, fsync, rename over, fsync the folder.
  /// A reader sees the old content or the new, never a mixture.
  public static func replaceAtomically(_ path: String, with bytes: [UInt8]) throws(FileError) {
    do {
      try replaceAtomically(path) { (file: borrowing OpenFile) throws(FileError) in try file.write(bytes, at: 0) }
    } catch let error as FileError {
      throw error
    } catch {
      preconditionFailure("the writer throws only file errors")
    }
  }

  /// The same with the new content written by `write`, at whatever offsets it likes: a file
  /// can be written as it is made, never whole in memory.
  public static func replaceAtomically(_ path: String, writing write: (borrowing OpenFile) throws -> Void) throws {
    let temporary = path + ".tmp"
    unlink(temporary)
    do {
      let file = try OpenFile(creating: temporary)
      try write(file)
      try file.sync()
    }
    guard rename(temporary, path) == 0 else {
      throw FileError(operation: "rename onto", path: path, code: errno)
    }
    try syncDirectory(of: path)
  }

  /// Writes a new file (refusing to overwrite) and makes it durable.
  public static func createDurably(_ path: String, with bytes: [UInt8]) throws(FileError) {
    let file = try OpenFile(creating: path)
    try file.write(bytes, at: 0)
    try file.sync()
    try syncDirectory(of: path)
  }

  /// Makes a new or renamed directory entry durable.
  public static func syncDirectory(of path: String) throws(FileError) {
    let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
    let fd = open(folder.isEmpty ? "/" : folder, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw FileError(operation: "open folder of", path: path, code: errno) }
    defer { close(fd) }
    guard fsync(fd) == 0 else { throw FileError(operation: "fsync folder of", path: path, code: errno) }
  }
}
