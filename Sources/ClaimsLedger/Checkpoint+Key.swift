import ClaimsDomain
import ClaimsJournal

extension Checkpoint {
  /// The checkpoint's first line: what it is valid for, readable with `head -1`.
  struct Key: Equatable {
    var foldVersion: Int
    var point: ChainPoint
    var rules: String
    /// The state's hash: `SHA256.hashOfPieces`, the SHA-256 of its 1 MiB pieces' SHA-256s.
    var statePiecesSHA256: String
    /// The state's length; the id index follows it, to the end of the file, with its own hash.
    var stateLength: Int
    /// Where the state's `Deferred` tables lie in it, in order: read only when asked for.
    var stateTables: [Range<Int>]
    var indexPiecesSHA256: String
    /// The money section (`FundLedger`) that comes first: its length and SHA-256.
    var moneyLength: Int
    var moneySHA256: String

    var json: [UInt8] {
      JSONWriter.encode(
        .object(
          JSONObject([
            ("fold_version", .number(String(foldVersion))), ("seq", .number(String(point.seq))),
            ("line_offset", .number(String(point.lineOffset))), ("end_offset", .number(String(point.endOffset))),
            ("line_sha256", .string(point.lineHash.hex)), ("recorded", .string(point.recorded.description)),
            ("batch_first_seq", .number(String(point.batchFirstSeq))), ("rules", .string(rules)),
            ("state_pieces_sha256", .string(statePiecesSHA256)), ("state_length", .number(String(stateLength))),
            ("state_tables", .array(stateTables.flatMap { [$0.lowerBound, $0.upperBound] }.map { .number(String($0)) })),
            ("index_pieces_sha256", .string(indexPiecesSHA256)), ("money_length", .number(String(moneyLength))),
            ("money_sha256", .string(moneySHA256)),
          ])))
    }

    /// The key line's length in the file, newline included: room reserved before the state is
    /// written, filled when its hash is known.
    static let lineLength = 1024

    /// The key as its line: the JSON, spaces up to `lineLength`, a newline.
    var line: [UInt8] {
      let json = self.json
      precondition(json.count < Self.lineLength, "a checkpoint key longer than its line")
      return json + [UInt8](repeating: 0x20, count: Self.lineLength - 1 - json.count) + [0x0A]
    }

    init(
      foldVersion: Int, point: ChainPoint, rules: String, sections: SectionHashes, stateLength: Int,
      stateTables: [Range<Int>], moneyLength: Int, moneySHA256: String
    ) {
      (self.foldVersion, self.point, self.rules) = (foldVersion, point, rules)
      (self.statePiecesSHA256, self.indexPiecesSHA256, self.stateLength) = (sections.state, sections.index, stateLength)
      self.stateTables = stateTables
      (self.moneyLength, self.moneySHA256) = (moneyLength, moneySHA256)
    }

    var sections: SectionHashes { SectionHashes(state: statePiecesSHA256, index: indexPiecesSHA256) }

    struct Unreadable: Error {}
    /// A key of another fold version, whose other fields this build need not understand.
    struct OtherFoldVersion: Error {}

    init(json bytes: [UInt8]) throws {
      guard case .object(let object) = try JSONParser.parse(bytes) else { throw Unreadable() }
      func int(_ key: String) throws -> Int {
        guard case .number(let text)? = object[key], let value = Int(text) else { throw Unreadable() }
        return value
      }
      func text(_ key: String) throws -> String {
        guard case .string(let text)? = object[key] else { throw Unreadable() }
        return text
      }
      foldVersion = try int("fold_version")
      guard foldVersion == Checkpoint.foldVersion else { throw OtherFoldVersion() }
      guard let hash = SHA256Digest(hex: try text("line_sha256")), let recorded = Timestamp(try text("recorded"))
      else { throw Unreadable() }
      point = ChainPoint(
        seq: try int("seq"), lineOffset: try int("line_offset"), endOffset: try int("end_offset"), lineHash: hash,
        recorded: recorded, batchFirstSeq: try int("batch_first_seq"))
      rules = try text("rules")
      statePiecesSHA256 = try text("state_pieces_sha256")
      stateLength = try int("state_length")
      // Each table's start and end, in order within the state (its reader checks each start).
      guard case .array(let bounds)? = object["state_tables"], bounds.count % 2 == 0 else { throw Unreadable() }
      let numbers = try bounds.map { bound in
        guard case .number(let text) = bound, let value = Int(text) else { throw Unreadable() }
        return value
      }
      stateTables = try stride(from: 0, to: numbers.count, by: 2).map { place in
        guard 0 <= numbers[place], numbers[place] <= numbers[place + 1] else { throw Unreadable() }
        return numbers[place]..<numbers[place + 1]
      }
      indexPiecesSHA256 = try text("index_pieces_sha256")
      moneyLength = try int("money_length")
      moneySHA256 = try text("money_sha256")
    }
  }

  /// The hashes (`SHA256.hashOfPieces`) of a checkpoint's two large sections: the state without
  /// its id index, and the index.
  public struct SectionHashes: Equatable, Sendable {
    public var state: String
    public var index: String
  }
}
