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
    write(
      .event(event), seq: seq, recorded: Array(recorded.description.utf8), prev: prev, batchIndex: batchIndex,
      batchCount: batchCount, into: &writer)
    return writer.bytes
  }

  /// Encodes a batch: each line framed, chained to the one before by its SHA-256, and ended
  /// with `\n`, all in one buffer. Returns the bytes and the last line's hash.
  public static func encodeBatch(
    _ events: [BatchEvent], firstSeq: Int, recorded: Timestamp, previous: SHA256Digest
  ) -> (bytes: [UInt8], lastHash: SHA256Digest) {
    // The batch shares one `recorded`: spell it once.
    let recordedText = Array(recorded.description.utf8)
    var writer = JSONWriter(capacity: events.count * 360)
    var previous = previous
    for index in events.indices {
      let start = writer.bytes.count
      write(
        events[index], seq: firstSeq + index, recorded: recordedText, prev: previous, batchIndex: index + 1,
        batchCount: events.count, into: &writer)
      previous = writer.bytes.withUnsafeBytes { SHA256.hash(UnsafeRawBufferPointer(rebasing: $0[start...])) }
      writer.bytes.append(0x0A)
    }
    return (writer.bytes, previous)
  }

  /// Appends one line (without `\n`): the frame in its fixed order (`LineFrame`), then the
  /// event's fields, then `}`.
  static func write(
    _ event: BatchEvent, seq: Int, recorded: [UInt8], prev: SHA256Digest, batchIndex: Int, batchCount: Int,
    into writer: inout JSONWriter
  ) {
    writer.raw(LineFrame.seqKey)
    writer.writeInt(seq)
    writer.raw(LineFrame.recordedKey)
    writer.bytes.append(contentsOf: recorded)
    writer.raw(LineFrame.prevKey)
    // The hex is spelt on the stack and appended once (filling the array with zeros first and
    // then overwriting them cost more than the spelling).
    var hex: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    withUnsafeMutableBytes(of: &hex) { hex in
      prev.writeHex(into: hex)
      writer.bytes.append(contentsOf: hex.assumingMemoryBound(to: UInt8.self))
    }
    writer.raw(LineFrame.batchKey)
    writer.writeInt(batchIndex)
    writer.bytes.append(UInt8(ascii: ","))
    writer.writeInt(batchCount)
    writer.raw("]," as StaticString)
    switch event {
    case .event(let event):
      event.writeJSONFields(into: &writer)
      writer.bytes.append(UInt8(ascii: "}"))
    case .canonical(let line):
      // Its fields and closing brace, as the encoder would write them.
      writer.bytes.append(contentsOf: line.dropFirst())
    }
  }
}

/// One event of a batch to write: an event to encode, or an input line already in the
/// canonical form the encoder writes (`{`, the fields in schema order, `}`), copied as it is.
/// The append's fact lane hands over its enrolment, attendance and exam lines this way;
/// `CanonicalAppendTests` holds the copy to what the encoder writes.
public enum BatchEvent: Sendable {
  case event(Event)
  case canonical(ArraySlice<UInt8>)
}
