import Foundation

/// One seed file, split into lines (1-based line numbers in messages, like an editor).
struct SeedText: Sendable {
  /// The file name, e.g. `000_f527446a96ef20f9.txt`.
  let name: String
  let lines: [String]

  init(name: String, text: String) {
    self.name = name
    // The seeds use "\n"; splitting on "\n" alone keeps a stray "\r" visible to the strict
    // row checks instead of hiding it.
    self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  /// The 0-based index of the first line at or after `start` whose trimmed text is `text`.
  func indexOfLine(_ text: String, from start: Int = 0) throws(ExtractionError) -> Int {
    for index in start..<lines.count where lines[index].trimmed == text {
      return index
    }
    throw ExtractionError(seed: name, line: nil, message: "no line reading \"\(text)\"")
  }

  func error(_ index: Int, _ message: String) -> ExtractionError {
    ExtractionError(seed: name, line: index + 1, message: message)
  }
}

/// The rulesets transcribed from the seeds, each with a phrase that identifies its seed.
///
/// Seeds are found by content, not by file name, so the tool keeps working if the files are
/// renamed; the SPEC's table of file names is only a cross-check.
enum RulesetID: String, CaseIterable, Sendable, CustomStringConvertible {
  case lc2024 = "LC-2024"
  case cc2024 = "CC-2024"
  case jn2023 = "JN-2023"
  case lc2019 = "LC-2019"
  case lc2025 = "LC-2025"

  /// A phrase that occurs in this ruleset's seed and in no other seed.
  var marker: String {
    switch self {
    case .lc2024: return "聊人社字〔2024〕12号"
    case .cc2024: return "长春市支持重点企业项目制培训实施方案"
    case .jn2023: return "济人社函〔2023〕28号"
    // The 2019 seed prints its number in full-width digits.
    case .lc2019: return "聊政办发〔２０１９〕１０号"
    case .lc2025: return "聊人社字〔2025〕11号"
    }
  }

  /// The seed file name given in SPEC.md's table, used only to warn on a mismatch.
  var specFileName: String {
    switch self {
    case .lc2024: return "000_f527446a96ef20f9.txt"
    case .lc2025: return "001_91e346bf63b0aee9.txt"
    case .jn2023: return "002_f43d9e28fbbbc3d8.txt"
    case .lc2019: return "003_2e95afaec8002774.txt"
    case .cc2024: return "004_fbbb88a8a03fb365.txt"
    }
  }

  var description: String { rawValue }

  /// The ruleset file name under `Journal/rules/`.
  var fileName: String { rawValue + ".json" }
}

/// The seeds of one directory, by ruleset.
struct SeedSet: Sendable {
  let directory: URL
  let seeds: [RulesetID: SeedText]

  /// Reads every `*.txt` in `directory` and assigns each ruleset the one file holding its marker.
  init(directory: URL) throws {
    self.directory = directory
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      .filter { $0.hasSuffix(".txt") }
      .sorted()
    var texts: [SeedText] = []
    for name in names {
      let data = try Data(contentsOf: directory.appendingPathComponent(name))
      guard let text = String(data: data, encoding: .utf8) else {
        throw ExtractionError(seed: name, line: nil, message: "not UTF-8")
      }
      texts.append(SeedText(name: name, text: text))
    }
    var seeds: [RulesetID: SeedText] = [:]
    for id in RulesetID.allCases {
      let matches = texts.filter { $0.lines.contains { $0.contains(id.marker) } }
      guard matches.count == 1, let seed = matches.first else {
        throw ExtractionError(
          seed: directory.path, line: nil,
          message: "\(matches.count) seeds mention \(id.marker) (\(id.rawValue)); expected 1")
      }
      seeds[id] = seed
    }
    self.seeds = seeds
  }

  subscript(id: RulesetID) -> SeedText {
    guard let seed = seeds[id] else { preconditionFailure("every ruleset has a seed") }
    return seed
  }
}

extension String {
  /// The text without leading or trailing spaces, tabs or ideographic spaces.
  var trimmed: String {
    let blank: Set<Character> = [" ", "\t", "\u{3000}", "\r"]
    var slice = Substring(self)
    while let first = slice.first, blank.contains(first) { slice = slice.dropFirst() }
    while let last = slice.last, blank.contains(last) { slice = slice.dropLast() }
    return String(slice)
  }

  /// Full-width digits (as the 2019 seed prints them) turned into ASCII digits.
  var asciiDigits: String {
    String(
      unicodeScalars.map { scalar -> Character in
        if (0xFF10...0xFF19).contains(scalar.value),
          let ascii = Unicode.Scalar(scalar.value - 0xFF10 + 0x30)
        {
          return Character(ascii)
        }
        return Character(scalar)
      })
  }
}
