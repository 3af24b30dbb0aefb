import ClaimsDomain

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .number(String(value)) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

/// One input event as a JSON line: the common fields, then `fields` in order. A field given the
/// value `.null` is left out, so a test can drop a default.
public func eventLine(
  _ type: String, id: String, date: String, actor: String, _ fields: [(String, JSONValue)]
) -> String {
  var object = JSONObject()
  object.append("type", .string(type))
  object.append("id", .string(id))
  object.append("date", .string(date))
  object.append("actor", .string(actor))
  for (key, value) in fields where value != .null { object.append(key, value) }
  return JSONWriter.string(.object(object))
}

/// Replaces or adds fields of a JSON line (`.null` removes one); for building bad input.
public func editedLine(_ line: String, _ changes: [(String, JSONValue)]) -> String {
  guard case .object(var object) = try! JSONParser.parse(line) else { fatalError("not an object") }
  for (key, value) in changes {
    if let index = object.fields.firstIndex(where: { $0.key == key }) {
      if value == .null { object.fields.remove(at: index) } else { object.fields[index].value = value }
    } else if value != .null {
      object.append(key, value)
    }
  }
  return JSONWriter.string(.object(object))
}
