import ClaimsDomain
import Testing

@Suite struct JSONParserTests {
  @Test func parsesObjectsInSourceOrderWithNumbersAsText() throws {
    let value = try JSONParser.parse(#"{"b":1,"a":[true,null,-0.5e3],"c":"x"}"#)
    guard case .object(let object) = value else { Issue.record("not an object"); return }
    #expect(object.fields.map(\.key) == ["b", "a", "c"])
    #expect(object["b"] == .number("1"))
    #expect(object["a"] == .array([.bool(true), .null, .number("-0.5e3")]))
  }

  @Test func decodesEscapesAndSurrogatePairs() throws {
    let value = try JSONParser.parse(#""a\"b\\c\n\u00e9\u4e2d\ud83d\ude00/\/""#)
    #expect(value == .string("a\"b\\c\né中😀//"))
  }

  @Test func keepsRawUTF8Text() throws {
    #expect(try JSONParser.parse(#""聊城市技工学校""#) == .string("聊城市技工学校"))
  }

  @Test(arguments: [
    #"{"a":1,"a":2}"#, #"{"a":1} x"#, "{\"a\":\"\u{01}\"}", #"{"a":01}"#, #"{"a":1.}"#,
    #"{"a":"\ud83d"}"#, #"{"a":"\q"}"#, #"{a:1}"#, #"[1,]"#, #"{"a":1,}"#, "", #""abc"#,
    #"{"a":tru}"#, String(repeating: "[", count: 40) + String(repeating: "]", count: 40),
  ])
  func refusesWhatIsNotStrictJSON(text: String) {
    #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
  }

  /// Strings are scanned eight bytes at a time; put each kind of byte that needs a look at every
  /// position of a word, so that none slips through a word.
  @Test func findsEveryByteThatNeedsALookWhereverItStands() throws {
    for position in 0..<24 {
      let before = [UInt8](repeating: UInt8(ascii: "a"), count: position)
      let after = [UInt8](repeating: UInt8(ascii: "b"), count: 19)
      func parse(_ middle: [UInt8]) -> JSONValue? {
        try? JSONParser.parse([0x22] + before + middle + after + [0x22])
      }
      let text = { (middle: String) in String(repeating: "a", count: position) + middle + String(repeating: "b", count: 19) }
      #expect(parse([0x01]) == nil, "control character at \(position)")
      #expect(parse([0x1F]) == nil, "control character at \(position)")
      #expect(parse([0xFF]) == nil, "invalid UTF-8 at \(position)")
      #expect(parse([0x22]) == nil, "early quote at \(position)")
      #expect(parse(Array(#"\n"#.utf8)) == .string(text("\n")), "escape at \(position)")
      #expect(parse(Array(#"\""#.utf8)) == .string(text("\"")), "escaped quote at \(position)")
      #expect(parse(Array("é".utf8)) == .string(text("é")), "UTF-8 at \(position)")
      #expect(parse([0x7F, 0x20]) == .string(text("\u{7F} ")), "DEL and space at \(position)")
    }
  }

  @Test func refusesInvalidUTF8() {
    let bytes: [UInt8] = [0x22, 0xE4, 0xB8, 0x22]
    #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(bytes) }
  }

  @Test func namesTheOffsetOfTheFault() {
    do {
      _ = try JSONParser.parse(#"{"a":1,"a":2}"#)
      Issue.record("accepted a duplicate key")
    } catch {
      #expect(error.offset == 7)
      #expect(error.reason.contains("appears twice"))
    }
  }

  @Test func writerOutputParsesBackToTheSameValue() throws {
    let value = JSONValue.object(
      JSONObject([
        ("text", .string("line\nbreak \"quoted\" \\ tab\t \u{01} 中文")), ("n", .number("12")),
        ("list", .array([.bool(false), .null])),
      ]))
    let text = JSONWriter.string(value)
    #expect(!text.contains("\n"))
    #expect(try JSONParser.parse(text) == value)
  }
}
