/// SPEC §2: output for people never shows a resident ID number whole. Tables and the HTML
/// report pass all their text through here, so a number that reaches a detail or a free-text
/// field (a payee, a reason) is masked too, not only the fields typed as IDs.
public enum ResidentIDMask {
  /// Replaces every run of exactly 18 ASCII letters and digits shaped like a resident ID (17
  /// digits and a digit or X) with its masked form `370102********123X`. The check character is
  /// not required: a mistyped number is masked too. Runs inside longer words (a SHA-256) are
  /// left alone.
  public static func apply(_ raw: String) -> String {
    let scalars = Array(raw.unicodeScalars)
    var out = String.UnicodeScalarView()
    var index = 0
    while index < scalars.count {
      guard isWordScalar(scalars[index]) else {
        out.append(scalars[index])
        index += 1
        continue
      }
      var end = index
      while end < scalars.count, isWordScalar(scalars[end]) { end += 1 }
      let run = scalars[index..<end]
      if looksLikeResidentID(run) {
        out.append(contentsOf: run.prefix(6))
        out.append(contentsOf: String(repeating: "*", count: 8).unicodeScalars)
        out.append(contentsOf: run.suffix(4))
      } else {
        out.append(contentsOf: run)
      }
      index = end
    }
    return String(out)
  }

  static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII
      && (("0"..."9").contains(scalar) || ("a"..."z").contains(scalar)
        || ("A"..."Z").contains(scalar))
  }

  static func looksLikeResidentID(_ run: ArraySlice<Unicode.Scalar>) -> Bool {
    guard run.count == 18, let last = run.last else { return false }
    return run.dropLast().allSatisfy { ("0"..."9").contains($0) }
      && (("0"..."9").contains(last) || last == "X" || last == "x")
  }
}
