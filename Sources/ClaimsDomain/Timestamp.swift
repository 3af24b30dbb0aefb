/// A record timestamp in UTC with millisecond precision: `YYYY-MM-DDTHH:MM:SS.sssZ`.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Milliseconds since 1970-01-01T00:00:00Z.
  public let milliseconds: Int64

  public init(milliseconds: Int64) { self.milliseconds = milliseconds }

  /// Parses exactly `YYYY-MM-DDTHH:MM:SS.sssZ`, the only form the journal writes.
  public init?(_ text: some StringProtocol) {
    var text = String(text)
    guard let parsed = text.withUTF8({ Timestamp(utf8: UnsafeRawBufferPointer($0)) }) else {
      return nil
    }
    self = parsed
  }

  /// Parses the 24 bytes of a timestamp without allocating: the journal decoder's path.
  public init?(utf8 b: UnsafeRawBufferPointer) {
    guard b.count == 24, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A,
      b[19] == 0x2E, b[23] == 0x5A,
      let year = Self.number(b, 0, 4), let month = Self.number(b, 5, 2),
      let day = Self.number(b, 8, 2), let hour = Self.number(b, 11, 2),
      let minute = Self.number(b, 14, 2), let second = Self.number(b, 17, 2),
      let millis = Self.number(b, 20, 3), hour < 24, minute < 60, second < 60,
      let date = CivilDate(year: year, month: month, day: day)
    else { return nil }
    let seconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    self.milliseconds = seconds * 1000 + Int64(millis)
  }

  @inline(__always)
  static func number(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> Int? {
    var value = 0
    for index in start..<(start + count) {
      let digit = bytes[index] &- 0x30
      guard digit < 10 else { return nil }
      value = value * 10 + Int(digit)
    }
    return value
  }

  /// The UTC calendar date and time of day.
  var utcParts: (date: CivilDate, millisOfDay: Int64) {
    let days = milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000
    return (CivilDate(daysSinceEpoch: Int(days)), milliseconds - days * 86_400_000)
  }

  /// The calendar date in China Standard Time (UTC+8, no daylight saving since 1991).
  public var chinaDate: CivilDate {
    Timestamp(milliseconds: milliseconds + 8 * 3_600_000).utcParts.date
  }

  public var description: String {
    let (date, millisOfDay) = utcParts
    let hour = Int(millisOfDay / 3_600_000)
    let minute = Int(millisOfDay / 60_000 % 60)
    let second = Int(millisOfDay / 1000 % 60)
    let millis = Int(millisOfDay % 1000)
    let ms = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : String(millis)
    return "\(date)T\(CivilDate.twoDigits(hour)):\(CivilDate.twoDigits(minute)):"
      + "\(CivilDate.twoDigits(second)).\(ms)Z"
  }

  /// A form fit for file names: `20261123T081500123Z`.
  public var compactString: String {
    description.filter { $0 != "-" && $0 != ":" && $0 != "." }
  }

  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
    lhs.milliseconds < rhs.milliseconds
  }
}
