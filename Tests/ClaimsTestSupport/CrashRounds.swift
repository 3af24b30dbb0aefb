import ClaimsDomain
import ClaimsJournal
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Rounds of `claims append` killed with SIGKILL at random moments of a large batch, each
/// followed by the checks a crash must pass: the journal verifies, the next append recovers, no
/// batch is half present, every acknowledged batch is still there. Shared by the test suite (a
/// few rounds) and `Tools/claims-crash` (many).
public struct CrashRounds {
  public let binary: URL
  public let bigBatch: Int

  public init(binary: URL, bigBatch: Int = 3000) { (self.binary, self.bigBatch) = (binary, bigBatch) }

  public struct Report: Sendable {
    public var rounds = 0
    /// Rounds whose kill left an incomplete batch for the next append to recover.
    public var killedMidBatch = 0
    /// Rounds whose appends started from a checkpoint saved just before.
    public var fromCheckpoint = 0
    /// Everything that went wrong, one sentence each; empty when every check held.
    public var failures: [String] = []
    public init() {}
  }

  typealias B = Bureau

  public func run(rounds: Int, seed: UInt64, in folder: TemporaryFolder) throws -> Report {
    var report = Report()
    let path = folder.path("crash.journal")
    func claims(_ arguments: [String], input: String? = nil) throws -> (Int32, String) {
      let run = try ProcessRun.run(binary, arguments, input: input)
      return (run.status, run.err)
    }
    _ = try claims(["init", path, "--admin", B.admin, "--now", B.openedAt])
    let setup = folder.write("setup.jsonl", B.setup.joined(separator: "\n"))
    _ = try claims(["append", path, setup, "--now", B.setupAt])
    var random = SplitMix64(seed: seed)
    var acknowledged: [String] = []
    for round in 0..<rounds {
      report.rounds += 1
      let ack = "ack-\(round)"
      let (smallStatus, smallError) = try claims(["append", path, "-"], input: B.attendance(id: ack, hours: 1))
      guard smallStatus == 0 else {
        report.failures.append("round \(round): a small append failed: \(smallError)")
        continue
      }
      acknowledged.append(ack)
      if round % 2 == 1 {
        // A fresh checkpoint: this round's appends start from it (`AppendSession`), and the
        // torn tail that the kill leaves lies after it.
        let (rebuildStatus, rebuildError) = try claims(["rebuild", path])
        if rebuildStatus != 0 { report.failures.append("round \(round): rebuild failed: \(rebuildError)") }
        report.fromCheckpoint += 1
      }
      let lines = (0..<bigBatch).map { n in
        B.attendance(B.trainee2, id: "big-\(round)-\(n)", date: "2024-09-\(10 + n % 20)", hours: 1)
      }
      let file = folder.write("big.jsonl", lines.joined(separator: "\n"))
      // Writes of 4 KiB with 2 ms between them: the batch takes a while to write, so that the
      // kill lands before, during or after it.
      let process = Process()
      process.executableURL = binary
      process.arguments = ["append", path, file]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      process.environment = ProcessInfo.processInfo.environment.merging(
        ["CLAIMS_TEST_FAULTS": "short=4096,delay=2000"]) { $1 }
      let sizeBefore = TemporaryFolder.bytes(path).count
      try process.run()
      var waited = 0
      while process.isRunning, TemporaryFolder.bytes(path).count == sizeBefore, waited < 20_000 {
        usleep(5_000)
        waited += 5
      }
      usleep(UInt32(random.below(700_000)))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      if (try? JournalSnapshot.read(path: path))?.scan.tail != nil { report.killedMidBatch += 1 }

      let (verifyStatus, verifyError) = try claims(["verify", path])
      if verifyStatus != 0 { report.failures.append("round \(round): verify failed: \(verifyError)") }
      let after = "after-\(round)"
      let (nextStatus, nextError) = try claims(["append", path, "-"], input: B.attendance(id: after, hours: 1))
      guard nextStatus == 0 else {
        report.failures.append("round \(round): the append after the kill failed: \(nextError)")
        continue
      }
      acknowledged.append(after)
      let snapshot = try JournalSnapshot.read(path: path)
      if snapshot.scan.tail != nil || snapshot.scan.head != .matches {
        report.failures.append("round \(round): the journal is not whole after recovery")
      }
      var ids: Set<String> = []
      try snapshot.forEachLine { frame, bytes in ids.insert(try JournalLine.decode(bytes, frame: frame).event.id) }
      if let lost = acknowledged.first(where: { !ids.contains($0) }) {
        report.failures.append("round \(round): acknowledged event \(lost) is missing")
      }
      let present = ids.filter { $0.hasPrefix("big-\(round)-") }.count
      if present != 0 && present != bigBatch {
        report.failures.append("round \(round): \(present) of \(bigBatch) lines of one batch are present")
      }
    }
    return report
  }
}
