import ClaimsJournal
import ClaimsTestSupport
import ClaimsWorkload
import Foundation
import Testing

/// A replay that moves its event ids to scratch files as it goes (`CLAIMS_ID_SPILL`, here every
/// 64 ids, where a million is the default) gives what one holding them all in memory gives:
/// the same checkpoint byte for byte — voids finding their targets among the ids moved — and
/// the same answer to an event sent again.
@Suite struct IdSpillTests {
  static var claims: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("claims")
  }

  static func claims(_ arguments: [String], spill: Int? = nil, scratch: String? = nil) throws -> ProcessRun {
    var environment: [String: String] = [:]
    if let spill { environment["CLAIMS_ID_SPILL"] = "\(spill)" }
    if let scratch { environment["TMPDIR"] = scratch }
    return try ProcessRun.run(claims, arguments, environment: environment)
  }

  @Test func aReplayThatSpillsItsIdsSavesTheSameCheckpointAndFindsEveryId() throws {
    let folder = TemporaryFolder("id-spill")
    let (journal, input, spilled) = (folder.path("w.journal"), folder.path("w.jsonl"), folder.path("s.journal"))
    let summary = try Workload(events: 6000, seed: 31).write(journal: journal, input: input)
    let lines = TemporaryFolder.bytes(journal).split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
    #expect(lines.filter { $0.contains("\"type\":\"event.voided\"") }.count >= 5, "voids to look their targets up")
    for suffix in ["", ".head"] { TemporaryFolder.writeBytes(spilled + suffix, TemporaryFolder.bytes(journal + suffix)) }

    let plain = try Self.claims(["rebuild", journal])
    let spilling = try Self.claims(["rebuild", spilled], spill: 64)
    #expect(plain.status == 0 && spilling.status == 0, "\(plain.err)\(spilling.err)")
    // Compared first, so that a failure does not set out megabytes side by side.
    let sameCheckpoint = TemporaryFolder.bytes(journal + ".checkpoint") == TemporaryFolder.bytes(spilled + ".checkpoint")
    #expect(sameCheckpoint)

    // Where no scratch file can be made, the ids stay in memory: the same checkpoint again.
    let (unspilled, folderless) = (folder.path("u.journal"), folder.path("no-such-folder"))
    for suffix in ["", ".head"] { TemporaryFolder.writeBytes(unspilled + suffix, TemporaryFolder.bytes(journal + suffix)) }
    let inMemory = try Self.claims(["rebuild", unspilled], spill: 64, scratch: folderless)
    #expect(inMemory.status == 0, "\(inMemory.err)")
    #expect(!FileManager.default.fileExists(atPath: folderless))
    let sameAgain = TemporaryFolder.bytes(journal + ".checkpoint") == TemporaryFolder.bytes(unspilled + ".checkpoint")
    #expect(sameAgain)

    // Without a checkpoint, the input's first event sent again: found among the first ids moved.
    try FileManager.default.removeItem(atPath: spilled + ".checkpoint")
    let first = try #require(String(decoding: TemporaryFolder.bytes(input), as: UTF8.self).split(separator: "\n").first)
    let again = folder.path("again.jsonl")
    let now = "\(summary.lastDay)T23:59:59.000Z"
    TemporaryFolder.writeBytes(again, Array((first + "\n").utf8))
    let duplicate = try Self.claims(["append", spilled, again, "--now", now], spill: 64)
    #expect(duplicate.status == 0, "\(duplicate.err)")
    #expect(duplicate.out.contains("already at line 2"), "\(duplicate.out)")
    // The same id with other content: refused, naming the reason.
    let changed = first.replacingOccurrences(of: "\"date\":\"", with: "\"date\":\"x")
    #expect(changed != first)
    TemporaryFolder.writeBytes(again, Array((changed + "\n").utf8))
    let conflict = try Self.claims(["append", spilled, again, "--now", now], spill: 64)
    #expect(conflict.status != 0)
    let unchanged = TemporaryFolder.bytes(spilled) == TemporaryFolder.bytes(journal)
    #expect(unchanged, "nothing appended")
  }
}
