import ClaimsDomain
import Testing

@Suite struct TimestampTests {
  @Test func roundTripsTheJournalForm() {
    let text = "2024-09-02T08:15:30.123Z"
    #expect(Timestamp(text)?.description == text)
    #expect(Timestamp("1970-01-01T00:00:01.000Z")?.milliseconds == 1000)
  }

  @Test(arguments: [
    "2024-09-02T08:15:30Z", "2024-09-02 08:15:30.123Z", "2024-09-02T24:00:00.000Z",
    "2024-09-02T08:15:30.123+08:00", "2024-02-30T00:00:00.000Z",
  ])
  func refusesOtherForms(text: String) {
    #expect(Timestamp(text) == nil)
  }

  @Test func chinaDateTurnsAtSixteenHundredUTC() {
    #expect(Timestamp("2024-09-01T15:59:59.999Z")!.chinaDate.description == "2024-09-01")
    #expect(Timestamp("2024-09-01T16:00:00.000Z")!.chinaDate.description == "2024-09-02")
    #expect(Timestamp("2024-12-31T16:00:00.000Z")!.chinaDate.description == "2025-01-01")
  }
}
