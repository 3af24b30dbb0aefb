// swift-tools-version: 6.0
// ClaimsLedger: an event-sourced claims ledger for subsidised vocational training.
// The toolchain alone: no package dependencies.
import PackageDescription

// SHA-256 for newer x86-64 CPUs: sixteen lanes for AVX-512, and one message at a time with the
// SHA extensions. The two targets compiled for more than the baseline CPU, and only when the
// manifest is built on x86-64 (elsewhere the portable code stands alone). ClaimsJournal runs
// them only after checking the CPU (SHA256LaneDispatch.swift).
#if arch(x86_64)
  let wideSHA256: [Target.Dependency] = ["ClaimsSHA256Wide", "ClaimsSHA256NI"]
  let wideSHA256Targets: [Target] = [
    .target(
      name: "ClaimsSHA256Wide", dependencies: ["ClaimsSHA256Core"],
      // The level goes through the C importer: Swift 6.3's own -target-cpu rejects the
      // x86-64-vN names, and IRGen takes the CPU and its features from the importer's target.
      // -O in debug builds too: unoptimised SIMD16 code is some hundred times slower, and the
      // tests hash a million bytes with it.
      swiftSettings: [.unsafeFlags(["-Xcc", "-march=x86-64-v4", "-O"])]),
    .target(
      name: "ClaimsSHA256NI", dependencies: ["ClaimsSHA256Core"],
      // The SHA intrinsics are reached through the Builtin module (-parse-stdlib); the features
      // go through the C importer, as above.
      swiftSettings: [.unsafeFlags(["-parse-stdlib", "-Xcc", "-msha", "-Xcc", "-msse4.1", "-O"])]),
  ]
#else
  let wideSHA256: [Target.Dependency] = []
  let wideSHA256Targets: [Target] = []
#endif

