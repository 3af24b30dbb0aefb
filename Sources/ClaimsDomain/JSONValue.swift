/// A parsed JSON value. Numbers keep their source text, so that the ledger decides how each
/// field is read (an integer count, never money) and nothing passes through floating point.
public enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  case number(String)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  /// The name of the kind of value, for error messages.
  public var kindName: String {
    switch self {
    case .null: "null"
    case .bool: "true/false"
    case .number: "a number"
    case .string: "a string"
    case .array: "a list"
    case .object: "an object"
    }
  }
}

/// A JSON object with its fields in source order. Duplicate keys are refused by the parser.
public struct JSONObject: Equatable, Sendable {
  public var fields: [(key: String, value: JSONValue)]

  public init(_ fields: [(key: String, value: JSONValue)] = []) { self.fields = fields }

  public subscript(key: String) -> JSONValue? {
    for field in fields where field.key == key { return field.value }
    return nil
  }

  public mutating func append(_ key: String, _ value: JSONValue) {
    fields.append((key, value))
  }

  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    lhs.fields.count == rhs.fields.count
      && zip(lhs.fields, rhs.fields).allSatisfy { $0.key == $1.key && $0.value == $1.value }
  }
}
