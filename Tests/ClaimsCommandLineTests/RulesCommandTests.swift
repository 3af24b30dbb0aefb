import ClaimsDomain
import ClaimsTestSupport
import Foundation
import Testing

/// `claims rules` and `claims entitlements` through the binary, with shipped and overridden rules.
@Suite struct RulesCommandTests {
  typealias B = Bureau

  static var shippedRules: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Journal/rules")
  }

  @Test func rulesAsJSONCarryEveryCatalogueRowWithItsClause() throws {
    let result = try ClaimsBinary.run(["rules", "--region", "liaocheng", "--on", "2024-10-01", "--format", "json"])
    #expect(result.status == 0)
    guard case .object(let root) = try JSONParser.parse(result.out),
      case .array(let rulesets)? = root["rulesets"], rulesets.count == 1,
      case .object(let lc)? = rulesets.first, case .array(let catalog)? = lc["catalog"]
    else {
      Issue.record("unexpected shape: \(result.out.prefix(200))")
      return
    }
    #expect(lc["id"] == .string("LC-2024"))
    #expect(catalog.count == 134 + 39 + 16 + 65 + 3 + 3)
    guard case .object(let first) = catalog[0] else { return }
    #expect(first.fields.map(\.key) == ["category", "code", "name", "class", "reference"])
  }

  @Test func rulesFilterByRegionAndDate() throws {
    let result = try ClaimsBinary.run(["rules", "--on", "2024-04-01"])
    #expect(result.status == 0)
    #expect(result.out.contains("CC-2024"))
    #expect(result.out.contains("JN-2023"))
    #expect(!result.out.contains("LC-2024"))
  }

  @Test func entitlementsMaskIDsInTablesAndShowThemWholeInCSVAndJSON() throws {
    let ledger = try LedgerFixture()
    try ledger.append([B.exam(id: "exm-1")])
    let table = try ClaimsBinary.run(["entitlements", ledger.path])
    #expect(table.status == 0)
    #expect(table.out.contains("371502********1234"))
    #expect(!table.out.contains(B.trainee1))
    #expect(table.out.contains("¥600.00"))
    #expect(table.out.contains("就业补助资金 (employment-subsidy)"))
    let csv = try ClaimsBinary.run(["entitlements", ledger.path, "--format", "csv", "--trainee", B.trainee1])
    #expect(csv.out.split(separator: "\n").count == 2)
    #expect(csv.out.contains("\(B.trainee1),C-1,eligible,600.00,employment-subsidy"))
    let json = try ClaimsBinary.run(["entitlements", ledger.path, "--format", "json", "--class", "C-1"])
    #expect(json.out.contains(#""trainee":"371521199203152341","class":"C-1","status":"pending","amount":null"#))
  }

  @Test func aChangedRulesetFolderChangesTheEntitlement() throws {
    let ledger = try LedgerFixture()
    try ledger.append([B.exam(id: "exm-1")])
    let folder = TemporaryFolder()
    for name in try FileManager.default.contentsOfDirectory(atPath: Self.shippedRules.path) where name.hasSuffix(".json") {
      var text = String(decoding: TemporaryFolder.bytes(Self.shippedRules.appendingPathComponent(name).path), as: UTF8.self)
      if name == "LC-2024.json" {
        text = text.replacingOccurrences(
          of: #""label": "初级", "hours": 40, "amount": "600""#, with: #""label": "初级", "hours": 40, "amount": "650""#)
      }
      folder.write(name, text)
    }
    let changed = try ClaimsBinary.run(["entitlements", ledger.path, "--rules", folder.url.path, "--format", "csv", "--trainee", B.trainee1])
    #expect(changed.status == 0, "\(changed.err)")
    #expect(changed.out.contains(",eligible,650.00,"))
  }

  @Test func aBrokenRulesFolderIsAClearError() throws {
    let folder = TemporaryFolder()
    folder.write("bad.json", #"{"id": "X"}"#)
    let result = try ClaimsBinary.run(["rules", "--rules", folder.url.path])
    #expect(result.status == 1)
    #expect(result.err.contains("ruleset bad.json: region is missing"))
  }
}
