import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsRules
import ClaimsTestSupport
import Testing

/// `claim.approved` is enriched on append: the journal records what was decided and under
/// which exact ruleset, and a later rule change never alters that record.
@Suite struct ApprovalDecisionTests {
  typealias B = Bureau

  @Test func anApprovalWritesEachTraineesLineWithTheRulesetAndItsHash() throws {
    let ledger = try LedgerFixture()
    try ledger.append([
      B.exam(id: "exm-1"), B.exam(B.trainee2, id: "exm-2", passed: false),
      B.claimSubmitted(trainees: [B.trainee1, B.trainee2]), B.claimApproved(),
    ])
    let decision = try #require(try ledger.state().claims["CL-1"]?.decision)
    let lc2024 = try #require(RuleLibrary.shipped.ruleset(id: "LC-2024"))
    #expect(decision.total == Money(decimal: "600"))
    #expect(decision.lines.map(\.amount) == [Money(decimal: "600")!, .zero])
    #expect(decision.lines.map(\.reasons) == [[], [Reason.examFailed]])
    #expect(decision.lines.allSatisfy { $0.ruleset == "LC-2024" && $0.rulesetSHA256 == lc2024.sha256 })
    // The line in the journal carries it, for any reader of the file.
    let text = String(decoding: TemporaryFolder.bytes(ledger.path), as: UTF8.self)
    #expect(text.contains(#""lines":[{"trainee":"371502199001011234","amount":"600.00","fund":"employment-subsidy","ruleset":"LC-2024","ruleset_sha256":"\#(lc2024.sha256)"}"#))
    #expect(text.contains(#""total":"600.00""#))
  }

  @Test func resendingAnApprovalIsADuplicateThoughTheLedgerEnrichedIt() throws {
    let ledger = try LedgerFixture()
    try ledger.append([B.exam(id: "exm-1"), B.claimSubmitted(), B.claimApproved()])
    let report = try ledger.append([B.claimApproved()])
    #expect(report.duplicates.map(\.id) == ["apr-1"])
  }
}
