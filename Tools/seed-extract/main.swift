// seed-extract: re-reads the policy seeds and regenerates (or checks) the catalogs of the
// ruleset files, so anyone can re-check the transcription against the published text.
import Foundation

let usage = """
  usage: seed-extract [SEEDS_DIR] [--print] [--write RULES_DIR | --check RULES_DIR]

    SEEDS_DIR         directory of the seed texts (default: ../shared/seeds)
    --print           print every catalogue row as tab-separated text (the default action)
    --write RULES_DIR replace the "catalog" of each ruleset file in RULES_DIR with the rows
                      extracted from the seeds, keeping every hand-written member
    --check RULES_DIR exit 1 if any ruleset file's catalog or layout differs from --write's

  Row counts per catalogue, duplicate codes and seed files go to stderr.
  """

/// The parsed command line.
struct Options {
  var seeds = "../shared/seeds"
  var print = false
  var write: String?
  var check: String?
}

func parseOptions(_ arguments: [String]) -> Options? {
  var options = Options()
  var rest = arguments[...]
  var sawSeeds = false
  while let argument = rest.popFirst() {
    switch argument {
    case "--print": options.print = true
    case "--write":
      guard let dir = rest.popFirst() else { return nil }
      options.write = dir
    case "--check":
      guard let dir = rest.popFirst() else { return nil }
      options.check = dir
    case "-h", "--help": return nil
    default:
      guard !argument.hasPrefix("-"), !sawSeeds else { return nil }
      options.seeds = argument
      sawSeeds = true
    }
  }
  if options.write != nil && options.check != nil { return nil }
  if options.write == nil && options.check == nil { options.print = true }
  return options
}

func printStderr(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

guard let options = parseOptions(Array(CommandLine.arguments.dropFirst())) else {
  printStderr(usage)
  exit(2)
}

do {
  let extractor = try SeedExtractor(directory: URL(fileURLWithPath: options.seeds))
  for id in RulesetID.allCases {
    let seed = extractor.seeds[id]
    let note = seed.name == id.specFileName ? "" : " (SPEC.md names \(id.specFileName))"
    let rows = try extractor.catalog(id)
    let counts = SeedExtractor.counts(rows).map { "\($0.category) \($0.count)" }
    let summary = counts.isEmpty ? "no catalogue" : counts.joined(separator: ", ")
    printStderr("\(id.rawValue)\t\(seed.name)\(note)\t\(summary)")
    for duplicate in SeedExtractor.duplicateCodes(rows) {
      printStderr(
        "  duplicate code \(duplicate.code) in \(duplicate.category): rows \(duplicate.rows)")
    }
    if options.print {
      for row in rows { print(id.rawValue + "\t" + row.tsv) }
    }
  }
  if let directory = options.write ?? options.check {
    let report = try RulesetFile.sync(
      extractor: extractor, rulesDirectory: URL(fileURLWithPath: directory),
      write: options.write != nil)
    report.forEach(printStderr)
    if options.check != nil && !report.isEmpty { exit(1) }
  }
} catch {
  printStderr("seed-extract: \(error)")
  exit(1)
}
