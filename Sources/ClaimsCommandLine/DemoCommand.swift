import Foundation

/// `claims demo`: writes the demo journal built into the binary to a folder and walks a new user
/// through it: what it holds, the money by fund, the entitlements, one audit trail, the
/// findings and what a rule change would do, each part with a sentence saying what it shows.
enum DemoCommand: Subcommand {
  static let name = "demo"
  static let summary = "a year of training in three cities: what the ledger knows and why"
  static let help = """
    Usage: claims demo [--folder DIR]

    Writes the demo journal built into claims (a made-up 2024 of subsidised training in five
    Liaocheng counties, Changchun and Jinan, made by Tools/demo-gen through the real append
    path), its head and two rule folders into a new temporary folder, verifies the journal and
    walks through it: what it holds, balances by fund, entitlements, one audit trail, the
    findings and the impact of a hypothetical rule change. Ends with commands to try on it.
      --folder DIR  write the files into DIR (created if need be) instead

    """

  static func run(_ words: [String], _ terminal: Terminal) throws -> Int32 {
    let arguments = try Arguments(words, valued: ["folder"])
    try arguments.expectPositionals(0)
    let demo = try DemoJournal.write(into: arguments.options["folder"] ?? DemoJournal.defaultFolder)
    try DemoTour(demo, terminal).run()
    return 0
  }
}
