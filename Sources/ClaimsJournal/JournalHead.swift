import ClaimsDomain

/// `JOURNAL.head`: the last seq and the SHA-256 of the last line, replaced atomically after each
/// append. The chain protects every line but the last; the head protects the last.
public struct JournalHead: Equatable, Sendable {
  public var seq: Int
  public var lastLineHash: SHA256Digest

  public init(seq: Int, lastLineHash: SHA256Digest) {
    self.seq = seq
    self.lastLineHash = lastLineHash
  }

  public static func path(forJournal journal: String) -> String { journal + ".head" }

  /// `{"seq":N,"sha256":"<hex>"}\n`
  public var bytes: [UInt8] {
    Array("{\"seq\":\(seq),\"sha256\":\"\(lastLineHash.hex)\"}\n".utf8)
  }

  public init?(bytes: [UInt8]) {
    guard case .object(let object)? = try? JSONParser.parse(bytes),
      case .number(let seqText)? = object["seq"], let seq = Int(seqText), seq >= 1,
      case .string(let hex)? = object["sha256"], let hash = SHA256Digest(hex: hex),
      object.fields.count == 2
    else { return nil }
    self.init(seq: seq, lastLineHash: hash)
  }

  /// The head beside `journal`, nil when there is none; an unreadable head is an integrity error.
  public static func read(forJournal journal: String) throws(JournalError) -> JournalHead? {
    let headPath = path(forJournal: journal)
    let bytes: [UInt8]?
    do { bytes = try FilePaths.readIfPresent(headPath) } catch { throw .file(error) }
    guard let bytes else { return nil }
    guard let head = JournalHead(bytes: bytes) else {
      throw .integrity(line: nil, reason: "\(headPath) is not a valid head file")
    }
    return head
  }

  public func write(forJournal journal: String) throws(JournalError) {
    do { try FilePaths.replaceAtomically(JournalHead.path(forJournal: journal), with: bytes) } catch {
      throw .file(error)
    }
  }
}
