import ClaimsDemo
import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsRules
import ClaimsTestSupport
import Testing

@testable import demo_gen

/// Tools/demo-gen and the journal it wrote: the committed file is what the generator writes
/// today (so it cannot rot), it is the one inside the binary, and it verifies and replays.
@Suite struct DemoGeneratorTests {
  @Test func aFreshGenerationEqualsTheCommittedJournalByteForByte() throws {
    let folder = TemporaryFolder()
    let path = folder.path("demo.journal")
    try JournalBuilder.write(DemoYear.build(), opened: DemoYear.opened, to: path)
    let committed = DemoPaths.bytes(DemoPaths.journal)
    #expect(!committed.isEmpty)
    #expect(
      DemoPaths.bytes(path) == committed,
      "Journal/demo.journal is stale: regenerate it with swift run demo-gen")
    #expect(DemoPaths.bytes(path + ".head") == DemoPaths.bytes(DemoPaths.journal + ".head"))
  }

  @Test func anotherSeedGivesAnotherYear() {
    let lines = { (seed: UInt64) in
      DemoYear.build(seed: seed).entries.compactMap { entry -> String? in
        if case .line(let line) = entry.entry { line } else { nil }
      }
    }
    #expect(lines(DemoYear.seed) == lines(DemoYear.seed))
    #expect(lines(DemoYear.seed) != lines(DemoYear.seed + 1))
  }

  @Test func theBinaryCarriesTheCommittedJournal() {
    let embedded = Dictionary(uniqueKeysWithValues: DemoFiles.journal.map { ($0.name, $0.bytes) })
    #expect(embedded["demo.journal"] == DemoPaths.bytes(DemoPaths.journal))
    #expect(embedded["demo.journal.head"] == DemoPaths.bytes(DemoPaths.journal + ".head"))
  }

  @Test func theJournalVerifiesWithItsHeadAndReplays() throws {
    let snapshot = try JournalSnapshot.read(path: DemoPaths.journal)
    #expect(snapshot.scan.head == .matches)
    #expect(snapshot.scan.tail == nil)
    #expect(snapshot.warnings.isEmpty)
    #expect((1_000...3_000).contains(snapshot.scan.lineCount))
    let state = try Replay.state(of: snapshot)
    #expect(state.lastSeq == snapshot.scan.lineCount)
    // Every approval was decided under the rulesets shipped today, byte for byte.
    for claim in state.claims.values where claim.status == .approved {
      for line in claim.decision?.lines ?? [] {
        #expect(
          RuleLibrary.shipped.ruleset(id: line.ruleset)?.sha256 == line.rulesetSHA256,
          "\(claim.submission.claim)")
      }
    }
  }

  @Test func theYearHoldsWhatTheDemoTalksAbout() {
    var types: [EventType: Int] = [:]
    var regions: Set<String> = []
    for (_, _, event) in DemoPaths.events {
      types[event.type, default: 0] += 1
      if case .classApproved(let e) = event.body { regions.insert(e.region) }
    }
    for type in [
      EventType.minimumWagePublished, .planSet, .fundAppropriated, .employmentRecorded,
      .paymentReturned,
      .recoveryOrdered, .recoveryReceived,
    ] {
      #expect(types[type, default: 0] > 0, "\(type.rawValue)")
    }
    #expect(regions.filter { $0.hasPrefix("liaocheng-") }.count >= 4)
    #expect(regions.contains("changchun") && regions.contains("jinan"))
    // Some exams fail; one failure is followed by a pass in the same class.
    var exams: [String: [Bool]] = [:]
    for (_, _, event) in DemoPaths.events {
      if case .examRecorded(let e) = event.body {
        exams[e.classID + e.trainee.value, default: []].append(e.passed)
      }
    }
    #expect(exams.values.contains { $0 == [false] })
    #expect(exams.values.contains { $0 == [false, true] })
    // A fraud recovery; a claim paid in more than one payment.
    let reasons = DemoPaths.events.compactMap { item -> String? in
      if case .recoveryOrdered(let e) = item.event.body { e.reason } else { nil }
    }
    #expect(reasons.contains("fraud"))
    var paymentsByClaim: [String: Int] = [:]
    var returned: Set<String> = []
    for (_, _, event) in DemoPaths.events {
      if case .paymentMade(let e) = event.body { paymentsByClaim[e.claim, default: 0] += 1 }
      if case .paymentReturned(let e) = event.body { returned.insert(e.payment) }
    }
    #expect(!returned.isEmpty)
    #expect(paymentsByClaim.values.contains { $0 > 1 })
  }

  @Test func planTargetsComeFromTheRulesets() {
    let countyPlan = RuleLibrary.shipped.ruleset(id: "LC-2019")!.plans
    for (_, _, event) in DemoPaths.events {
      guard case .planSet(let plan) = event.body, plan.region.hasPrefix("liaocheng-") else {
        continue
      }
      #expect(countyPlan.contains { $0.target == plan.target && $0.unit != nil }, "\(plan.region)")
    }
  }
}
