import ClaimsDomain
import Foundation
import Testing

@testable import seed_extract

/// The hand-written parts of the ruleset files (standards, plans, printed quotations) checked
/// against what the extractor reads from the seeds.
extension SeedExtractTests {
  /// Every LC-2024 standard cites a row of 附件2 and carries that row's label, hours and amount;
  /// every row of 附件2 is cited.
  @Test func liaochengStandardsMatchTheTablesOfAttachment2() throws {
    let printed = try extractor.liaochengStandards()
    #expect(printed.count == 14)
    let byReference = Dictionary(uniqueKeysWithValues: printed.map { ($0.reference, $0) })
    let standards = try #require(try TestPaths.ruleset(.lc2024)["standards"]?.arrayValue)
    var cited: Set<String> = []
    for standard in standards {
      let reference = try #require(standard["reference"]?.stringValue)
      let row = try #require(byReference[reference], "no 附件2 row \(reference)")
      cited.insert(reference)
      #expect(standard["label"]?.stringValue == row.label, "\(reference)")
      #expect(standard["hours"]?.intValue == row.hours, "\(reference)")
      #expect(standard["amount"]?.stringValue == row.amount, "\(reference)")
    }
    #expect(cited == Set(byReference.keys))
  }

  @Test func liaochengStandardsSpotChecks() throws {
    let printed = try extractor.liaochengStandards()
    let seniorManufacturing = printed.first { $0.table == "二" && $0.label == "高级" }
    #expect(seniorManufacturing?.hours == 56 && seniorManufacturing?.amount == "800")
    let engineer = printed.first { $0.label == "数字技术工程师" }
    #expect(engineer?.hours == 80 && engineer?.amount == "1000")
    let gyb = printed.first { $0.table == "五" && $0.ordinal == 1 }
    #expect(gyb?.label == "创业意识培训（GYB）" && gyb?.amount == "300")
  }

  /// The plan rows citing LC-2019 附件1 are exactly the table's rows, 合计 included.
  @Test func liaochengPlan2019MatchesAttachment1() throws {
    let table = try extractor.liaochengPlan2019()
    #expect(table.count == 13)
    #expect(table.first?.unit == "市本级" && table.first?.target == 2200)
    #expect(table.last?.unit == "合计" && table.last?.target == 40100)
    let plans = try #require(try TestPaths.ruleset(.lc2019)["plans"]?.arrayValue)
    let fromTable = plans.filter { $0["reference"]?.stringValue?.contains("附件1") == true }
    #expect(fromTable.count == table.count)
    for (plan, row) in zip(fromTable, table) {
      #expect(plan["reference"]?.stringValue == row.reference)
      #expect(plan["unit"]?.stringValue == row.unit)
      #expect(plan["unit_printed"]?.stringValue == row.printedUnit)
      #expect(plan["target"]?.intValue == row.target)
      #expect(plan["total"] == .bool(row.isTotal))
      #expect(plan["year_from"]?.intValue == 2019 && plan["year_to"]?.intValue == 2019)
    }
  }

  /// Every quotation (`printed`) in the files occurs in some seed, ignoring whitespace; `……`
  /// marks an elision between quoted fragments.
  @Test(arguments: RulesetID.allCases)
  func everyQuotationOccursInTheSeeds(_ id: RulesetID) throws {
    let corpus = RulesetID.allCases.map { extractor.seeds[$0].lines.joined().withoutWhitespace }
    var quotations: [String] = []
    collectPrinted(try TestPaths.ruleset(id), into: &quotations)
    #expect(!quotations.isEmpty)
    for quotation in quotations {
      for fragment in quotation.components(separatedBy: "……") where !fragment.isEmpty {
        let needle = fragment.withoutWhitespace
        #expect(corpus.contains { $0.contains(needle) }, "\(id): not in any seed: \(fragment)")
      }
    }
  }

  private func collectPrinted(_ value: JSONValue, into out: inout [String]) {
    switch value {
    case .object(let object):
      for (key, member) in object.fields {
        if key == "printed" || key == "number_printed", let text = member.stringValue {
          out.append(text)
        } else {
          collectPrinted(member, into: &out)
        }
      }
    case .array(let elements):
      for element in elements { collectPrinted(element, into: &out) }
    default:
      break
    }
  }

  /// The CC-2024 limits quoted in the file are the numbers printed in the seed.
  @Test func changchunParametersQuoteTheirNumbers() throws {
    let parameters = try #require(try TestPaths.ruleset(.cc2024)["parameters"])
    func printed(_ name: String) -> String { parameters[name]?["printed"]?.stringValue ?? "" }
    #expect(printed("project.rate_offline").contains("20元"))
    #expect(printed("project.rate_online").contains("10元"))
    #expect(printed("project.hours_cap").contains("240学时"))
    #expect(printed("project.min_employment_ratio").contains("70%"))
    #expect(printed("project.cost_share").contains("60%"))
    #expect(printed("project.full_attendance").contains("90%"))
    #expect(printed("project.claim_deadline_working_days").contains("5个工作日"))
    #expect(printed("project.planned_size_max_of_demand").contains("20%"))
    #expect(printed("project.theory_max_share").contains("40%"))
  }
}

extension String {
  /// The text with every space, tab, newline and ideographic space removed.
  var withoutWhitespace: String {
    String(unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
  }
}
