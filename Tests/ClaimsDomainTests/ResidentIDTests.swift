import ClaimsDomain
import Testing

@Suite struct ResidentIDTests {
  /// GB 11643-1999's published example and numbers whose check characters cover 0-9 and X.
  @Test(arguments: ["11010519491231002X", "371502199001011234", "220102199505054566"])
  func acceptsNumbersWhoseCheckCharacterIsRight(text: String) {
    #expect(ResidentID(text)?.value == text)
  }

  @Test func refusesAWrongCheckCharacter() {
    #expect(ResidentID("371502199001011235") == nil)
    #expect(ResidentID("110105194912310021") == nil)
  }

  @Test func refusesLowerCaseXWrongLengthAndLetters() {
    #expect(ResidentID("11010519491231002x") == nil)
    #expect(ResidentID("37150219900101123") == nil)
    #expect(ResidentID("3715021990010112345") == nil)
    #expect(ResidentID("3715021990A1011234") == nil)
  }

  @Test func everyCheckCharacterItComputesIsAccepted() {
    for n in 0..<500 {
      let body = String(37_150_219_900_101_000 + n * 7919)
      let check = ResidentID.checkCharacter(for: body)!
      #expect(ResidentID(body + String(check)) != nil)
      let wrong: Character = check == "0" ? "1" : "0"
      #expect(ResidentID(body + String(wrong)) == nil)
    }
  }

  @Test func masksTheMiddleForPeople() {
    #expect(ResidentID("11010519491231002X")!.masked == "110105********002X")
  }

  /// The reader works on words; it must accept and read exactly what a plain byte loop over
  /// GB 11643's rule does, on random numbers, all-but-valid ones and stray bytes.
  @Test func readsExactlyWhatTheByteByByteRuleReads() {
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    func reference(_ bytes: [UInt8]) -> UInt64? {
      guard bytes.count == 18 else { return nil }
      var (sum, value): (Int, UInt64) = (0, 0)
      for index in 0..<17 {
        guard (0x30...0x39).contains(bytes[index]) else { return nil }
        sum += Int(bytes[index] - 0x30) * weights[index]
        value = value * 10 + UInt64(bytes[index] - 0x30)
      }
      return bytes[17] == Array("0123456789X".utf8)[(12 - sum % 11) % 11] ? value : nil
    }
    var random = SplitMix64(seed: 11643)
    var accepted = 0
    for round in 0..<200_000 {
      var bytes = (0..<18).map { _ in UInt8(0x30 + random.next() % 10) }
      if round % 3 == 0 { bytes[17] = UInt8(ascii: "X") }
      if round % 5 == 0 { bytes[Int(random.next() % 18)] = UInt8(truncatingIfNeeded: random.next()) }
      if round % 7 == 0, let check = ResidentID.checkCharacter(for: String(decoding: bytes[..<17], as: UTF8.self)) {
        bytes[17] = check.asciiValue!
      }
      let read = bytes.withUnsafeBytes { ResidentID(utf8: $0) }
      let expected = reference(bytes)
      #expect(read.map { UInt64($0.value.prefix(17))! } == expected, "\(bytes)")
      if read != nil { accepted += 1 }
    }
    #expect(accepted > 10_000)
  }

  /// Sets and dictionaries of IDs hash them with a mixer of their own (`_rawHashValue`): equal
  /// IDs must land together and distinct ones apart, in tables of every size.
  @Test func setsAndDictionariesOfIDsFindEveryIDAndNoOther() {
    let ids = (0..<20_000).compactMap { n -> ResidentID? in
      let body = String(37_150_219_900_101_000 + n * 104_729)
      return ResidentID(body + String(ResidentID.checkCharacter(for: body)!))
    }
    #expect(ids.count == 20_000)
    let set = Set(ids)
    #expect(set.count == ids.count)
    var byID: [ResidentID: Int] = [:]
    for (place, id) in ids.enumerated() { byID[id] = place }
    #expect(ids.enumerated().allSatisfy { byID[$1] == $0 && set.contains($1) })
    let absent = ResidentID("11010519491231002X")!
    #expect(!set.contains(absent) && byID[absent] == nil)
    // Sequential numbers spread over the buckets: the mixer's low bits are not the ID's.
    let buckets = Set(ids.map { $0._rawHashValue(seed: 0) & 1023 })
    #expect(buckets.count > 1000)
  }
}
