import ClaimsDomain
import ClaimsTestSupport
import Foundation

/// A journal with money in every state, for the reconcile and export tests: two funds with
/// payments in Liaocheng, a third fund appropriated to Changchun, four payments (one returned by
/// the bank), and a recovery ordered and partly received. Every event goes through the real
/// append path; the expected figures are read back from the events appended, never typed in.
struct ExchangeFixture {
  typealias B = Bureau
  let ledger: LedgerFixture
  /// The payments made: id, bank_ref, fund, amount; PAY-2 is returned.
  let payments: [(payment: String, bankRef: String, fund: Fund, amount: Money)]
  let returned: Set<String> = ["PAY-2"]

  init() throws {
    ledger = try LedgerFixture()
    try ledger.append(
      [
        Self.appropriation(
          "fund-ui", fund: "unemployment-insurance", region: "liaocheng", amount: "50000.00"),
        Self.appropriation(
          "fund-sua", fund: "skills-upgrade-account", region: "changchun", amount: "30000.00"),
        B.enrol(B.trainee3, id: "enr-3", uiBenefit: true),
        B.exam(B.trainee1, id: "exm-1"), B.exam(B.trainee2, id: "exm-2"),
        B.exam(B.trainee3, id: "exm-3"),
        B.claimSubmitted(trainees: [B.trainee1, B.trainee2, B.trainee3]), B.claimApproved(),
      ], at: "2024-10-10T02:00:00.000Z")
    let approved = try ledger.state().claimMoney["CL-1"]!.approved
    let es = approved[.employmentSubsidy]!
    let ui = approved[.unemploymentInsurance]!
    // Three payments from employment-subsidy that leave some of it committed, one from UI.
    payments = [
      ("PAY-1", "B-1", .employmentSubsidy, Money(fen: es.fen / 2)),
      ("PAY-2", "B-2", .employmentSubsidy, Money(fen: es.fen / 4)),
      ("PAY-3", "B-3", .unemploymentInsurance, ui),
      ("PAY-4", "B-4", .employmentSubsidy, Money(fen: es.fen / 8)),
    ]
    try ledger.append(
      payments.enumerated().map { index, p in
        editedLine(
          B.payment(
            p.payment, id: "pay-\(index + 1)", bankRef: p.bankRef, amount: p.amount.decimalString),
          [("fund", .string(p.fund.rawValue))])
      }, at: "2024-10-11T02:00:00.000Z")
    try ledger.append(
      [
        B.paymentReturned("PAY-2", id: "ret-1"),
        B.recoveryOrdered(id: "rec-1", amount: "100.00"),
        B.recoveryReceived(id: "rcv-1", amount: "40.50"),
      ], at: "2024-10-12T02:00:00.000Z")
  }

  static func appropriation(_ id: String, fund: String, region: String, amount: String) -> String {
    eventLine(
      "fund.appropriated", id: id, date: "2024-09-03", actor: B.finance,
      [
        ("fund", .string(fund)), ("region", .string(region)), ("amount", .string(amount)),
        ("reference", "budget"),
      ])
  }

  var path: String { ledger.path }

  /// Writes a file next to the journal.
  func write(_ name: String, _ bytes: [UInt8]) -> String {
    let path = ledger.folder.path(name)
    TemporaryFolder.writeBytes(path, bytes)
    return path
  }

  func write(_ name: String, _ text: String) -> String { write(name, Array(text.utf8)) }

  /// `claims balances --format json` as (fund, region?) → figure → amount.
  func balances(byRegion: Bool) throws -> [String: [String: Money]] {
    var arguments = ["balances", path, "--format", "json"]
    if byRegion { arguments += ["--by", "region"] }
    let run = try ClaimsBinary.run(arguments)
    guard run.status == 0, case .object(let root) = try JSONParser.parse(run.out),
      case .array(let funds)? = root["funds"]
    else { throw ExchangeTestError("balances failed: \(run.err)") }
    var result: [String: [String: Money]] = [:]
    for case .object(let row) in funds {
      guard case .string(let fund)? = row["fund"] else { continue }
      var key = fund
      if case .string(let region)? = row["region"] { key += ":" + region }
      for (name, value) in row.fields where name != "fund" && name != "region" {
        if case .string(let text) = value { result[key, default: [:]][name] = Money(decimal: text) }
      }
    }
    return result
  }
}

struct ExchangeTestError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
