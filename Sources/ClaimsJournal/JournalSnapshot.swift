import ClaimsDomain

/// A journal's bytes as read, with the scan that vouches for them. Read commands work from a
/// snapshot and never modify the file.
public struct JournalSnapshot: Sendable {
  public let path: String
  /// The whole file as read, including any incomplete tail.
  public internal(set) var bytes: [UInt8]
  public internal(set) var scan: JournalScan

  /// Reads and checks a journal. An incomplete tail is tolerated (it is left for the next append
  /// to recover); anything else wrong is an integrity error.
  public static func read(path: String, threads: Int = 0) throws(JournalError) -> JournalSnapshot {
    let bytes: [UInt8]
    do {
      guard let read = try FilePaths.readIfPresent(path) else {
        throw JournalError.notAJournal(path: path, reason: "there is no such file")
      }
      bytes = read
    } catch let error as FileError {
      throw .file(error)
    } catch let error as JournalError { throw error } catch { fatalError("unreachable") }
    let head = try JournalHead.read(forJournal: path)
    return try JournalSnapshot(path: path, bytes: bytes, head: head, threads: threads)
  }

  init(path: String, bytes: [UInt8], head: JournalHead?, threads: Int) throws(JournalError) {
    let scanner = JournalScanner(threads: threads)
    let result: Result<JournalScan, JournalError> = bytes.withUnsafeBytes { buffer in
      do throws(JournalError) { return .success(try scanner.scan(buffer, head: head)) } catch {
        return .failure(error)
      }
    }
    let scan = try result.get()
    guard scan.lineCount > 0 else {
      throw .notAJournal(path: path, reason: "it holds no complete line (line 1 must be journal.opened)")
    }
    self.path = path
    self.bytes = bytes
    self.scan = scan
  }

  /// What a reader should be told about the state of the file, one sentence each.
  public var warnings: [String] {
    var notes: [String] = []
    if let tail = scan.tail {
      notes.append(
        "\(path) ends with an incomplete batch (\(tail.range.count) bytes from line \(tail.firstLine): "
          + "\(tail.reason)); it is ignored here and recovered by the next append")
    }
    switch scan.head {
    case .matches: break
    case .missing:
      notes.append("\(JournalHead.path(forJournal: path)) is missing: the last line is judged on its own")
    case .oneBatchBehind(let seq):
      notes.append(
        "\(JournalHead.path(forJournal: path)) is one batch behind (line \(seq) of \(scan.lineCount)): "
          + "a crash between two writes; the next append fixes it")
    }
    return notes
  }

  /// Calls `body` for each line of the complete prefix, in order, with its frame and bytes
  /// (without the `\n`). The scan has already checked every frame.
  public func forEachLine(
    _ body: (_ frame: LineFrame, _ line: UnsafeRawBufferPointer) throws -> Void
  ) rethrows {
    try bytes.withUnsafeBytes { buffer in
      var position = 0
      while position < scan.completeLength {
        let end = JournalScanner.nextNewline(buffer, from: position)!
        let line = UnsafeRawBufferPointer(rebasing: buffer[position..<end])
        guard case .success(let frame) = LineFrame.parse(line) else {
          preconditionFailure("a scanned line lost its frame")
        }
        try body(frame, line)
        position = end + 1
      }
    }
  }
}
