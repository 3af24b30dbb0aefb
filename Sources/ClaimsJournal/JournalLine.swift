import ClaimsDomain

/// A decoded journal line: the ledger's frame and the event it carries.
public struct JournalLine: Sendable {
  public var frame: LineFrame
  public var event: Event

  /// Decodes a line's event. A line that frames correctly but carries no valid event is an
  /// integrity error: the ledger never writes such a line.
  public static func decode(_ line: UnsafeRawBufferPointer, frame: LineFrame) throws(JournalError)
    -> JournalLine
  {
    JournalLine(frame: frame, event: try decodeEvent(line, frame: frame))
  }

  /// The line's event alone.
  public static func decodeEvent(_ line: UnsafeRawBufferPointer, frame: LineFrame) throws(JournalError) -> Event {
    let decoded = Result { () throws(EventDecodingError) in
      try Event.decode(json: line, bodyOffset: frame.bodyOffset, ledgerFields: true)
    }
    switch decoded {
    case .success(let event): return event
    case .failure(let error):
      if case .failure(let failure) = Result(catching: { () throws(JSONParser.Failure) in try JSONParser.parse(line) }) {
        throw .integrity(line: frame.seq, reason: "the line is not JSON: \(failure)")
      }
      throw .integrity(line: frame.seq, reason: "the line's event is invalid: \(error)")
    }
  }

  /// Encodes an event as a journal line (without `\n`) with the given frame values.
  public static func encode(
    _ event: Event, seq: Int, recorded: Timestamp, prev: SHA256Digest, batchIndex: Int,
    batchCount: Int
  ) -> [UInt8] {
    var writer = JSONWriter(capacity: 320)
    LineFrame.writePrefix(
      seq: seq, recorded: recorded, prev: prev, batchIndex: batchIndex, batchCount: batchCount,
      into: &writer.bytes)
    writer.writeFields(event.jsonObject)
    writer.raw("}")
    return writer.bytes
  }
}