let package = Package(
  name: "ClaimsLedger",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "claims", targets: ["claims"])
  ],
  targets: [
    // Value types: money in fen, civil dates, resident IDs, codes, the events. Pure.
    .target(name: "ClaimsDomain"),
    // The only module that touches files: format, SHA-256, chain, append, recovery, verify.
    .target(name: "ClaimsJournal", dependencies: ["ClaimsDomain", "ClaimsSHA256Core"] + wideSHA256),
    // The multi-buffer SHA-256 driver shared by the portable and the wide lane code. Portable.
    .target(name: "ClaimsSHA256Core"),
    // Rulesets transcribed from the seeds (shipped inside the binary) and the entitlement rules.
    .target(
      name: "ClaimsRules", dependencies: ["ClaimsDomain", "ClaimsJournal"],
      plugins: ["EmbedFilesPlugin"]),
    // The state machine: the same code validates an append and replays the journal.
    .target(name: "ClaimsLedger", dependencies: ["ClaimsDomain", "ClaimsJournal", "ClaimsRules"]),
    // The demo journal and the rule-change folder, carried inside the binary for `claims demo`.
    .target(name: "ClaimsDemo", dependencies: ["ClaimsRules"], plugins: ["EmbedFilesPlugin"]),
    // Tables, CSV and JSON for people and tools.
    .target(name: "ClaimsReports", dependencies: ["ClaimsDomain", "ClaimsRules", "ClaimsLedger"]),
    // Argument parsing and the subcommands, testable in-process.
    .target(
      name: "ClaimsCommandLine",
      dependencies: [
        "ClaimsDomain", "ClaimsJournal", "ClaimsRules", "ClaimsLedger", "ClaimsReports", "ClaimsDemo",
      ]),
    .executableTarget(name: "claims", dependencies: ["ClaimsCommandLine", "ClaimsJournal", "ClaimsLedger"]),

    // Tools: benchmarks and generators, built on demand.
    .executableTarget(
      name: "claims-bench",
      dependencies: ["ClaimsDomain", "ClaimsJournal", "ClaimsLedger", "ClaimsRules", "ClaimsWorkload"],
      path: "Tools/claims-bench"),
    // Synthetic journals, valid under the rules, for benchmarks and tests: the generator
    // (ClaimsWorkload) and its command line (claims-gen).
    .target(
      name: "ClaimsWorkload", dependencies: ["ClaimsDomain", "ClaimsJournal", "ClaimsRules", "ClaimsLedger"],
      path: "Tools/ClaimsWorkload"),
    .executableTarget(name: "claims-gen", dependencies: ["ClaimsWorkload"], path: "Tools/claims-gen"),
    // Journal/demo.journal: a year of three cities' training, from a fixed seed, through the real
    // append path.
    .executableTarget(
      name: "demo-gen", dependencies: ["ClaimsDomain", "ClaimsJournal", "ClaimsRules", "ClaimsLedger"],
      path: "Tools/demo-gen"),
    // Kills appends at random moments, many rounds, and checks the journal after each.
    .executableTarget(name: "claims-crash", dependencies: ["ClaimsTestSupport"], path: "Tools/claims-crash"),
    // Mutated inputs and journals by the million through the parser, state machine and scan.
    .executableTarget(name: "claims-fuzz", dependencies: ["ClaimsTestSupport", "ClaimsJournal"], path: "Tools/claims-fuzz"),
    // Carries Journal/rules (and, for ClaimsDemo, the demo files) into the binary at build time.
    .executableTarget(name: "embed-files", dependencies: ["ClaimsJournal"], path: "Tools/embed-files"),
    .plugin(
      name: "EmbedFilesPlugin", capability: .buildTool(), dependencies: ["embed-files"],
      path: "Tools/EmbedFilesPlugin"),
    // Re-extracts the rulesets' catalogues from the seed texts in ../shared/seeds.
    .executableTarget(
      name: "seed-extract", dependencies: ["ClaimsDomain"], path: "Tools/seed-extract"),

    // Shared by the test targets: temporary folders, event builders, a ready-made bureau.
    .target(
      name: "ClaimsTestSupport",
      dependencies: ["ClaimsDomain", "ClaimsJournal", "ClaimsRules", "ClaimsLedger"],
      path: "Tests/ClaimsTestSupport"),
    .testTarget(name: "ClaimsDomainTests", dependencies: ["ClaimsDomain", "ClaimsTestSupport"]),
    .testTarget(
      name: "ClaimsJournalTests", dependencies: ["ClaimsJournal", "ClaimsDomain", "ClaimsTestSupport"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "ClaimsLedgerTests",
      dependencies: ["ClaimsLedger", "ClaimsJournal", "ClaimsDomain", "ClaimsTestSupport"]),
    .testTarget(
      name: "ClaimsRulesTests", dependencies: ["ClaimsRules", "ClaimsDomain", "ClaimsTestSupport"]),
    .testTarget(
      name: "SeedExtractTests", dependencies: ["seed-extract"], path: "Tests/SeedExtractTests"),
    .testTarget(
      name: "ClaimsCommandLineTests",
      dependencies: [
        "ClaimsCommandLine", "ClaimsJournal", "ClaimsLedger", "ClaimsReports", "ClaimsTestSupport", "claims",
      ]),
    // The benchmark suite end to end on a tiny workload, so that it cannot rot.
    .testTarget(
      name: "BenchTests",
      dependencies: [
        "claims-bench", "claims", "ClaimsWorkload", "ClaimsDomain", "ClaimsJournal", "ClaimsLedger",
        "ClaimsReports", "ClaimsRules", "ClaimsTestSupport",
      ]),
    .testTarget(
      name: "DemoTests",
      dependencies: [
        "demo-gen", "ClaimsDemo", "ClaimsCommandLine", "ClaimsJournal", "ClaimsLedger", "ClaimsReports",
        "ClaimsRules", "ClaimsTestSupport", "claims",
      ]),
  ] + wideSHA256Targets
)
