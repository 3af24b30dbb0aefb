import ClaimsDomain
import ClaimsJournal

/// Why a ruleset file cannot be used: which file, which member, and what is wrong.
public struct RulesetError: Error, Equatable, Sendable, CustomStringConvertible {
  public let file: String
  public let reason: String
  public var description: String { "ruleset \(file): \(reason)" }
}

extension Ruleset {
  /// Reads a ruleset from the exact bytes of its file (Journal/rules/README.md).
  public init(file: String, bytes: [UInt8]) throws(RulesetError) {
    func fail(_ reason: String) -> RulesetError { RulesetError(file: file, reason: reason) }
    let root: JSONObject
    do {
      guard case .object(let object) = try JSONParser.parse(bytes) else { throw fail("not an object") }
      root = object
    } catch let error as RulesetError { throw error } catch { throw fail("not JSON: \(error)") }
    let reader = RuleReader(object: root, file: file, path: "")
    id = try reader.string("id")
    region = try reader.string("region")
    from = try reader.date("from")
    until = try reader.optionalDate("until")
    guard let kind = Kind(rawValue: try reader.string("kind")) else { throw fail("unknown kind") }
    self.kind = kind
    let document = try reader.object("document")
    if let number = try document.optionalString("number") {
      self.document = number
    } else {
      self.document = try document.string("title")
    }
    sha256 = SHA256.hash(bytes).hex
    catalog = try reader.list("catalog").map { row throws(RulesetError) in
      CatalogRow(
        category: try row.code("category"), code: try row.optionalString("code"),
        name: try row.string("name"), klass: try row.optionalString("class"),
        reference: try row.string("reference"))
    }
    catalogIndex = Self.index(catalog)
    standards = try reader.optionalList("standards").map { row throws(RulesetError) in
      Standard(
        category: try row.code("category"), level: try row.optionalCode("level"),
        klass: try row.optionalString("class"), item: try row.optionalString("item"),
        label: try row.string("label"), hours: try row.int("hours"), amount: try row.money("amount"),
        reference: try row.string("reference"))
    }
    var parameters: [String: Parameter] = [:]
    if let object = root["parameters"] {
      guard case .object(let members) = object else { throw fail("parameters must be an object") }
      for (name, value) in members.fields {
        guard case .object = value else { throw fail("parameter \(name) must be an object") }
        let entry = try reader.object("parameters").object(name)
        guard let parameterValue = entry.object["value"] else { throw fail("parameter \(name) has no value") }
        parameters[name] = Parameter(
          value: parameterValue, unit: try entry.optionalString("unit"),
          basis: try entry.optionalString("basis"), reference: try entry.string("reference"))
      }
    }
    self.parameters = Parameters(byName: parameters)
    plans = try reader.optionalList("plans").map { row throws(RulesetError) in
      PlanTarget(
        region: try row.string("region"), unit: try row.optionalString("unit"),
        yearFrom: try row.int("year_from"), yearTo: try row.int("year_to"),
        program: try row.string("program"), target: try row.int("target"),
        total: try row.bool("total"), reference: try row.string("reference"))
    }
  }
}

/// Typed reads from a ruleset's JSON, each failure naming the member.
struct RuleReader {
  let object: JSONObject
  let file: String
  let path: String

  func fail(_ key: String, _ reason: String) -> RulesetError {
    RulesetError(file: file, reason: "\(path)\(key) \(reason)")
  }

  func value(_ key: String) throws(RulesetError) -> JSONValue {
    guard let value = object[key] else { throw fail(key, "is missing") }
    return value
  }

  func string(_ key: String) throws(RulesetError) -> String {
    guard case .string(let text) = try value(key) else { throw fail(key, "must be a string") }
    return text
  }

  func optionalString(_ key: String) throws(RulesetError) -> String? {
    guard let value = object[key], value != .null else { return nil }
    guard case .string(let text) = value else { throw fail(key, "must be a string or null") }
    return text
  }

  func int(_ key: String) throws(RulesetError) -> Int {
    guard case .number(let text) = try value(key), let number = Int(text) else {
      throw fail(key, "must be a whole number")
    }
    return number
  }

  func bool(_ key: String) throws(RulesetError) -> Bool {
    guard case .bool(let flag) = try value(key) else { throw fail(key, "must be true or false") }
    return flag
  }

  func money(_ key: String) throws(RulesetError) -> Money {
    guard let money = Money(decimal: try string(key)) else {
      throw fail(key, "must be an amount of yuan as a decimal string")
    }
    return money
  }

  func date(_ key: String) throws(RulesetError) -> CivilDate {
    guard let date = CivilDate(try string(key)) else { throw fail(key, "must be a date YYYY-MM-DD") }
    return date
  }

  func optionalDate(_ key: String) throws(RulesetError) -> CivilDate? {
    guard let text = try optionalString(key) else { return nil }
    guard let date = CivilDate(text) else { throw fail(key, "must be a date YYYY-MM-DD") }
    return date
  }

  func code<Code: RawRepresentable>(_ key: String) throws(RulesetError) -> Code
  where Code.RawValue == String {
    guard let code = Code(rawValue: try string(key)) else { throw fail(key, "has an unknown code") }
    return code
  }

  func optionalCode<Code: RawRepresentable>(_ key: String) throws(RulesetError) -> Code?
  where Code.RawValue == String {
    guard let text = try optionalString(key) else { return nil }
    guard let code = Code(rawValue: text) else { throw fail(key, "has an unknown code") }
    return code
  }

  func object(_ key: String) throws(RulesetError) -> RuleReader {
    guard case .object(let member) = try value(key) else { throw fail(key, "must be an object") }
    return RuleReader(object: member, file: file, path: "\(path)\(key).")
  }

  func list(_ key: String) throws(RulesetError) -> [RuleReader] {
    guard case .array(let elements) = try value(key) else { throw fail(key, "must be a list") }
    var rows: [RuleReader] = []
    for (index, element) in elements.enumerated() {
      guard case .object(let row) = element else { throw fail(key, "must hold objects") }
      rows.append(RuleReader(object: row, file: file, path: "\(path)\(key)[\(index + 1)]."))
    }
    return rows
  }

  func optionalList(_ key: String) throws(RulesetError) -> [RuleReader] {
    object[key] == nil ? [] : try list(key)
  }
}
