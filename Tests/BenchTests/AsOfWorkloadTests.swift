import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsRules
import ClaimsTestSupport
import ClaimsWorkload
import Testing

/// `entitlements --as-of` on the workload's year (project classes read whole, voids, rejected
/// claims, backdated lines): from the whole state, and from the state `--known-at` cuts, the
/// same entitlements as the replay cut at the date.
@Suite struct AsOfWorkloadTests {
  @Test func entitlementsAsOfEachMonthAreTheCutReplays() throws {
    let folder = TemporaryFolder("as-of-workload")
    let journal = folder.path("w.journal")
    _ = try Workload(events: 6000, seed: 31).write(journal: journal)
    let state = try Replay.state(ofJournal: journal).state
    let library = RuleLibrary.shipped
    #expect(!state.history.enrolments.isEmpty, "the workload voids facts")
    #expect(state.history.enrolments.values.contains { $0.values.contains { !$0.claims.isEmpty } }, "and rejects claims")
    let year = state.lastRecorded!.chinaDate.year
    let dates = (1...12).map { CivilDate(year: year, month: $0, day: 15)! } + [CivilDate(year: year, month: 12, day: 31)!]
    var answers: [[Entitlement]] = []
    for date in dates {
      let cut = try Replay.state(ofJournal: journal, cut: ReplayCut(asOf: date)).state
      let asOf = state.entitlements(library: library, asOf: date)
      #expect(asOf == cut.entitlements(library: library), "as of \(date)")
      if answers.last != asOf { answers.append(asOf) }
      for trainee in cut.traineesSeen.sorted().enumerated().filter({ $0.offset % 23 == 0 }).map(\.element) {
        #expect(state.entitlements(library: library, of: [trainee], asOf: date) == cut.entitlements(library: library, of: [trainee]))
      }
      for classID in state.classes.keys.sorted() {
        #expect(state.trainees(ofClass: classID, asOf: date) == cut.traineesOfClass[classID] ?? [], "\(classID) as of \(date)")
      }
    }
    #expect(answers.count > dates.count / 2, "the year's dates should see other entitlements: \(answers.count)")

    // Both cuts: the state known at a time, as of a date.
    let knownAt = Timestamp("\(year)-07-01T00:00:00.000Z")!
    let known = try Replay.state(ofJournal: journal, cut: ReplayCut(knownAt: knownAt)).state
    for date in [CivilDate(year: year, month: 3, day: 31)!, CivilDate(year: year, month: 6, day: 30)!] {
      let both = try Replay.state(ofJournal: journal, cut: ReplayCut(asOf: date, knownAt: knownAt)).state
      #expect(known.entitlements(library: library, asOf: date) == both.entitlements(library: library), "as of \(date)")
    }
  }
}
