import ClaimsDomain

/// The fields the ledger puts at the start of every journal line, in this fixed order:
/// `{"seq":7,"recorded":"2024-09-02T01:00:00.000Z","prev":"<64 hex>","batch":[1,3],` followed by
/// the event's own fields and a closing `}`. The fixed order lets the chain be checked at memory
/// speed without parsing the event (Journal/FORMAT.md).
public struct LineFrame: Equatable, Sendable {
  public var seq: Int
  public var recorded: Timestamp
  /// Where the 64 hex characters of `prev` start within the line.
  public var prevOffset: Int
  /// This line's position in its batch (1-based) and the batch's size.
  public var batchIndex: Int
  public var batchCount: Int
  /// Where the event's first field starts within the line.
  public var bodyOffset: Int

  public var endsBatch: Bool { batchIndex == batchCount }

  static let seqKey: StaticString = #"{"seq":"#
  static let recordedKey: StaticString = #","recorded":""#
  static let prevKey: StaticString = #"","prev":""#
  static let batchKey: StaticString = #"","batch":["#

  /// Reads the frame of one line (without its `\n`), or says why it is not a journal line.
  public static func parse(_ line: UnsafeRawBufferPointer) -> Result<LineFrame, LineDefect> {
    if let frame = LineFrameReader.frame(of: line) { return .success(frame) }
    return diagnose(line)
  }

  /// The field by field reading behind `parse`, which says which field is wrong. The scan uses
  /// `LineFrameReader.frame(of:)`, which accepts exactly the same lines, faster.
  static func diagnose(_ line: UnsafeRawBufferPointer) -> Result<LineFrame, LineDefect> {
    var cursor = 0
    func expect(_ literal: StaticString) -> Bool {
      let count = literal.utf8CodeUnitCount
      guard cursor + count <= line.count else { return false }
      for offset in 0..<count where line[cursor &+ offset] != literal.utf8Start[offset] { return false }
      cursor += count
      return true
    }
    func integer() -> Int? {
      var value = 0
      let start = cursor
      while cursor < line.count, line[cursor] &- 0x30 < 10, cursor - start < 12 {
        value = value * 10 + Int(line[cursor] &- 0x30)
        cursor += 1
      }
      guard cursor > start, line[start] != 0x30 || cursor - start == 1 else { return nil }
      return value
    }
    guard expect(seqKey), let seq = integer() else { return .failure(.malformedFrame("seq")) }
    guard expect(recordedKey), cursor + 24 <= line.count,
      let recorded = Timestamp(utf8: UnsafeRawBufferPointer(rebasing: line[cursor..<cursor + 24]))
    else { return .failure(.malformedFrame("recorded")) }
    cursor += 24
    guard expect(prevKey), cursor + 64 <= line.count else {
      return .failure(.malformedFrame("prev"))
    }
    let prevOffset = cursor
    for offset in cursor..<(cursor + 64) {
      let byte = line[offset]
      guard byte &- 0x30 < 10 || byte &- 0x61 < 6 else { return .failure(.malformedFrame("prev")) }
    }
    cursor += 64
    guard expect(batchKey), let index = integer(), expect(","), let count = integer(),
      expect("],"), index >= 1, index <= count
    else { return .failure(.malformedFrame("batch")) }
    guard line.count > cursor, line[line.count - 1] == UInt8(ascii: "}") else {
      return .failure(.unterminated)
    }
    return .success(
      LineFrame(
        seq: seq, recorded: recorded, prevOffset: prevOffset, batchIndex: index,
        batchCount: count, bodyOffset: cursor))
  }
}

/// Why a line is not a well-formed journal line.
public enum LineDefect: Error, Equatable, Sendable, CustomStringConvertible {
  case malformedFrame(String)
  case unterminated
  case noLineEnd

  public var description: String {
    switch self {
    case .malformedFrame(let field):
      "the line does not start with the journal's fields seq, recorded, prev, batch (bad \(field))"
    case .unterminated: "the line does not end with '}'"
    case .noLineEnd: "the last line has no line end (a torn write)"
    }
  }
}

extension SHA256Digest {
  /// The `prev` of line 1: 64 zeros.
  public static let zero = SHA256Digest(hex: String(repeating: "0", count: 64))!
}
