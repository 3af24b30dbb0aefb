import ClaimsTestSupport
import Foundation

/// claims-crash CLAIMS_BINARY [ROUNDS] [SEED]: kills `claims append` at random moments, round
/// after round, and checks after each that nothing acknowledged was lost and no batch is half
/// present. Build the binary first: `swift build -c release --product claims`.
let arguments = Array(CommandLine.arguments.dropFirst())
guard let binary = arguments.first else {
  print("usage: claims-crash CLAIMS_BINARY [ROUNDS] [SEED]")
  exit(2)
}
let rounds = arguments.count > 1 ? Int(arguments[1])! : 100
let seed = arguments.count > 2 ? UInt64(arguments[2])! : 1
let folder = TemporaryFolder("claims-crash")
let report = try CrashRounds(binary: URL(fileURLWithPath: binary)).run(rounds: rounds, seed: seed, in: folder)
print("\(report.rounds) rounds, \(report.killedMidBatch) killed in the middle of a batch, \(report.fromCheckpoint) appending from a checkpoint, \(report.failures.count) failures")
for failure in report.failures { print(failure) }
exit(report.failures.isEmpty ? 0 : 1)
