import ClaimsDomain

/// Readers for the checks on ruleset files. The tool itself only builds and prints values, so
/// these live with the tests rather than widen the tool's extension of ClaimsDomain's type.
extension JSONValue {
  /// The member named `key` of an object, or nil.
  subscript(key: String) -> JSONValue? {
    guard case .object(let object) = self else { return nil }
    return object[key]
  }

  var stringValue: String? {
    guard case .string(let text) = self else { return nil }
    return text
  }

  /// The value of a number written as an integer, or nil.
  var intValue: Int? {
    guard case .number(let literal) = self else { return nil }
    return Int(literal)
  }

  var arrayValue: [JSONValue]? {
    guard case .array(let elements) = self else { return nil }
    return elements
  }

  var objectMembers: [(key: String, value: JSONValue)]? {
    guard case .object(let object) = self else { return nil }
    return object.fields
  }
}
