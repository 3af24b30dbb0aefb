import ClaimsDemo
import ClaimsDomain
import ClaimsRules
import Foundation
import Testing

/// Journal/rules-change: the shipped rulesets unchanged plus one labelled hypothetical revision,
/// and the binary carries exactly that folder.
@Suite struct RuleChangeFolderTests {
  static func files(_ folder: String) -> [String: [UInt8]] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return Dictionary(uniqueKeysWithValues: names.map { ($0, DemoPaths.bytes(folder + "/" + $0)) })
  }

  @Test func theShippedRulesetsAreCopiedUnchangedAndOneIsAdded() {
    let shipped = Self.files(DemoPaths.rules).filter { $0.key.hasSuffix(".json") }
    let change = Self.files(DemoPaths.ruleChange)
    #expect(!shipped.isEmpty)
    for (name, bytes) in shipped {
      #expect(change[name] == bytes, "rules-change/\(name) must be a copy of rules/\(name)")
    }
    let added = Set(change.keys).subtracting(shipped.keys)
    #expect(added == ["LC-DEMO-2024-11.json", "README.md"])
    let readme = String(decoding: change["README.md"] ?? [], as: UTF8.self)
    #expect(readme.contains("hypothetical") && readme.contains("not a published document"))
  }

  @Test func theRevisionDiffersFromLC2024OnlyInItsDateAndTheJuniorStandards() throws {
    let change = Self.files(DemoPaths.ruleChange)
    let revision = try Ruleset(file: "LC-DEMO-2024-11.json", bytes: change["LC-DEMO-2024-11.json"]!)
    let original = RuleLibrary.shipped.ruleset(id: "LC-2024")!
    #expect(revision.region == original.region && revision.kind == .catalog)
    #expect(revision.from == CivilDate("2024-11-01")! && revision.from > original.from)
    #expect(revision.catalog == original.catalog)
    #expect(revision.parameters == original.parameters)
    let differing = zip(original.standards, revision.standards).filter { $0 != $1 }
    #expect(revision.standards.count == original.standards.count)
    #expect(differing.map(\.0.category) == [.green, .urgent, .manufacturing])
    for (old, new) in differing {
      #expect(old.level == .junior && new.level == .junior)
      #expect((old.hours, old.amount.decimalString) == (40, "600.00"))
      #expect((new.hours, new.amount.decimalString) == (48, "720.00"))
      #expect(new.reference.hasPrefix("hypothetical"))
    }
  }

  @Test func theBinaryCarriesTheFolderAsItIsOnDisk() {
    let embedded = Dictionary(
      uniqueKeysWithValues: DemoFiles.ruleChange.map { ($0.name, $0.bytes) })
    #expect(embedded == Self.files(DemoPaths.ruleChange))
  }
}
