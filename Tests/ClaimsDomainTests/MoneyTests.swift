import ClaimsDomain
import Testing

@Suite struct MoneyTests {
  @Test(arguments: [
    ("600", 60_000), ("1152.00", 115_200), ("0.5", 50), ("0.05", 5), ("0", 0), ("12345.67", 1_234_567),
  ])
  func parsesDecimalYuanIntoFen(text: String, fen: Int64) {
    #expect(Money(decimal: text)?.fen == fen)
  }

  @Test(arguments: ["", "1.234", "-5", "+5", "1e3", "007", "1.", ".5", "1,000", " 1", "¥1", "1.2.3"])
  func refusesAnythingButPlainDecimalYuan(text: String) {
    #expect(Money(decimal: text) == nil)
  }

  @Test func writesTwoDecimalsForTheJournal() {
    #expect(Money(fen: 60_000).decimalString == "600.00")
    #expect(Money(fen: 5).decimalString == "0.05")
    #expect(Money(fen: -150).decimalString == "-1.50")
  }

  @Test func writesYuanWithThousandsSeparatorsForPeople() {
    #expect(Money(fen: 123_450).displayString == "¥1,234.50")
    #expect(Money(fen: 100_000_000).displayString == "¥1,000,000.00")
    #expect(Money(fen: 99).displayString == "¥0.99")
  }
}
