import ClaimsDomain
import Foundation
import Testing

@testable import seed_extract

/// On CI a missing seeds folder must fail, never silently skip the transcription checks below.
@Test func seedsFolderIsPresentWhenRunningOnCI() {
  if TestPaths.isCI && !TestPaths.seedsPresent {
    Issue.record("CI=true but the seeds folder is missing: \(TestPaths.seeds.path)")
  }
}

/// The transcription checked against the seed texts themselves.
@Suite(
  .enabled(
    if: TestPaths.seedsPresent,
    "seeds folder \(TestPaths.seeds.path) is absent: skipping the seed checks (CI=true fails)"))
struct SeedExtractTests {
  let extractor: SeedExtractor

  init() throws {
    extractor = try SeedExtractor(directory: TestPaths.seeds)
  }

  @Test(arguments: RulesetID.allCases)
  func catalogInRulesetFileAgreesRowForRowWithTheSeed(_ id: RulesetID) throws {
    let file = try TestPaths.ruleset(id)
    let rows = try extractor.catalog(id)
    let differences = RulesetFile.differences(file: file, extracted: rows)
    #expect(differences.isEmpty, "\(id): \(differences.prefix(5).joined(separator: "\n"))")
  }

  @Test(arguments: RulesetID.allCases)
  func rulesetFileIsExactlyWhatWriteWouldProduce(_ id: RulesetID) throws {
    let url = TestPaths.rules.appendingPathComponent(id.fileName)
    let text = try String(contentsOf: url, encoding: .utf8)
    let merged = RulesetFile.merged(try JSONParser.parse(text), catalog: try extractor.catalog(id))
    #expect(merged.canonicalText() == text, "\(id.fileName): run seed-extract --write")
  }

  @Test func rowCountsPerCatalogue() throws {
    let expected: [RulesetID: [String]] = [
      .lc2024: [
        "green 134", "urgent 39", "manufacturing 16", "special-ability 65", "featured 3",
        "entrepreneurship 3",
      ],
      .cc2024: ["project 175"],
      // The seed's general list skips number 9: 449 rows numbered up to 450.
      .jn2023: ["urgent 89", "general 449", "manufacturing 228", "project 12"],
      .lc2019: [],
      .lc2025: [],
    ]
    for id in RulesetID.allCases {
      let counts = SeedExtractor.counts(try extractor.catalog(id)).map { "\($0) \($1)" }
      #expect(counts == expected[id], "\(id)")
    }
  }

  @Test func seedsAreFoundWhereSpecSaysTheyAre() {
    for id in RulesetID.allCases {
      #expect(extractor.seeds[id].name == id.specFileName, "\(id)")
    }
  }

  /// No catalogue prints a code twice (checked against the seed: none does).
  @Test(arguments: RulesetID.allCases)
  func noCodeIsPrintedTwiceWithinOneCatalogue(_ id: RulesetID) throws {
    let duplicates = SeedExtractor.duplicateCodes(try extractor.catalog(id))
    #expect(duplicates.isEmpty, "\(id): \(duplicates.map { "\($0.category) \($0.code)" })")
  }

  // MARK: Spot checks, values read by hand from the seeds

  func row(_ id: RulesetID, _ category: String, _ number: Int) throws -> CatalogRow {
    let rows = try extractor.catalog(id).filter { $0.category == category && $0.number == number }
    return try #require(rows.first, "\(id) \(category) row \(number)")
  }

