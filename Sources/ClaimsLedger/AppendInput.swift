#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import ClaimsDomain

/// One event of an append batch, with where it came from in the input.
public struct InputEvent: Sendable {
  /// 1-based position among the batch's events.
  public var position: Int
  /// 1-based line number in the input text.
  public var inputLine: Int
  let content: Content

  /// The event as the general reader decodes it, or an enrolment, attendance or exam line in the
  /// canonical form, as read: the append's fact lane checks and folds it from these bytes and
  /// writes them as they are.
  enum Content: Sendable {
    case decoded(Event)
    case canonical(CanonicalFact)
  }

  /// The event (a fact line decoded only when asked for).
  public var event: Event {
    switch content {
    case .decoded(let event): event
    case .canonical(let fact): AppendInput.decodeFact(fact.line)
    }
  }

  /// The fact line, when the line is one in the canonical form.
  var canonical: CanonicalFact? {
    if case .canonical(let fact) = content { fact } else { nil }
  }

  init(position: Int, inputLine: Int, event: Event) {
    (self.position, self.inputLine, self.content) = (position, inputLine, .decoded(event))
  }

  init(position: Int, inputLine: Int, canonical: CanonicalFact) {
    (self.position, self.inputLine, self.content) = (position, inputLine, .canonical(canonical))
  }
}

/// An input line `{` + the fields of an enrolment, attendance or exam in the canonical form, and
/// what `FactLine` read from it.
struct CanonicalFact: Sendable {
  var line: ArraySlice<UInt8>
  var fact: FactLine
}

/// Why a batch was refused: the event (position, id, input line) and the reason. Nothing of the
/// batch was written.
public struct BatchRefusal: Error, Equatable, Sendable, CustomStringConvertible {
  public var position: Int?
  public var id: String?
  public var inputLine: Int?
  public var refusal: Refusal

  public var description: String {
    var subject = ""
    if let position {
      subject = "event \(position)"
      if let id { subject += " (id \"\(id)\")" }
      if let inputLine { subject += " at input line \(inputLine)" }
      subject += ": "
    } else if let inputLine {
      subject = "input line \(inputLine): "
    }
    return subject + refusal.message
  }
}

/// Reads a batch of input events from JSON Lines. Blank lines are skipped; anything else must be
/// one event object per line.
public enum AppendInput {
  /// A fact line keeps a slice of `bytes`, not a copy: a large batch holds its input once.
  public static func parse(_ bytes: [UInt8]) throws(BatchRefusal) -> [InputEvent] {
    let parsed = bytes.withUnsafeBytes { buffer in
      Result { () throws(BatchRefusal) in try parse(buffer) { bytes[$0] } }
    }
    return try parsed.get()
  }

  /// The same, over bytes in place (an import maps a whole file and parses it batch by batch);
  /// a fact line is copied.
  public static func parse(_ bytes: UnsafeRawBufferPointer) throws(BatchRefusal) -> [InputEvent] {
    try parse(bytes) { ArraySlice(UnsafeRawBufferPointer(rebasing: bytes[$0])) }
  }

  /// `keep` gives a fact line's bytes to keep, by their range in `bytes`.
  static func parse(_ bytes: UnsafeRawBufferPointer, keeping keep: (Range<Int>) -> ArraySlice<UInt8>)
    throws(BatchRefusal) -> [InputEvent]
  {
    var events: [InputEvent] = []
    var lineNumber = 0
    var start = 0
    while start <= bytes.count {
      let end = nextNewline(bytes, from: start) ?? bytes.count
      let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
      start = end + 1
      lineNumber += 1
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      let position = events.count + 1
      if let fact = canonicalFact(line) {
        let kept = CanonicalFact(line: keep((start - line.count - 1)..<(start - 1)), fact: fact)
        events.append(InputEvent(position: position, inputLine: lineNumber, canonical: kept))
        continue
      }
      do throws(EventDecodingError) {
        events.append(
          InputEvent(position: position, inputLine: lineNumber, event: try Event.decode(json: line, ledgerFields: false)))
      } catch {
        throw refusal(error, of: ArraySlice(line), position: position, inputLine: lineNumber)
      }
    }
    return events
  }

  /// The fact when `line` is an enrolment, attendance or exam in the canonical form, which is
  /// the form the journal writes: `{` and the fields `FactLine` reads.
  static func canonicalFact(_ line: UnsafeRawBufferPointer) -> FactLine? {
    line.first == 0x7B ? FactLine.read(line, bodyOffset: 1) : nil
  }

  /// The event of a line `canonicalFact` read. The general reader accepts every line the
  /// canonical one does, with the same values (`CanonicalDecodingTests`), so this cannot fail.
  static func decodeFact(_ line: ArraySlice<UInt8>) -> Event {
    let decoded = line.withUnsafeBytes { bytes in
      Result { () throws(EventDecodingError) in try Event.decode(json: bytes, ledgerFields: false) }
    }
    switch decoded {
    case .success(let event): return event
    case .failure(let error): preconditionFailure("a canonical fact line the event reader refuses: \(error)")
    }
  }

  /// The offset of the first `\n` at or after `start`: libc's `memchr` looks at a word or a
  /// vector at a time, where a search through the buffer's slice went byte by byte.
  static func nextNewline(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
    guard start < bytes.count, let found = memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start)
    else { return nil }
    return UnsafeRawPointer(found) - bytes.baseAddress!
  }

  /// The refusal of an input line that is not an event, worded for what the line is.
  static func refusal(_ error: EventDecodingError, of line: ArraySlice<UInt8>, position: Int, inputLine: Int)
    -> BatchRefusal
  {
    let value: JSONValue
    do { value = try JSONParser.parse(Array(line)) } catch {
      return BatchRefusal(
        position: position, inputLine: inputLine,
        refusal: Refusal("malformed-input", "not a JSON object: \(error)"))
    }
    guard case .object(let object) = value else {
      return BatchRefusal(
        position: position, inputLine: inputLine,
        refusal: Refusal("malformed-input", "not a JSON object but \(value.kindName)"))
    }
    var id: String?
    if case .string(let text)? = object["id"] { id = text }
    return BatchRefusal(
      position: position, id: id, inputLine: inputLine, refusal: Refusal(error.code.rawValue, error.reason))
  }
}
