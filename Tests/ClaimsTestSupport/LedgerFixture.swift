import ClaimsDomain
import ClaimsJournal
import ClaimsLedger

/// A real journal in a temporary folder, opened by the first admin, with helpers to append
/// batches through the same `Appender` the command line uses.
public final class LedgerFixture: @unchecked Sendable {
  public let folder = TemporaryFolder("claims-ledger")
  public let path: String

  /// Creates the journal; with `setup`, appends the `Bureau.setup` batch too.
  public init(setup: Bool = true, openedAt: String = Bureau.openedAt) throws {
    path = folder.path("test.journal")
    let recorded = Timestamp(openedAt)!
    let opened = try Event.decode(
      try Self.object(
        eventLine(
          "journal.opened", id: "journal.opened", date: recorded.chinaDate.description,
          actor: Bureau.admin, [("format", 1), ("admin", .string(Bureau.admin))])), ledgerFields: false)
    try JournalWriter.create(path: path, opened: opened, recorded: recorded)
    if setup { try append(Bureau.setup, at: Bureau.setupAt) }
  }

  /// An input line as the event it decodes to.
  public static func decode(_ line: String) throws -> Event {
    try Event.decode(try object(line), ledgerFields: false)
  }

  static func object(_ line: String) throws -> JSONObject {
    guard case .object(let object) = try JSONParser.parse(line) else { fatalError("not an object") }
    return object
  }

  /// Appends `lines` as one batch recorded at `at`; throws the refusal if any.
  @discardableResult
  public func append(_ lines: [String], at: String = Bureau.laterAt, expectSeq: Int? = nil)
    throws -> AppendReport
  {
    let input = try AppendInput.parse(Array(lines.joined(separator: "\n").utf8))
    return try Appender().append(
      input, to: path, recordedAt: Timestamp(at)!, clock: Timestamp(at)!, expectSeq: expectSeq)
  }

  /// The journal's bytes and its head's, to prove a refusal changed nothing.
  public var files: [UInt8] {
    TemporaryFolder.bytes(path) + [0] + TemporaryFolder.bytes(JournalHead.path(forJournal: path))
  }

  /// Appends `lines`, expecting a refusal; returns it (nil if the batch was accepted) and whether
  /// the journal and its head stayed byte-identical.
  public func refusal(_ lines: [String], at: String = Bureau.laterAt, expectSeq: Int? = nil)
    -> (refusal: BatchRefusal?, unchanged: Bool)
  {
    let before = files
    var refusal: BatchRefusal?
    do { try append(lines, at: at, expectSeq: expectSeq) } catch let error as BatchRefusal {
      refusal = error
    } catch AppendError.refused(let error) {
      refusal = error
    } catch {
      return (nil, false)
    }
    return (refusal, files == before)
  }

  public func state() throws -> LedgerState {
    try Replay.state(of: try JournalSnapshot.read(path: path))
  }
}
