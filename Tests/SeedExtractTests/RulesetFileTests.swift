import ClaimsDomain
import Foundation
import Testing

@testable import seed_extract

/// Checks of the shipped ruleset files that need no seeds.
struct RulesetFileTests {
  static let categories: Set<String> = [
    "green", "urgent", "general", "manufacturing", "special-ability", "featured",
    "entrepreneurship", "project",
  ]
  static let regions: Set<String> = ["liaocheng", "changchun", "jinan"]

  @Test(arguments: RulesetID.allCases)
  func fileParsesWithFoundationAndWithTheOrderedParser(_ id: RulesetID) throws {
    let url = TestPaths.rules.appendingPathComponent(id.fileName)
    let data = try Data(contentsOf: url)
    #expect(try JSONSerialization.jsonObject(with: data) is [String: Any])
    let text = try #require(String(data: data, encoding: .utf8))
    let file = try JSONParser.parse(text)
    // Deterministic layout: the file is exactly its canonical text.
    #expect(file.canonicalText() == text)
  }

  @Test(arguments: RulesetID.allCases)
  func headerIsComplete(_ id: RulesetID) throws {
    let file = try TestPaths.ruleset(id)
    #expect(file["id"] == .string(id.rawValue))
    #expect(Self.regions.contains(file["region"]?.stringValue ?? ""))
    #expect(isDate(file["from"]))
    #expect(file["until"] == .null || isDate(file["until"]))
    #expect(["catalog", "plan"].contains(file["kind"]?.stringValue ?? ""))
    #expect(nonEmpty(file["status"]))
    #expect(nonEmpty(file["document"]?["title"]))
    for key in ["catalog", "standards", "plans"] {
      #expect(file[key]?.arrayValue != nil, "\(id) \(key)")
    }
    #expect(file["parameters"]?.objectMembers != nil)
  }

  /// Money is a decimal string of yuan with at most two decimals, wherever it appears; and no
  /// number in any file has a fraction or exponent (ratios are integer pairs).
  @Test(arguments: RulesetID.allCases)
  func amountsAreDecimalStringsAndNoNumberIsFractional(_ id: RulesetID) throws {
    let file = try TestPaths.ruleset(id)
    for standard in file["standards"]?.arrayValue ?? [] {
      #expect(isMoney(standard["amount"]), "\(id) \(standard.compactText())")
    }
    for (name, parameter) in file["parameters"]?.objectMembers ?? [] {
      let unit = parameter["unit"]?.stringValue ?? ""
      if unit.hasPrefix("yuan") {
        #expect(leaves(parameter["value"] ?? .null).allSatisfy(isMoney), "\(id) \(name)")
      }
      if unit == "ratio", let ratio = parameter["value"] {
        #expect((ratio["numerator"]?.intValue ?? -1) >= 0, "\(id) \(name)")
        #expect((ratio["denominator"]?.intValue ?? 0) > 0, "\(id) \(name)")
      }
    }
    var numbers: [String] = []
    var amounts: [JSONValue] = []
    walk(file, numbers: &numbers, amounts: &amounts)
    #expect(numbers.allSatisfy { Int($0) != nil }, "\(id): \(numbers.filter { Int($0) == nil })")
    #expect(amounts.allSatisfy(isMoney), "\(id): \(amounts.map { $0.compactText() })")
  }

  @Test(arguments: RulesetID.allCases)
  func everyRowHasAReference(_ id: RulesetID) throws {
    let file = try TestPaths.ruleset(id)
    for key in ["catalog", "standards", "plans"] {
      for row in file[key]?.arrayValue ?? [] {
        #expect(nonEmpty(row["reference"]), "\(id) \(row.compactText())")
      }
    }
    for (name, parameter) in file["parameters"]?.objectMembers ?? [] {
      #expect(nonEmpty(parameter["reference"]), "\(id) \(name)")
      #expect(["seed", "interpretation"].contains(parameter["basis"]?.stringValue ?? ""))
    }
  }

  @Test(arguments: RulesetID.allCases)
  func catalogRowsAreWellFormedAndCodesUniquePerCatalogue(_ id: RulesetID) throws {
    var seen: Set<String> = []
    for row in try TestPaths.ruleset(id)["catalog"]?.arrayValue ?? [] {
      let category = row["category"]?.stringValue ?? ""
      #expect(Self.categories.contains(category), "\(id) \(row.compactText())")
      #expect(nonEmpty(row["name"]))
      if let code = row["code"]?.stringValue {
        #expect(isOccupationCode(code), "\(id) \(code)")
        #expect(seen.insert(category + " " + code).inserted, "\(id): \(category) \(code) twice")
      } else {
        #expect(row["code"] == .null)
      }
      let rowClass = row["class"]?.stringValue
      switch category {
      case "urgent" where id != .jn2023, "project" where id == .cc2024:
        #expect(["A", "B", "C"].contains(rowClass ?? ""), "\(id) \(row.compactText())")
      case "special-ability":
        #expect(LiaochengCatalog.specialAbilityClasses.contains(rowClass ?? ""))
      default:
        #expect(rowClass == nil, "\(id) \(row.compactText())")
      }
    }
  }

