import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsRules
import ClaimsTestSupport
import ClaimsWorkload
import Testing

/// `claims entitlements --trainee` and `--class` judge only the trainees asked about, on all
/// their classes: what each gets must be what the whole computation gives them.
@Suite struct SelectedEntitlementsTests {
  @Test func theTraineesOfAClassOrOneTraineeGetWhatEveryoneComputedGivesThem() throws {
    let folder = TemporaryFolder("selected-entitlements")
    let journal = folder.path("w.journal")
    _ = try Workload(events: 6000, seed: 31).write(journal: journal)
    let state = try Replay.state(ofJournal: journal).state
    let library = RuleLibrary.shipped
    let everyone = state.entitlements(library: library)
    // Trainees in more than one class, and a project class (read whole), are among them.
    #expect(Set(everyone.map(\.trainee)).contains { state.classes(ofTrainee: $0).count > 1 })
    #expect(state.classes.values.contains { EntitlementEngine.readsWholeClass($0.approval) })
    for classID in state.traineesOfClass.keys.sorted() {
      let roster = state.traineesOfClass[classID]!
      let selected = state.entitlements(library: library, of: roster).filter { $0.classID == classID }
      #expect(selected == everyone.filter { $0.classID == classID }, "class \(classID)")
    }
    for trainee in state.traineesSeen.sorted().enumerated().filter({ $0.offset % 7 == 0 }).map(\.element) {
      #expect(state.entitlements(library: library, of: [trainee]) == everyone.filter { $0.trainee == trainee }, "\(trainee.masked)")
    }
  }
}

/// `findings` computes the entitlements without their words and the late claims' again with
/// them: the findings are those that every entitlement with its words gives.
@Suite struct FindingsWithoutWordsTests {
  @Test func findingsAreTheSameWithOrWithoutTheWordsOfEveryEntitlement() throws {
    let folder = TemporaryFolder("findings-words")
    let journal = folder.path("w.journal")
    _ = try Workload(events: 6000, seed: 2024).write(journal: journal)  // two late claims
    let state = try Replay.state(ofJournal: journal).state
    let library = RuleLibrary.shipped
    let today = state.lastRecorded!.chinaDate
    let worded = state.findings(library: library, today: today, entitlements: state.entitlements(library: library))
    let computed = state.findings(library: library, today: today)
    #expect(worded.contains { $0.code == "claim-late" && $0.detail.contains("working days") })
    #expect(computed == worded)
  }
}
