import ClaimsTestSupport
import Foundation

/// Runs the real `claims` executable, built beside this test bundle.
struct ClaimsBinary {
  static var url: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("claims")
  }

  static func run(_ arguments: [String], input: String? = nil) throws -> ProcessRun {
    try ProcessRun.run(url, arguments, input: input)
  }
}
