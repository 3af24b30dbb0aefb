import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsRules
import ClaimsTestSupport
import Testing

/// An approval computes its entitlements without the words (`EntitlementEngine.explains`):
/// everything it reads must be what the explained computation gives.
@Suite struct EntitlementExplanationTests {
  @Test func unexplainedEntitlementsDecideWhatExplainedOnesDecide() throws {
    let state = try Replay.state(of: try JournalSnapshot.read(path: AppendFactLaneTests.demoJournal))
    let facts = state.allClassFacts
    let explained = EntitlementEngine(library: .shipped).entitlements(of: facts, wages: state.minimumWages)
    let bare = EntitlementEngine(library: .shipped, explains: false).entitlements(of: facts, wages: state.minimumWages)
    #expect(explained.count > 100)
    #expect(Set(explained.map(\.status)).count >= 3)
    #expect(explained.allSatisfy { !$0.arithmetic.isEmpty && $0.explained })
    #expect(bare.allSatisfy { $0.arithmetic.isEmpty && $0.rules.isEmpty && !$0.explained })
    let stripped = explained.map { entitlement in
      var entitlement = entitlement
      (entitlement.rules, entitlement.arithmetic, entitlement.explained) = ([], "", false)
      return entitlement
    }
    #expect(bare == stripped)
  }
}
