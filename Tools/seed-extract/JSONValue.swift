/// An ordered JSON value.
///
/// Foundation's `JSONSerialization` forgets the order of object members, and the ruleset files
/// are read by people as well as programs: the tool must rewrite a file's catalog while keeping
/// every hand-written member where its author put it. Numbers keep their literal text, so a file
/// round-trips byte for byte and no value ever passes through floating point.
enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  /// The number exactly as written in the source, e.g. `"240"`.
  case number(String)
  case string(String)
  case array([JSONValue])
  /// Members in source order; keys are unique (the parser refuses duplicates).
  case object([(String, JSONValue)])

  static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.array(let a), .array(let b)): return a == b
    case (.object(let a), .object(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: return false
    }
  }

  /// An integer value, written without a decimal point.
  static func int(_ value: Int) -> JSONValue { .number(String(value)) }

  /// A string, or `null` when the value is absent.
  static func optionalString(_ value: String?) -> JSONValue {
    value.map { .string($0) } ?? .null
  }

  /// The member named `key` of an object, or nil.
  subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.0 == key }?.1
  }

  /// The string payload, or nil for any other kind of value.
  var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The integer payload of a number written as an integer, or nil.
  var intValue: Int? {
    if case .number(let s) = self { return Int(s) }
    return nil
  }

  /// The elements of an array, or nil.
  var arrayValue: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  /// The members of an object, or nil.
  var objectMembers: [(String, JSONValue)]? {
    if case .object(let m) = self { return m }
    return nil
  }

  /// A copy of this object with `key` set to `value`, in place if present, else appended.
  func setting(_ key: String, to value: JSONValue) -> JSONValue {
    guard case .object(var members) = self else { return self }
    if let index = members.firstIndex(where: { $0.0 == key }) {
      members[index].1 = value
    } else {
      members.append((key, value))
    }
    return .object(members)
  }
}
