import ClaimsDomain
import Testing

/// The checkpoint codec: whatever it writes it reads back equal, and damaged bytes are an error,
/// never a value.
@Suite struct BinaryCodingTests {
  struct Inner: Codable, Equatable, Hashable { var name: String; var level: SkillLevel?; var when: CivilDate }
  struct Sample: Codable, Equatable {
    var count: Int
    var small: Int8
    var flag: Bool
    var text: String
    var missing: String?
    var present: Money?
    var list: [Inner]
    var optionals: [Int?]
    var byText: [String: Inner]
    var byStruct: [Inner: [Fund: Money]]
    var set: Set<ResidentID>
    var nested: [String: [String: Int]]
  }

  static let sample = Sample(
    count: -42, small: -7, flag: true, text: "聊城 \u{0} \"q\"", missing: nil, present: Money(fen: 60_000),
    list: [Inner(name: "a", level: .senior, when: CivilDate("2024-02-29")!), Inner(name: "", level: nil, when: CivilDate("1970-01-01")!)],
    optionals: [1, nil, 3],
    byText: ["x": Inner(name: "x", level: .junior, when: CivilDate("2024-09-09")!)],
    byStruct: [Inner(name: "k", level: nil, when: CivilDate("2025-01-01")!): [.employmentSubsidy: Money(fen: 1), .unemploymentInsurance: Money(fen: -2)]],
    set: [ResidentID("371502199001011234")!, ResidentID("11010519491231002X")!],
    nested: ["a": ["b": 1], "c": [:]])

  /// Dictionaries and sets are written in the order of their entries' bytes, not in hash order,
  /// which differs between two tables of the same content: equal values, equal bytes.
  @Test func equalDictionariesAndSetsGiveEqualBytesWhateverTheirHashOrder() throws {
    var random = SplitMix64(seed: 0x50_27ED)
    let keys = (0..<500).map { _ in String(random.next() % 100_000) }
    var forward: [String: Int] = [:]
    for (place, key) in keys.enumerated() { forward[key] = place }
    // The same pairs inserted the other way round, into a table of another capacity.
    var backward: [String: Int] = Dictionary(minimumCapacity: 4096)
    for key in keys.reversed() { backward[key] = forward[key] }
    #expect(forward == backward)
    #expect(Array(forward.keys) != Array(backward.keys), "the two tables should iterate differently")
    #expect(try BinaryEncoder().encode(forward) == BinaryEncoder().encode(backward))
    var wide = Set<String>(minimumCapacity: 4096)
    wide.formUnion(keys.reversed())
    #expect(try BinaryEncoder().encode(Set(keys)) == BinaryEncoder().encode(wide))
    // Nested: a set inside a dictionary's values.
    let nested = Dictionary(uniqueKeysWithValues: keys.prefix(50).map { ($0, Set(keys.suffix(20))) })
    let decoded = try BinaryDecoder().decode([String: Set<String>].self, from: BinaryEncoder().encode(nested))
    #expect(decoded == nested)
    #expect(try BinaryEncoder().encode(decoded) == BinaryEncoder().encode(nested))
  }

  /// Handed out in parts as it is written, a value gives the bytes it gives whole: here lists
  /// (whose counts are patched as elements come) of records holding tables that would hand
  /// out parts of their own — a part cut while a count waits would lose it.
  @Test func writtenInPartsIsWrittenWhole() throws {
    struct Holder: Codable { var table: [String: Int]; var tags: Set<String> }
    var random = SplitMix64(seed: 0xFA27)
    var lists: [[Holder]] = []
    for _ in 0..<6 {
      var list: [Holder] = []
      for _ in 0..<40 {
        var table: [String: Int] = [:]
        for key in 0..<30 { table["k\(key)"] = Int(random.next() % 1000) }
        var tags: Set<String> = []
        for _ in 0..<10 { tags.insert("t\(random.next() % 100)") }
        list.append(Holder(table: table, tags: tags))
      }
      lists.append(list)
    }
    let whole = try BinaryEncoder().encode(lists)
    for partSize in [1, 64, 1000] {
      var parts: [[UInt8]] = []
      try BinaryEncoder().encode(lists, partSize: partSize) { parts.append(Array($0)) }
      #expect(Array(parts.joined()) == whole, "parts of \(partSize)")
    }
    // Through the fast paths alone (tables of tables), parts are handed out on the way.
    let tables = Dictionary(uniqueKeysWithValues: (0..<50).map { ("c\($0)", Dictionary(uniqueKeysWithValues: (0..<20).map { ("k\($0)", $0) })) })
    var parts: [[UInt8]] = []
    try BinaryEncoder().encode(tables, partSize: 64) { parts.append(Array($0)) }
    #expect(parts.count > 10)
    #expect(Array(parts.joined()) == (try BinaryEncoder().encode(tables)))
  }

