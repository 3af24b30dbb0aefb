import ClaimsDomain

/// A ratio of whole numbers, so that no rule ever passes through floating point.
public struct Ratio: Sendable, Equatable, CustomStringConvertible {
  public let numerator: Int
  public let denominator: Int

  public init(_ numerator: Int, _ denominator: Int) {
    precondition(denominator > 0, "a ratio needs a positive denominator")
    (self.numerator, self.denominator) = (numerator, denominator)
  }

  /// Whether `part / whole ≥ self`, exactly: part × denominator ≥ whole × numerator.
  public func isReached(by part: Int, of whole: Int) -> Bool {
    part * denominator >= whole * numerator
  }

  public var description: String {
    denominator == 100 ? "\(numerator) %" : "\(numerator)/\(denominator)"
  }
}

/// A named rule value with its basis and clause reference (Journal/rules/README.md).
public struct Parameter: Sendable, Equatable {
  public let value: JSONValue
  public let unit: String?
  public let basis: String?
  public let reference: String
}

/// A ruleset's parameters by name, with typed reads. A parameter that a rule needs and the
/// ruleset lacks means the rule does not apply under that ruleset.
public struct Parameters: Sendable, Equatable {
  public let byName: [String: Parameter]

  public subscript(name: String) -> Parameter? { byName[name] }

  public func int(_ name: String) -> Int? {
    guard case .number(let text)? = byName[name]?.value else { return nil }
    return Int(text)
  }

  public func flag(_ name: String) -> Bool {
    if case .bool(true)? = byName[name]?.value { return true }
    return false
  }

  public func string(_ name: String) -> String? {
    guard case .string(let text)? = byName[name]?.value else { return nil }
    return text
  }

  public func money(_ name: String) -> Money? { string(name).flatMap { Money(decimal: $0) } }

  public func strings(_ name: String) -> [String]? {
    guard case .array(let values)? = byName[name]?.value else { return nil }
    return values.compactMap { if case .string(let text) = $0 { text } else { nil } }
  }

  public func ratio(_ name: String) -> Ratio? {
    guard case .object(let object)? = byName[name]?.value,
      case .number(let n)? = object["numerator"], case .number(let d)? = object["denominator"],
      let numerator = Int(n), let denominator = Int(d), denominator > 0
    else { return nil }
    return Ratio(numerator, denominator)
  }

  /// A map of whole numbers, such as hours caps by class `{"A": 240, …}`.
  public func intMap(_ name: String) -> [String: Int]? {
    guard case .object(let object)? = byName[name]?.value else { return nil }
    var map: [String: Int] = [:]
    for (key, value) in object.fields {
      guard case .number(let text) = value, let number = Int(text) else { return nil }
      map[key] = number
    }
    return map
  }

  public func reference(_ name: String) -> String? { byName[name]?.reference }
}