  @Test func liaochengSpotChecks() throws {
    let first = try row(.lc2024, "green", 1)
    #expect(first.code == "2-02-10-09" && first.name == "人工智能算法测试员 S")
    #expect(first.extras[0].1 == .int(2) && first.extras[1].1 == .string("S"))
    #expect(first.reference == "聊人社字〔2024〕12号 附件1（一）第1行")
    let last = try row(.lc2024, "green", 134)
    #expect(last.code == "6-31-07-03" && last.name == "工业机器人系统操作员 S")
    let bim = try row(.lc2024, "urgent", 13)
    #expect(bim.code == "4-08-08-23" && bim.rowClass == "C" && bim.extras[1].1 == .string("L/S"))
    let lastUrgent = try row(.lc2024, "urgent", 39)
    #expect(lastUrgent.name == "工业机器人系统操作员 S" && lastUrgent.rowClass == "B")
    #expect(try row(.lc2024, "manufacturing", 16).code == "6-31-01-02")
    let lastFood = try row(.lc2024, "special-ability", 20)
    #expect(lastFood.name == "平原签子馒头制作" && lastFood.rowClass == "食品制作类")
    #expect(try row(.lc2024, "special-ability", 21).rowClass == "种植类")
    #expect(try row(.lc2024, "special-ability", 39).rowClass == "手工制作类")
    let lastSpecial = try row(.lc2024, "special-ability", 65)
    #expect(lastSpecial.name == "香道技艺" && lastSpecial.rowClass == "其它类")
    let luCuisine = try row(.lc2024, "featured", 2)
    #expect(luCuisine.name == "鲁菜师傅+" && luCuisine.extras[0].1 == .string("结业考试"))
    #expect(try row(.lc2024, "entrepreneurship", 3).name == "创业能力培训 (C类) 网络创业培训")
  }

  @Test func changchunSpotChecks() throws {
    let first = try row(.cc2024, "project", 1)
    #expect(first.code == "6-22-01-01" && first.name == "汽车生产线操作工")
    #expect(first.rowClass == "B")
    let grouping = ["传统优势产业转型", "新能源和智能网联汽车", "汽车零部件、饰件生产加工人员"]
    #expect(first.extras.map(\.1) == grouping.map { .string($0) })
    // A name wrapped over two lines in the seed, joined.
    #expect(try row(.cc2024, "project", 17).name == "多工序数控机床操作调整工")
    let ai = try row(.cc2024, "project", 163)
    #expect(ai.name == "人工智能训练师（数据标注员、人工智能算法测试员）")
    #expect(ai.code == "4-04-05-05")
    // A merged industry cell, wrapped, filled down into the rows below it.
    #expect(try row(.cc2024, "project", 104).extras[0].1 == .string("新领域、新赛道"))
    #expect(try row(.cc2024, "project", 128).extras[0].1 == .string("新领域、新赛道"))
    #expect(try row(.cc2024, "project", 128).rowClass == "C")
    // A code printed with a trailing space.
    #expect(try row(.cc2024, "project", 55).code == "6-01-01-01")
    let last = try row(.cc2024, "project", 175)
    #expect(last.code == "5-05-01-03" && last.name == "农业数字化技术员" && last.rowClass == "A")
    #expect(last.reference == "长春市支持重点企业项目制培训实施方案（征求意见稿） 附件2 第175行")
  }

  @Test func jinanSpotChecks() throws {
    let first = try row(.jn2023, "urgent", 1)
    #expect(first.code == "6-31-05-00" && first.name == "包装工")
    #expect(first.extras[0].1 == .string("加工维修"))
    #expect(try row(.jn2023, "urgent", 89).name == "集成电路工程技术人员 S")
    // The seed's numbering of the general list goes 8, 10: the row after 8 is number 10.
    let general = try extractor.catalog(.jn2023).filter { $0.category == "general" }
    #expect(general[7].number == 8 && general[8].number == 10)
    #expect(general[8].name == "工程测量员 S" && general[8].code == "4-08-03-04")
    let lastGeneral = try row(.jn2023, "general", 450)
    #expect(lastGeneral.name == "增材制造设备操作员 L/S")
    #expect(lastGeneral.extras[0].1 == .string("社会服务"))
    #expect(try row(.jn2023, "manufacturing", 209).extras[0].1 == .string("建筑施"))
    #expect(try row(.jn2023, "manufacturing", 228).code == "6-31-07-03")
    let lastProject = try row(.jn2023, "project", 12)
    #expect(lastProject.name == "富硒蛋鸡饲养技术" && lastProject.code == nil)
    #expect(lastProject.reference == "济人社函〔2023〕28号 附件（四）第12行")
  }
}