  /// An approval's lines share a ruleset's strings with the line before only when they are
  /// the same: rulesets of equal length that differ, and the same ruleset again after another,
  /// read back as written, on the fast path and through the containers.
  @Test func approvalLinesReadBackTheirOwnRulesets() throws {
    let trainee = ResidentID("110101199003074477")!
    func line(_ ruleset: String, _ hash: String) -> ApprovedLine {
      ApprovedLine(
        trainee: trainee, amount: Money(fen: 100), fund: .employmentSubsidy, ruleset: ruleset, rulesetSHA256: hash,
        reasons: [])
    }
    let a = String(repeating: "ab", count: 32)
    let b = String(repeating: "ba", count: 32)
    let decision = ApprovalDecision(
      lines: [line("LC-2024", a), line("LC-2024", a), line("LC-2025", b), line("LC-2025", a), line("LC-2024", a), line("", "")],
      total: Money(fen: 600))
    for fastPaths in [true, false] {
      let bytes = try BinaryEncoder(fastPaths: fastPaths).encode(decision)
      #expect(bytes == (try BinaryEncoder(fastPaths: !fastPaths).encode(decision)))
      #expect(try BinaryDecoder(fastPaths: fastPaths).decode(ApprovalDecision.self, from: bytes) == decision)
    }
  }

  /// A reader told how far it has come, about every `partSize` bytes, at the end of a table's
  /// entries: positions that rise, never past the bytes, and the same value read.
  @Test func aReaderIsToldHowFarItHasCome() throws {
    let tables = Dictionary(uniqueKeysWithValues: (0..<50).map { ("c\($0)", Dictionary(uniqueKeysWithValues: (0..<20).map { ("k\($0)", $0) })) })
    let bytes = try BinaryEncoder().encode(tables)
    var told: [Int] = []
    let read = try bytes.withUnsafeBytes { buffer in
      try BinaryDecoder().decode(from: buffer, partSize: 64, read: { told.append($0) }) {
        try $0.field(general: [String: [String: Int]].self)
      }
    }
    #expect(read == tables)
    #expect(told.count > 10)
    #expect(zip(told, told.dropFirst()).allSatisfy { $1 - $0 >= 64 })
    #expect(told.allSatisfy { $0 <= bytes.count })
  }

  @Test func readsBackWhatItWrote() throws {
    let bytes = try BinaryEncoder().encode(Self.sample)
    #expect(try BinaryDecoder().decode(Sample.self, from: bytes) == Self.sample)
  }

  @Test func refusesEveryTruncationAndTrailingBytes() throws {
    let bytes = try BinaryEncoder().encode(Self.sample)
    for length in 0..<bytes.count {
      #expect(throws: (any Error).self) { try BinaryDecoder().decode(Sample.self, from: Array(bytes[..<length])) }
    }
    #expect(throws: (any Error).self) { try BinaryDecoder().decode(Sample.self, from: bytes + [0]) }
  }

  @Test func aDamagedByteNeverCrashesTheReader() throws {
    let bytes = try BinaryEncoder().encode(Self.sample)
    var random = SplitMix64(seed: 77)
    for _ in 0..<2_000 {
      var damaged = bytes
      damaged[Int(random.next() % UInt64(bytes.count))] ^= UInt8(1 + random.next() % 255)
      _ = try? BinaryDecoder().decode(Sample.self, from: damaged)
    }
  }

  /// The containers read strings, integers and flags past the generic path; a nil slot where
  /// one of them is expected is still an error, in a struct, a list and a dictionary key.
  @Test func aNilSlotWhereAValueIsExpectedIsAnError() throws {
    struct Optionals: Codable { var text: String?; var number: Int?; var flag: Bool?; var list: [String?] }
    struct Required: Codable { var text: String; var number: Int; var flag: Bool; var list: [String] }
    let whole = try BinaryEncoder().encode(Optionals(text: "a", number: 1, flag: true, list: ["b"]))
    let read = try BinaryDecoder().decode(Required.self, from: whole)
    #expect(read.text == "a" && read.number == 1 && read.flag && read.list == ["b"])
    for holed in [
      Optionals(text: nil, number: 1, flag: true, list: []), Optionals(text: "a", number: nil, flag: true, list: []),
      Optionals(text: "a", number: 1, flag: nil, list: []), Optionals(text: "a", number: 1, flag: true, list: [nil]),
    ] {
      let bytes = try BinaryEncoder().encode(holed)
      #expect(throws: BinaryDecodingError.self) { try BinaryDecoder().decode(Required.self, from: bytes) }
    }
    let nilKey = try BinaryEncoder().encode([String?.none: 1])
    #expect(throws: BinaryDecodingError.self) { try BinaryDecoder().decode([String: Int].self, from: nilKey) }
  }
}
