import ClaimsLedger
import ClaimsTestSupport
import Foundation
import Testing

/// The checkpoint through the binary: `rebuild` saves it, the read commands start from it and
/// print what a replay prints, and one that no longer matches is set aside with a note.
@Suite struct CheckpointCommandTests {
  @Test func commandsGiveTheSameAnswerWithOrWithoutTheCheckpoint() throws {
    let ledger = try LedgerFixture()
    try ledger.append(Bureau.paidClaim)
    let cold = try ClaimsBinary.run(["balances", ledger.path, "--format", "json"])
    let coldEntitlements = try ClaimsBinary.run(["entitlements", ledger.path, "--format", "json"])

    let rebuild = try ClaimsBinary.run(["rebuild", ledger.path])
    #expect(rebuild.status == 0)
    #expect(rebuild.out.contains("checkpoint: there was no checkpoint; a new one is saved at line"))
    #expect(FileManager.default.fileExists(atPath: Checkpoint.path(forJournal: ledger.path)))
    let warm = try ClaimsBinary.run(["balances", ledger.path, "--format", "json"])
    #expect(warm.out == cold.out)
    #expect(warm.err.isEmpty)
    #expect(try ClaimsBinary.run(["entitlements", ledger.path, "--format", "json"]).out == coldEntitlements.out)
    #expect(try ClaimsBinary.run(["rebuild", ledger.path]).out.contains("agrees with the replay"))

    // A damaged checkpoint: set aside, with a note, and the same answer.
    let path = Checkpoint.path(forJournal: ledger.path)
    var bytes = TemporaryFolder.bytes(path)
    bytes[bytes.count - 2] ^= 0x20
    TemporaryFolder.writeBytes(path, bytes)
    let damaged = try ClaimsBinary.run(["balances", ledger.path, "--format", "json"])
    #expect(damaged.status == 0)
    #expect(damaged.out == cold.out)
    #expect(damaged.err.contains("was set aside (its state does not match its SHA-256); replayed from line 1"))
  }
}
