import ClaimsDomain
import ClaimsTestSupport
import Foundation
import Testing

/// `claims audit` and `claims diff` through the binary.
@Suite struct AuditAndDiffTests {
  typealias B = Bureau

  func paidLedger() throws -> LedgerFixture {
    let ledger = try LedgerFixture()
    try ledger.append(B.paidClaim + [B.attendance(B.trainee2, id: "att-other")])
    return ledger
  }

  @Test func anAuditOfAPaymentShowsItsLinesRulesetAndArithmetic() throws {
    let ledger = try paidLedger()
    let result = try ClaimsBinary.run(["audit", ledger.path, "PAY-1"])
    #expect(result.status == 0, "\(result.err)")
    for expected in [
      "approved class C-1", "enrolled 371502********1234 in C-1", "claim CL-1 for 1 trainee(s)",
      "approved claim CL-1", "paid ¥600.00 on CL-1", "LC-2024 sha256 ", "聊人社字〔2024〕12号 附件2（一）第1行",
      "arithmetic: green junior standard ¥600.00",
    ] {
      #expect(result.out.contains(expected), "missing: \(expected)")
    }
    // Trainee 2 is not on the claim: their attendance does not bear on the payment.
    #expect(!result.out.contains("371521********2341: 8 h"))
    #expect(!result.out.contains(B.trainee1))
  }

  @Test func anAuditOfATraineeFollowsTheirClaimsAndMoney() throws {
    let ledger = try paidLedger()
    let result = try ClaimsBinary.run(["audit", ledger.path, B.trainee1])
    #expect(result.status == 0)
    #expect(result.out.contains("Audit trail of trainee 371502********1234"))
    #expect(result.out.contains("paid ¥600.00 on CL-1"))
  }

  @Test func anAuditOfSomethingUnknownIsRefused() throws {
    let ledger = try paidLedger()
    let result = try ClaimsBinary.run(["audit", ledger.path, "NOPE"])
    #expect(result.status == 1)
    #expect(result.err.contains("\"NOPE\" is no payment, claim, class or trainee"))
  }

  @Test func aDiffShowsTheChangeAndTheTopUpAgainstWhatWasApproved() throws {
    let ledger = try paidLedger()
    let changed = TemporaryFolder()
    let shipped = RulesCommandTests.shippedRules
    for name in try FileManager.default.contentsOfDirectory(atPath: shipped.path) where name.hasSuffix(".json") {
      var text = String(decoding: TemporaryFolder.bytes(shipped.appendingPathComponent(name).path), as: UTF8.self)
      if name == "LC-2024.json" {
        text = text.replacingOccurrences(
          of: #""label": "初级", "hours": 40, "amount": "600""#, with: #""label": "初级", "hours": 40, "amount": "550""#)
      }
      changed.write(name, text)
    }
    let result = try ClaimsBinary.run([
      "diff", ledger.path, "--rules", shipped.path, "--with", changed.url.path, "--format", "json",
    ])
    #expect(result.status == 0, "\(result.err)")
    #expect(result.out.contains(#"{"trainee":"371502199001011234","class":"C-1","fund":"employment-subsidy","old_status":"eligible","old_amount":"600.00","new_status":"eligible","new_amount":"550.00","approved":"600.00","adjustment":"-50.00"}"#))
    #expect(result.out.contains(#"{"fund":"employment-subsidy","old":"600.00","new":"550.00","delta":"-50.00","adjustment":"-50.00"}"#))
    let same = try ClaimsBinary.run(["diff", ledger.path, "--rules", shipped.path, "--with", shipped.path])
    #expect(same.out == "no entitlement changes\n")
  }
}
