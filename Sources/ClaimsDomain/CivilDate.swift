/// A calendar date (`YYYY-MM-DD`) in China Standard Time, with no time of day and no zone.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Year, month and day in one word (`(year + bias) << 9 | month << 5 | day`, in that order so
  /// that words compare as dates): four bytes a date in the state's millions of facts, and one
  /// comparison or hash where there were three.
  let packed: UInt32
  /// Years from −2^22 to 2^22 − 1: the proleptic calendar's arithmetic reaches before year 1.
  static let yearBias = 1 << 22

  public var year: Int { Int(packed >> 9) - Self.yearBias }
  public var month: Int { Int((packed >> 5) & 0xF) }
  public var day: Int { Int(packed & 0x1F) }

  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...CivilDate.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.init(valid: year, month, day)
  }

  init(valid year: Int, _ month: Int, _ day: Int) {
    // Dates are read as four-digit years; only arithmetic millions of years from them could
    // leave this range.
    precondition(abs(year) < Self.yearBias, "a year beyond the calendar the ledger keeps")
    packed = UInt32(year + Self.yearBias) << 9 | UInt32(month) << 5 | UInt32(day)
  }

  /// Parses exactly `YYYY-MM-DD`; refuses impossible dates such as 2023-02-29.
  public init?(_ text: some StringProtocol) {
    var text = String(text)
    guard let date = text.withUTF8({ Self(utf8: UnsafeRawBufferPointer($0)) }) else { return nil }
    self = date
  }

  /// The same, straight from UTF-8 bytes (the journal decoder's path).
  public init?(utf8 bytes: UnsafeRawBufferPointer) {
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let year = Self.digits(bytes, 0, 4), let month = Self.digits(bytes, 5, 2),
      let day = Self.digits(bytes, 8, 2)
    else { return nil }
    self.init(year: year, month: month, day: day)
  }

  /// Days since 1970-01-01 (negative before), by Howard Hinnant's civil-from-days algorithm.
  public var daysSinceEpoch: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146097 + dayOfEra - 719468
  }

  public init(daysSinceEpoch days: Int) {
    let z = days + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let dayOfEra = z - era * 146097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    self.init(valid: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// The days a journal's dates can name (years 1 to 9999, as they are read), by
  /// `daysSinceEpoch`: what a saved day must fall within.
  public static let journalDays = CivilDate(year: 1, month: 1, day: 1)!.daysSinceEpoch...CivilDate(year: 9999, month: 12, day: 31)!.daysSinceEpoch

  /// 1 = Monday … 7 = Sunday (ISO 8601).
  public var isoWeekday: Int {
    let weekday = (daysSinceEpoch + 3) % 7  // 1970-01-01 was a Thursday
    return (weekday < 0 ? weekday + 7 : weekday) + 1
  }

  public func adding(days: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

  public var description: String {
    let y = String(year)
    return String(repeating: "0", count: 4 - y.count) + y + "-" + Self.twoDigits(month) + "-"
      + Self.twoDigits(day)
  }

  public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool { lhs.packed < rhs.packed }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

  static func digits(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> Int? {
    var value = 0
    for index in start..<(start + count) {
      let digit = bytes[index] &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      value = value * 10 + Int(digit)
    }
    return value
  }
}