  /// Each LC-2024 catalogue row finds its standard: by level, by class or by item.
  @Test func everyLiaochengRowHasAStandard() throws {
    let file = try TestPaths.ruleset(.lc2024)
    let standards = file["standards"]?.arrayValue ?? []
    func matches(_ row: JSONValue, level: String?) -> Int {
      standards.filter { standard in
        guard standard["category"] == row["category"] else { return false }
        if let level { return standard["level"] == .string(level) }
        if row["class"] != .null { return standard["class"] == row["class"] }
        return standard["item"] == row["name"]
      }.count
    }
    for row in file["catalog"]?.arrayValue ?? [] {
      switch row["category"]?.stringValue {
      case "green", "urgent", "manufacturing":
        for level in ["junior", "intermediate", "senior"] {
          #expect(matches(row, level: level) == 1, "\(row.compactText()) \(level)")
        }
      default:
        #expect(matches(row, level: nil) == 1, "\(row.compactText())")
      }
    }
  }

  /// JN-2023 publishes no amounts; CC-2024 pays by the hour; only Liaocheng carries limits.
  @Test func standardsAndLimitsBelongWhereTheSeedsPutThem() throws {
    for id in [RulesetID.jn2023, .cc2024] {
      let file = try TestPaths.ruleset(id)
      #expect(file["standards"] == .array([]))
      let names = (file["parameters"]?.objectMembers ?? []).map(\.0)
      #expect(!names.contains { $0.hasPrefix("limits.") }, "\(id)")
    }
    let jinan = try TestPaths.ruleset(.jn2023)["parameters"]
    #expect(jinan?["standards.published"]?["value"] == .bool(false))
    let liaocheng = try TestPaths.ruleset(.lc2024)["parameters"]
    #expect(liaocheng?["limits.trainings_per_year_max"]?["value"] == .int(3))
    #expect(liaocheng?["standards.completion_level"]?["value"] == .string("junior"))
    let project = try TestPaths.ruleset(.cc2024)["parameters"]
    #expect(project?["project.hours_cap"]?["value"]?["B"] == .int(120))
    #expect(project?["project.rate_offline"]?["value"] == .string("20"))
  }

  /// Two catalogue rulesets of one region never overlap, so a class start picks at most one.
  @Test func catalogRulesetPeriodsDoNotOverlapWithinARegion() throws {
    let files = try RulesetID.allCases.map(TestPaths.ruleset)
      .filter { $0["kind"] == .string("catalog") }
    for (offset, a) in files.enumerated() {
      for b in files.dropFirst(offset + 1) where a["region"] == b["region"] {
        let aUntil = a["until"]?.stringValue ?? "9999-12-31"
        let bUntil = b["until"]?.stringValue ?? "9999-12-31"
        let aFrom = a["from"]?.stringValue ?? ""
        let bFrom = b["from"]?.stringValue ?? ""
        #expect(aUntil < bFrom || bUntil < aFrom, "\(a["id"]!.compactText()) overlaps")
      }
    }
  }

  @Test func orderedParserKeepsOrderAndRefusesDuplicateKeys() throws {
    let value = try JSONParser.parse(#"{"b": 1, "a": [true, null, "x\u00e9"], "c": -0}"#)
    #expect(value.objectMembers?.map(\.0) == ["b", "a", "c"])
    #expect(value["a"] == .array([.bool(true), .null, .string("xé")]))
    #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(#"{"a": 1, "a": 2}"#) }
    #expect(throws: JSONParser.Failure.self) { try JSONParser.parse("[01]") }
  }

  // MARK: Helpers

  func nonEmpty(_ value: JSONValue?) -> Bool {
    !(value?.stringValue ?? "").isEmpty
  }

  func isDate(_ value: JSONValue?) -> Bool {
    guard let text = value?.stringValue else { return false }
    return (try? #/[0-9]{4}-[0-9]{2}-[0-9]{2}/#.wholeMatch(in: text)) != nil
  }

  func isMoney(_ value: JSONValue?) -> Bool {
    guard let text = value?.stringValue else { return false }
    return (try? #/[0-9]+(\.[0-9]{1,2})?/#.wholeMatch(in: text)) != nil
  }

  func leaves(_ value: JSONValue) -> [JSONValue] {
    switch value {
    case .object(let object): return object.fields.flatMap { leaves($0.value) }
    case .array(let elements): return elements.flatMap(leaves)
    default: return [value]
    }
  }

  /// Collects every number literal, and every value under a key naming an amount.
  func walk(_ value: JSONValue, numbers: inout [String], amounts: inout [JSONValue]) {
    switch value {
    case .number(let literal):
      numbers.append(literal)
    case .object(let object):
      for (key, member) in object.fields {
        if key == "amount" || key.hasSuffix("_amount") { amounts.append(member) }
        walk(member, numbers: &numbers, amounts: &amounts)
      }
    case .array(let elements):
      for element in elements { walk(element, numbers: &numbers, amounts: &amounts) }
    default:
      break
    }
  }
}
