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
}
