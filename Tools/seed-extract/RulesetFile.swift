import ClaimsDomain
import Foundation

/// A ruleset file under `Journal/rules/`: the hand-written template and the extracted catalog.
///
/// The file is its own template. Everything in it is written by hand (header, standards,
/// parameters, plans) except `catalog`, which this tool owns: `--write` replaces that one member
/// with the rows extracted from the seed and re-emits the whole file in canonical layout;
/// `--check` reports any difference without writing.
enum RulesetFile {
  /// Reads and parses a ruleset file.
  static func read(_ url: URL) throws -> JSONValue {
    let data = try Data(contentsOf: url)
    guard let text = String(data: data, encoding: .utf8) else {
      throw ExtractionError(seed: url.path, line: nil, message: "not UTF-8")
    }
    return try JSONParser.parse(text)
  }

  /// The file's text with `catalog` replaced by `rows`.
  static func merged(_ template: JSONValue, catalog rows: [CatalogRow]) -> JSONValue {
    guard case .object(var file) = template else { return template }
    let catalog = JSONValue.array(rows.map(\.json))
    // The catalog keeps its place among the hand-written members, so a rewrite moves nothing.
    if let index = file.fields.firstIndex(where: { $0.key == "catalog" }) {
      file.fields[index].value = catalog
    } else {
      file.append("catalog", catalog)
    }
    return .object(file)
  }

  /// The catalog rows of a parsed file, as JSON values.
  static func catalog(of file: JSONValue) -> [JSONValue] {
    guard case .object(let members) = file, case .array(let rows)? = members["catalog"] else {
      return []
    }
    return rows
  }

  /// Human-readable differences between a file's catalog and the extracted rows; empty when
  /// they agree row for row.
  static func differences(file: JSONValue, extracted: [CatalogRow]) -> [String] {
    let stored = catalog(of: file)
    var messages: [String] = []
    if stored.count != extracted.count {
      messages.append("file has \(stored.count) rows, seed gives \(extracted.count)")
    }
    for (offset, pair) in zip(stored, extracted).enumerated() where pair.0 != pair.1.json {
      let file = pair.0.compactText()
      let seed = pair.1.json.compactText()
      messages.append("row \(offset + 1): file \(file)\n         seed \(seed)")
    }
    return messages
  }

  /// Rewrites or checks every ruleset file in `rulesDirectory`. Returns the problems found
  /// (for `check`) or the files changed (for `write`).
  static func sync(
    extractor: SeedExtractor, rulesDirectory: URL, write: Bool
  ) throws -> [String] {
    var report: [String] = []
    for id in RulesetID.allCases {
      let url = rulesDirectory.appendingPathComponent(id.fileName)
      // The file is the template for its own hand-written members, so it must exist.
      guard let currentText = try? String(contentsOf: url, encoding: .utf8) else {
        throw ExtractionError(
          seed: url.path, line: nil, message: "no ruleset file to use as the template")
      }
      let template: JSONValue
      do {
        template = try JSONParser.parse(currentText)
      } catch {
        throw ExtractionError(seed: url.path, line: nil, message: error.description)
      }
      let rows = try extractor.catalog(id)
      let canonical = merged(template, catalog: rows).canonicalText()
      guard canonical != currentText else { continue }
      if write {
        try Data(canonical.utf8).write(to: url, options: .atomic)
        report.append("wrote \(url.path)")
      } else {
        let rowProblems = differences(file: template, extracted: rows)
        report.append("\(id.fileName): differs from the seed extraction")
        report += rowProblems.map { "  " + $0 }
        if rowProblems.isEmpty { report.append("  (layout only: run --write to canonicalise)") }
      }
    }
    return report
  }
}
