import ClaimsDomain

/// `JOURNAL.head`: the last seq and the SHA-256 of the last line, brought up to date after each
/// append. The chain protects every line but the last; the head protects the last.
///
/// The file holds two slots of `slotSize` bytes, written in turn in place, each a line
/// `{"seq":N,"sha256":"<hex>","check":"<hex>"}` and then newlines to the slot's end; `check`
/// is the SHA-256 of the text before `,"check"`. The head is the valid slot with the higher
/// seq. A write torn by a crash spoils only the slot being written, so the other still holds
/// the head one batch behind, the state a crash between the journal's fsync and the head's
/// write leaves. One in-place write and one fdatasync per append, where replacing a file by
/// rename took three fsyncs. A one-line head without `check` (the first format) is still read.
public struct JournalHead: Equatable, Sendable {
  public var seq: Int
  public var lastLineHash: SHA256Digest

  /// A slot's size: at least a disk's physical sector, so that the two never share one.
  static let slotSize = 4096

  public init(seq: Int, lastLineHash: SHA256Digest) {
    self.seq = seq
    self.lastLineHash = lastLineHash
  }

  public static func path(forJournal journal: String) -> String { journal + ".head" }

  /// What the slot's check covers: `{"seq":N,"sha256":"<hex>"`.
  var checkedText: String { "{\"seq\":\(seq),\"sha256\":\"\(lastLineHash.hex)\"" }

  /// A slot's line, with its `\n`. Written into a slot as it is: what follows in the slot, up to
  /// its end, is ignored (the padding, or the end of a longer line a torn write left).
  var slotLine: [UInt8] {
    let text = checkedText
    return Array("\(text),\"check\":\"\(SHA256.hash(Array(text.utf8)).hex)\"}\n".utf8)
  }

  /// A whole head file: this head in the first slot, the second empty, both padded with `\n`.
  var fileBytes: [UInt8] {
    let line = slotLine
    return line + Array(repeating: 0x0A, count: 2 * Self.slotSize - line.count)
  }

  /// A head line: `seq` and `sha256`, and `check` when `checked` (a slot's line must carry it
  /// and match it; a first-format line has none).
  init?(line: ArraySlice<UInt8>, checked: Bool) {
    guard case .object(let object)? = try? JSONParser.parse(Array(line)),
      case .number(let seqText)? = object["seq"], let seq = Int(seqText), seq >= 1,
      case .string(let hex)? = object["sha256"], let hash = SHA256Digest(hex: hex),
      object.fields.count == (checked ? 3 : 2)
    else { return nil }
    self.init(seq: seq, lastLineHash: hash)
    if checked {
      guard case .string(let check)? = object["check"],
        check == SHA256.hash(Array(checkedText.utf8)).hex
      else { return nil }
    }
  }

  /// The head a file's bytes hold, and the slot it is in (nil for a first-format head); nil
  /// when no slot holds a valid head.
  static func newest(in bytes: [UInt8]) -> (head: JournalHead, slot: Int?)? {
    guard bytes.count == 2 * slotSize else {
      // The first format: one line, replaced whole by rename.
      guard bytes.last == 0x0A, bytes.count < slotSize else { return nil }
      return JournalHead(line: bytes.dropLast(), checked: false).map { ($0, nil) }
    }
    var newest: (head: JournalHead, slot: Int?)?
    for slot in 0..<2 {
      let region = bytes[(slot * slotSize)..<((slot + 1) * slotSize)]
      guard let end = region.firstIndex(of: 0x0A),
        let head = JournalHead(line: region[region.startIndex..<end], checked: true)
      else { continue }
      if head.seq > newest?.head.seq ?? 0 { newest = (head, slot) }
    }
    return newest
  }

  /// The head beside `journal`, nil when there is none; an unreadable head is an integrity error.
  public static func read(forJournal journal: String) throws(JournalError) -> JournalHead? {
    try reading(forJournal: journal).head
  }

  /// The head, the slot holding it, and how long the journal then was, taken together: under a
  /// shared lock on the head file, which a writer holds exclusively from writing a batch to
  /// writing its head. A reader that reads the journal only that far sees it and its head
  /// agree, however many batches a writer appends meanwhile (without the lock, a read during an
  /// import met a head several batches behind the lines it read, and reported an integrity
  /// error). Without a head file, nothing: the whole journal is read, as before.
  static func reading(forJournal journal: String) throws(JournalError) -> HeadReading {
    let headPath = path(forJournal: journal)
    guard FilePaths.exists(headPath) else { return HeadReading() }
    do {
      let file = try OpenFile(path: headPath, writable: false)
      try file.lockShared()
      defer { file.unlock() }
      let bytes = try file.readAll()
      let length = try OpenFile(path: journal, writable: false).size()
      guard let newest = newest(in: bytes) else {
        throw JournalError.integrity(line: nil, reason: "\(headPath) is not a valid head file")
      }
      return HeadReading(head: newest.head, slot: newest.slot, journalLength: length)
    } catch let error as FileError { throw .file(error) } catch let error as JournalError { throw error } catch {
      fatalError("unreachable: \(error)")
    }
  }

  /// Replaces the whole head file atomically with this head in its first slot.
  public func write(forJournal journal: String) throws(JournalError) {
    do { try FilePaths.replaceAtomically(JournalHead.path(forJournal: journal), with: fileBytes) } catch {
      throw .file(error)
    }
  }
}

/// What `JournalHead.reading` found: all nil when there is no head file.
struct HeadReading {
  var head: JournalHead?
  /// The slot holding the head; nil for a head of the first format.
  var slot: Int?
  var journalLength: Int?
}

/// A writer's hold on `JOURNAL.head`: which slot holds the head, and the file open for the next
/// write into the other slot.
final class HeadSlots: @unchecked Sendable {
  let path: String
  private var file: OpenFile?
  /// The slot holding the current head; nil until the file is in the two-slot form.
  private var current: Int?

  init(journal: String, current: Int?) {
    path = JournalHead.path(forJournal: journal)
    self.current = current
  }

  /// Runs `body` (a batch's write, then its head's) holding the head file's lock exclusively,
  /// so that a reader taking the head and the journal's length (`JournalHead.reading`) sees
  /// both before the batch or both after. A head not yet in two slots is replaced whole by
  /// `write`, a new file; it is not locked (once per journal).
  func whileLocked<R>(_ body: () throws(JournalError) -> R) throws(JournalError) -> R {
    guard current != nil else { return try body() }
    do {
      try openFile()
      try file?.lockExclusive()
    } catch { throw .file(error) }
    defer { file?.unlock() }
    return try body()
  }

  /// Writes `head` into the slot not holding the current one and makes it durable; a file not
  /// yet in two slots (missing, or the first format) is replaced whole instead.
  func write(_ head: JournalHead) throws(JournalError) {
    do throws(FileError) {
      guard let current else {
        try FilePaths.replaceAtomically(path, with: head.fileBytes)
        current = 0
        return
      }
      try openFile()
      let next = 1 - current
      try file?.write(head.slotLine, at: next * JournalHead.slotSize)
      try file?.syncData()
      self.current = next
    } catch { throw .file(error) }
  }

  /// The head file, open for writing from the first time it is needed.
  private func openFile() throws(FileError) {
    if file == nil { file = try OpenFile(path: path, writable: true) }
  }
}
