import ClaimsTestSupport
import Testing

/// `claims append` killed with SIGKILL at random moments of a large batch (SPEC §3: batches are
/// atomic across crashes). `Tools/claims-crash` runs many more rounds.
@Suite struct CrashTests {
  @Test func killedAppendsLeaveNoHalfBatchAndLoseNothingAcknowledged() throws {
    let folder = TemporaryFolder()
    let report = try CrashRounds(binary: ClaimsBinary.url).run(rounds: 5, seed: 20_241_123, in: folder)
    #expect(report.rounds == 5)
    #expect(report.failures.isEmpty, "\(report.failures)")
    // The rounds are meant to catch writes in the middle; fail if none did on this machine.
    #expect(report.killedMidBatch > 0, "no kill landed in the middle of a batch")
    #expect(report.fromCheckpoint > 0)
  }
}
