import ClaimsDomain
import Testing

@Suite struct CivilDateTests {
  @Test func parsesAndPrintsCalendarDates() {
    #expect(CivilDate("2024-02-29")?.description == "2024-02-29")
    #expect(CivilDate("2024-09-01") == CivilDate(year: 2024, month: 9, day: 1))
  }

  @Test(arguments: ["2023-02-29", "2024-13-01", "2024-04-31", "2024-9-1", "20240901", "2024-09-01Z"])
  func refusesImpossibleOrMisshapenDates(text: String) {
    #expect(CivilDate(text) == nil)
  }

  @Test func countsDaysAcrossCenturiesBothWays() {
    var previous: CivilDate?
    for days in stride(from: -800_000, through: 800_000, by: 997) {
      let date = CivilDate(daysSinceEpoch: days)
      #expect(date.daysSinceEpoch == days)
      // Dates compare as days do, before year 1 too (they are kept as one packed word).
      if let previous { #expect(previous < date && date > previous && previous != date) }
      #expect(CivilDate(year: date.year, month: date.month, day: date.day) == (date.year >= 1 ? date : nil))
      previous = date
    }
    #expect(CivilDate("1970-01-01")!.daysSinceEpoch == 0)
    #expect(CivilDate("2000-03-01")!.daysSinceEpoch == 11_017)
  }

  @Test func knowsTheWeekday() {
    #expect(CivilDate("2024-09-02")!.isoWeekday == 1)  // a Monday
    #expect(CivilDate("2024-09-08")!.isoWeekday == 7)  // a Sunday
    #expect(CivilDate("1970-01-01")!.isoWeekday == 4)  // a Thursday
  }
}
