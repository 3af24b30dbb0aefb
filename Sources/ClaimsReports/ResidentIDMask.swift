/// SPEC §2: output for people never shows a resident ID number whole. Tables and the HTML
/// report pass all their text through here, so a number that reaches a detail or a free-text
/// field (a payee, a reason) is masked too, not only the fields typed as IDs.
public enum ResidentIDMask {
  /// Replaces every run of exactly 18 ASCII letters and digits shaped like a resident ID (17
  /// digits and a digit or X) with its masked form `370102********123X`. The check character is
  /// not required: a mistyped number is masked too. Runs inside longer words (a SHA-256) are
  /// left alone.
  public static func apply(_ raw: String) -> String {
    // Word characters are ASCII, so runs are found in the UTF-8 bytes; most cells hold no
    // resident ID and come back as they are, with no copy.
    var utf8 = Array(raw.utf8)
    var masked = false
    var index = 0
    while index < utf8.count {
      guard isWordByte(utf8[index]) else {
        index += 1
        continue
      }
      var end = index
      while end < utf8.count, isWordByte(utf8[end]) { end += 1 }
      if looksLikeResidentID(utf8[index..<end]) {
        for position in index + 6..<index + 14 { utf8[position] = UInt8(ascii: "*") }
        masked = true
      }
      index = end
    }
    return masked ? String(decoding: utf8, as: UTF8.self) : raw
  }

  static func isWordByte(_ byte: UInt8) -> Bool {
    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
  }

  static func looksLikeResidentID(_ run: ArraySlice<UInt8>) -> Bool {
    guard run.count == 18, let last = run.last else { return false }
    return run.dropLast().allSatisfy { (0x30...0x39).contains($0) }
      && ((0x30...0x39).contains(last) || last == UInt8(ascii: "X") || last == UInt8(ascii: "x"))
  }
}
