import ClaimsDomain
import ClaimsTestSupport
import Foundation
import Testing

/// `claims balances` through the binary: formats, cuts in both times, determinism.
@Suite struct BalancesCommandTests {
  typealias B = Bureau

  /// Setup on 2024-09-09; an approval recorded on 2024-10-10; a payment dated 2024-10-09 but
  /// recorded late, on 2024-11-20.
  func ledgerWithALatePayment() throws -> LedgerFixture {
    let ledger = try LedgerFixture()
    try ledger.append([B.exam(id: "exm-1"), B.claimSubmitted(), B.claimApproved()], at: "2024-10-10T02:00:00.000Z")
    try ledger.append([B.payment(amount: "600")], at: "2024-11-20T02:00:00.000Z")
    return ledger
  }

  @Test func jsonHasTheShapeOfTheSpec() throws {
    let ledger = try ledgerWithALatePayment()
    let result = try ClaimsBinary.run(["balances", ledger.path, "--format", "json"])
    #expect(result.status == 0)
    #expect(result.out == #"{"funds":[{"fund":"employment-subsidy","appropriated":"100000.00","committed":"0.00","paid":"600.00","recovered":"0.00","available":"99400.00"}]}"# + "\n")
    let byRegion = try ClaimsBinary.run(["balances", ledger.path, "--format", "json", "--by", "region"])
    #expect(byRegion.out.contains(#"{"fund":"employment-subsidy","region":"liaocheng","appropriated""#))
  }

  @Test func aPaymentRecordedAfterTheMomentAskedForDoesNotShow() throws {
    let ledger = try ledgerWithALatePayment()
    // What the books said on 2024-10-31: approved, not yet paid.
    let then = try ClaimsBinary.run(["balances", ledger.path, "--known-at", "2024-10-31T16:00:00.000Z", "--format", "csv"])
    #expect(then.out.contains("employment-subsidy,,100000.00,600.00,0.00,0.00,99400.00"))
    // What was true by 2024-10-09, as known now: the late payment is dated that day.
    let asOf = try ClaimsBinary.run(["balances", ledger.path, "--as-of", "2024-10-09", "--format", "csv"])
    #expect(asOf.out.contains("employment-subsidy,,100000.00,0.00,600.00,0.00,99400.00"))
    // Both: as known on 2024-10-31, true by 2024-10-09.
    let both = try ClaimsBinary.run([
      "balances", ledger.path, "--as-of", "2024-10-09", "--known-at", "2024-10-31T16:00:00.000Z", "--format", "csv",
    ])
    #expect(both.out.contains("employment-subsidy,,100000.00,600.00,0.00,0.00,99400.00"))
    let before = try ClaimsBinary.run(["balances", ledger.path, "--as-of", "2024-10-08", "--format", "csv"])
    #expect(before.out.contains("employment-subsidy,,100000.00,0.00,0.00,0.00,100000.00"))
  }

  @Test func twoReplaysGiveIdenticalBytes() throws {
    let ledger = try ledgerWithALatePayment()
    for format in ["table", "csv", "json"] {
      let first = try ClaimsBinary.run(["balances", ledger.path, "--by", "region", "--format", format])
      let second = try ClaimsBinary.run(["balances", ledger.path, "--by", "region", "--format", format])
      #expect(first.out == second.out)
      let entitlementsA = try ClaimsBinary.run(["entitlements", ledger.path, "--format", format])
      let entitlementsB = try ClaimsBinary.run(["entitlements", ledger.path, "--format", format])
      #expect(entitlementsA.out == entitlementsB.out)
    }
  }

  @Test func theTableSpeaksTheClerksLanguage() throws {
    let ledger = try ledgerWithALatePayment()
    let table = try ClaimsBinary.run(["balances", ledger.path])
    #expect(table.out.contains("就业补助资金 (employment-subsidy)"))
    #expect(table.out.contains("¥99,400.00"))
  }

  @Test func badCutsAreUsageErrors() throws {
    let ledger = try ledgerWithALatePayment()
    #expect(try ClaimsBinary.run(["balances", ledger.path, "--as-of", "2024-13-01"]).status == 2)
    #expect(try ClaimsBinary.run(["balances", ledger.path, "--known-at", "noon"]).status == 2)
    #expect(try ClaimsBinary.run(["balances", ledger.path, "--by", "county"]).status == 2)
  }
}
