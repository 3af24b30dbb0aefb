@testable import ClaimsDomain
import ClaimsTestSupport
import Testing

/// The in-place scanner that the event decoder reads must accept exactly what the strict parser
/// accepts as an object, and see the same fields and values in it.
@Suite struct RawJSONObjectTests {
  static let seeds = [
    #"{"type":"attendance.recorded","id":"a-1","date":"2024-09-02","actor":"clerk-1","class":"LC-1","trainee":"371502199001010012","hours":8}"#,
    #"{"type":"claim.approved","id":"c","lines":[{"trainee":"x","amount":"600.00","reasons":["a","b"]}],"total":"600.00","n":null,"f":false}"#,
    #"{"a\u0062":"\u4e2d\"q\\","b":[1,-0.5e3,{"c":{}}],"d":true,"e":"聊城"}"#,
  ]

  @Test func seesTheSameFieldsAndValuesAsTheParser() throws {
    for text in Self.seeds { try expectAgreement(Array(text.utf8)) }
  }

  @Test(arguments: [
    #"{"a":1,"a":2}"#, #"{"a":1} x"#, "{\"a\":\"\u{01}\"}", #"{"a":01}"#, #"{"a":1.}"#,
    #"{"a":"\ud83d"}"#, #"{"a":"\q"}"#, #"{a:1}"#, #"{"a":[1,]}"#, #"{"a":1,}"#, "", #"[1]"#,
    #"{"a":tru}"#, #"{"a":{"b":1,"b":2}}"#, #"{"\u0061":1,"a":2}"#,
    "{\"a\":" + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}",
  ])
  func refusesWhatIsNotAStrictObject(text: String) throws {
    try expectAgreement(Array(text.utf8))
  }

  /// Seeded byte mutations of the seeds: insertions, deletions and replacements of JSON's
  /// structural characters and random bytes.
  @Test func agreesWithTheParserOnMutatedText() throws {
    var random = SplitMix64(seed: 0x5CA7)
    for round in 0..<20_000 {
      try expectAgreement(JSONMutation.mutated(Self.seeds[round % Self.seeds.count], edits: 3, &random))
    }
  }

  func expectAgreement(_ bytes: [UInt8]) throws {
    let parsed = try? JSONParser.parse(bytes)
    try bytes.withUnsafeBytes { buffer in
      let scanned = try? RawJSONObject(scanning: buffer)
      guard case .object(let object)? = parsed else {
        #expect(scanned == nil, "scanner accepted \(String(decoding: bytes, as: UTF8.self))")
        return
      }
      let raw = try #require(scanned, "scanner refused \(String(decoding: bytes, as: UTF8.self))")
      #expect(raw.fields.indices.map(raw.keyText) == object.fields.map(\.key))
      #expect(raw.fields.indices.map(raw.value) == object.fields.map(\.value))
    }
  }

  /// What the event decoder accepts from bytes must be strict JSON, and the same event as a
  /// decode of the parsed tree.
  @Test func theEventDecoderAcceptsOnlyStrictJSON() throws {
    let events = [
      #"{"type":"attendance.recorded","id":"a-1","date":"2024-09-02","actor":"clerk-1","class":"LC-1","trainee":"371502199001011234","hours":8}"#,
      #"{"type":"trainee.enrolled","id":"e-1","date":"2024-09-02","actor":"clerk-1","trainee":"371502199001011234","name":"学员","class":"LC-1","categories":["graduate"],"ui_benefit":false}"#,
    ]
    var random = SplitMix64(seed: 0x1A2)
    var accepted = 0
    for round in 0..<20_000 {
      let bytes = JSONMutation.mutated(events[round % events.count], edits: 2, &random)
      let decoded = bytes.withUnsafeBytes { try? Event.decode(json: $0, ledgerFields: false) }
      guard let decoded else { continue }
      accepted += 1
      guard case .object(let object)? = try? JSONParser.parse(bytes) else {
        Issue.record("accepted what is not a JSON object: \(String(decoding: bytes, as: UTF8.self))")
        continue
      }
      #expect(try Event.decode(object, ledgerFields: false) == decoded)
    }
    #expect(accepted > 100, "the mutations left too few valid events to prove anything")
  }
}
