import Foundation

/// Everything the tool reads from the seeds, by ruleset.
struct SeedExtractor: Sendable {
  let seeds: SeedSet

  /// Reads the seeds in `directory` (see `SeedSet` for how each is recognised).
  init(directory: URL) throws {
    seeds = try SeedSet(directory: directory)
  }

  /// The catalogue rows of a ruleset in seed order; LC-2019 and LC-2025 publish none.
  func catalog(_ id: RulesetID) throws(ExtractionError) -> [CatalogRow] {
    switch id {
    case .lc2024: return try LiaochengCatalog.catalog(seeds[id])
    case .cc2024: return try ChangchunCatalog.catalog(seeds[id])
    case .jn2023: return try JinanCatalog.catalog(seeds[id])
    case .lc2019, .lc2025: return []
    }
  }

  /// The LC-2024 附件2 standards tables, row by row as printed.
  func liaochengStandards() throws(ExtractionError) -> [StandardRow] {
    try LiaochengCatalog.standards(seeds[.lc2024])
  }

  /// The LC-2019 附件1 county plan table, 合计 last.
  func liaochengPlan2019() throws(ExtractionError) -> [PlanTableRow] {
    try LiaochengPlan.table(seeds[.lc2019])
  }

  /// Row counts per category of one catalogue, in order of first appearance.
  static func counts(_ rows: [CatalogRow]) -> [(category: String, count: Int)] {
    var result: [(category: String, count: Int)] = []
    for row in rows {
      if let index = result.firstIndex(where: { $0.category == row.category }) {
        result[index].count += 1
      } else {
        result.append((row.category, 1))
      }
    }
    return result
  }

  /// A code printed more than once within one category of a catalogue.
  struct DuplicateCode: Equatable {
    let category: String
    let code: String
    /// The printed row numbers where it occurs.
    let rows: [Int]
  }

  /// Codes printed more than once within one category of a catalogue, in order of first use.
  static func duplicateCodes(_ rows: [CatalogRow]) -> [DuplicateCode] {
    var numbers: [String: [Int]] = [:]
    var firstSeen: [(category: String, code: String)] = []
    for row in rows {
      guard let code = row.code else { continue }
      let key = row.category + " " + code
      if numbers[key] == nil { firstSeen.append((row.category, code)) }
      numbers[key, default: []].append(row.number ?? 0)
    }
    return firstSeen.compactMap { category, code in
      guard let found = numbers[category + " " + code], found.count > 1 else { return nil }
      return DuplicateCode(category: category, code: code, rows: found)
    }
  }
}
