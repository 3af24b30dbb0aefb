import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsTestSupport
import ClaimsWorkload
import Testing

/// The replay's shortcuts must change nothing: on a realistic year (voids, resits, returns,
/// recoveries), the fast lane for attendance and exams gives the state the general way gives,
/// and money as of any date read from the daily movements equals a replay cut at that date.
@Suite struct ReplayLaneTests {
  static func workload() throws -> JournalSnapshot {
    let folder = TemporaryFolder("replay-lanes")
    let journal = folder.path("w.journal")
    _ = try Workload(events: 3000, seed: 77).write(journal: journal)
    return try JournalSnapshot.read(path: journal)
  }

  @Test func theFactLaneFoldsExactlyAsTheGeneralWay() throws {
    let snapshot = try Self.workload()
    let fast = try Replay.state(of: snapshot)
    let general = try Replay.state(of: snapshot, factLane: false)
    #expect(fast == general)
    #expect(fast.enrolments.values.contains { !$0.attendance.isEmpty })
    #expect(fast.voided.count > 0, "the workload should void some facts")
  }

  /// A replay cut at a date takes the lane too; it must leave out and keep what the general
  /// way does, and fold what it keeps the same.
  @Test func aCutReplayFoldsExactlyAsTheGeneralWay() throws {
    let snapshot = try Self.workload()
    let days = try Replay.state(of: snapshot).fundLedger.movements.keys.sorted()
    var enrolled = 0
    for date in stride(from: 0, to: days.count, by: max(1, days.count / 12)).map({ days[$0] }) + [days.last!.adding(days: 400)] {
      let fast = try Replay.state(of: snapshot, cut: ReplayCut(asOf: date))
      let general = try Replay.state(of: snapshot, cut: ReplayCut(asOf: date), factLane: false)
      #expect(fast == general, "as of \(date)")
      enrolled = max(enrolled, fast.enrolments.count)
    }
    #expect(enrolled > 100)
  }

  @Test func moneyAsOfADateEqualsAReplayCutThere() throws {
    let snapshot = try Self.workload()
    let state = try Replay.state(of: snapshot)
    let days = state.fundLedger.movements.keys.sorted()
    #expect(days.count > 5)
    // Every day with movements, the day before each, and one after the last.
    let dates = days + days.map { $0.adding(days: -1) } + [days.last!.adding(days: 1)]
    var nonEmpty = 0
    // A third of them keeps the test quick; the seed makes it the same third every run.
    for (index, date) in Set(dates).sorted().enumerated() where index % 3 == 0 {
      let cut = try Replay.state(of: snapshot, cut: ReplayCut(asOf: date))
      #expect(state.funds(asOf: date) == cut.funds, "as of \(date)")
      if !cut.funds.isEmpty { nonEmpty += 1 }
    }
    #expect(nonEmpty > 5)
  }
}
