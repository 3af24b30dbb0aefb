import ClaimsDomain
import ClaimsTestSupport
import Foundation
import Testing

/// `claims reconcile` through the binary, on a journal built through the real append path.
@Suite struct ReconcileCommandTests {
  typealias Row = (bankRef: String, payee: String, amount: Money)

  /// A bank file with one row of each kind: PAY-1 as paid, PAY-3 a yuan short, PAY-2 (returned
  /// in the ledger) listed as paid, PAY-4 absent, and a transfer the ledger never made. With a
  /// byte order mark, CRLF line ends, and payees that need quoting.
  func bankRows(_ fixture: ExchangeFixture) -> [Row] {
    let byPayment = Dictionary(uniqueKeysWithValues: fixture.payments.map { ($0.payment, $0) })
    return [
      (byPayment["PAY-3"]!.bankRef, "inst \"one\"", byPayment["PAY-3"]!.amount - Money(fen: 100)),
      (byPayment["PAY-1"]!.bankRef, "聊城市技工学校, 东校区", byPayment["PAY-1"]!.amount),
      ("B-9", Bureau.trainee1, Money(fen: 1234)),
      (byPayment["PAY-2"]!.bankRef, "inst-1", byPayment["PAY-2"]!.amount),
    ]
  }

  func bankFile(_ rows: [Row]) -> [UInt8] {
    var text = "bank_ref,date,payee,amount\r\n"
    for row in rows {
      text +=
        [row.bankRef, "2024-10-10", CSVQuote.field(row.payee), row.amount.decimalString].joined(
          separator: ",") + "\r\n"
    }
    return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
  }

  @Test func everyCategoryAndTheTotalsPerFund() throws {
    let fixture = try ExchangeFixture()
    let rows = bankRows(fixture)
    let bank = fixture.write("bank.csv", bankFile(rows))
    let run = try ClaimsBinary.run(["reconcile", fixture.path, "--bank", bank, "--format", "json"])
    #expect(run.status == 0, "\(run.err)")
    let root = try object(run.out)
    #expect(
      root.fields.map(\.key).prefix(5) == [
        "matched", "amount_mismatch", "missing_in_bank", "unknown_in_ledger", "returned_in_ledger",
      ])

    // Expected from the payments appended and the rows written, independently of the command.
    let bankByRef = Dictionary(uniqueKeysWithValues: rows.map { ($0.bankRef, $0) })
    let live = fixture.payments.filter { !fixture.returned.contains($0.payment) }
    let matched = live.filter { bankByRef[$0.bankRef]?.amount == $0.amount }.map(\.bankRef)
    let mismatched = live.filter { payment in
      bankByRef[payment.bankRef].map { $0.amount != payment.amount } ?? false
    }
    let missing = live.filter { bankByRef[$0.bankRef] == nil }.map(\.bankRef)
    let refs = Set(fixture.payments.map(\.bankRef))
    let unknown = rows.filter { !refs.contains($0.bankRef) }.map(\.bankRef)
    let returned = fixture.payments.filter {
      fixture.returned.contains($0.payment) && bankByRef[$0.bankRef] != nil
    }
    let counts: [Int] = [
      matched.count, mismatched.count, missing.count, unknown.count, returned.count,
    ]
    #expect(counts == [1, 1, 1, 1, 1], "the bank file has one row of each kind")

    #expect(try refsOf(root, "matched") == matched)
    #expect(try refsOf(root, "missing_in_bank") == missing)
    #expect(try refsOf(root, "unknown_in_ledger") == unknown)
    #expect(try refsOf(root, "returned_in_ledger") == returned.map(\.bankRef))
    let mismatch = try list(root, "amount_mismatch")
    #expect(mismatch.count == 1)
    #expect(
      mismatch.first?.fields.prefix(3).map(\.key) == ["bank_ref", "ledger_amount", "bank_amount"])
    #expect(mismatch.first?["bank_ref"] == .string(mismatched[0].bankRef))
    #expect(mismatch.first?["ledger_amount"] == .string(mismatched[0].amount.decimalString))
    #expect(
      mismatch.first?["bank_amount"]
        == .string(bankByRef[mismatched[0].bankRef]!.amount.decimalString))

    // Totals: ledger = payments not returned, which is also what `claims balances` calls paid;
    // bank = the rows of the ledger's payments, by the payment's fund.
    var ledgerTotal: [String: Money] = [:]
    var bankTotal: [String: Money] = [:]
    for payment in live { ledgerTotal[payment.fund.rawValue, default: .zero] += payment.amount }
    for payment in fixture.payments {
      if let row = bankByRef[payment.bankRef] {
        bankTotal[payment.fund.rawValue, default: .zero] += row.amount
      }
    }
    let paid = try fixture.balances(byRegion: false).compactMapValues { $0["paid"] }.filter {
      $0.value.fen != 0
    }
    #expect(paid == ledgerTotal)
    var totals: [String: (ledger: Money, bank: Money)] = [:]
    for case .object(let total) in try array(root, "totals") {
      guard case .string(let fund)? = total["fund"], case .string(let l)? = total["ledger"],
        case .string(let b)? = total["bank"]
      else {
        Issue.record("a total without fund, ledger, bank")
        continue
      }
      totals[fund] = (Money(decimal: l)!, Money(decimal: b)!)
    }
    #expect(Set(totals.keys) == Set(ledgerTotal.keys).union(bankTotal.keys))
    for (fund, total) in totals {
      #expect(total.ledger == ledgerTotal[fund] ?? .zero, "ledger total of \(fund)")
      #expect(total.bank == bankTotal[fund] ?? .zero, "bank total of \(fund)")
    }
  }

  @Test func theTableSpeaksFinancesLanguage() throws {
    let fixture = try ExchangeFixture()
    let bank = fixture.write("bank.csv", bankFile(bankRows(fixture)))
    let run = try ClaimsBinary.run(["reconcile", fixture.path, "--bank", bank])
    #expect(run.status == 0)
    #expect(run.out.contains("就业补助资金 (employment-subsidy)"))
    #expect(run.out.contains("失业保险基金 (unemployment-insurance)"))
    let pay1 = fixture.payments[0].amount
    #expect(run.out.contains(pay1.displayString))
    // The unknown row's payee is a resident ID: masked for people.
    #expect(run.out.contains(ResidentID(Bureau.trainee1)!.masked))
    #expect(!run.out.contains(Bureau.trainee1))
    let again = try ClaimsBinary.run(["reconcile", fixture.path, "--bank", bank])
    #expect(again.out == run.out)
  }

  /// Each malformed file, the line the message must name, and words of the reason.
  static let malformed: [(name: String, text: String, line: Int, reason: String)] = [
    ("empty", "", 1, "missing header"),
    ("no header", "B-1,2024-10-09,inst-1,600.00\n", 1, "missing header"),
    ("a header column twice", "bank_ref,date,payee,payee\n", 1, "missing header"),
    (
      "too few columns",
      "bank_ref,date,payee,amount\nB-1,2024-10-09,inst-1,600.00\nB-2,2024-10-09,600.00\n", 3,
      "3 columns where the header has 4"
    ),
    (
      "too many columns", "bank_ref,date,payee,amount\nB-1,2024-10-09,inst,1,600.00\n", 2,
      "5 columns"
    ),
    (
      "bad date", "bank_ref,date,payee,amount\nB-1,2024-02-30,inst-1,600.00\n", 2,
      "date \"2024-02-30\""
    ),
    (
      "date in another form", "bank_ref,date,payee,amount\nB-1,2024/10/09,inst-1,600.00\n", 2,
      "date \"2024/10/09\""
    ),
    (
      "letters for digits", "bank_ref,date,payee,amount\nB-1,2024-10-09,inst-1,6OO.00\n", 2,
      "amount \"6OO.00\""
    ),
    (
      "thousands separator", "bank_ref,date,payee,amount\nB-1,2024-10-09,inst-1,\"1,200.00\"\n", 2,
      "amount \"1,200.00\""
    ),
    (
      "three decimals", "bank_ref,date,payee,amount\nB-1,2024-10-09,inst-1,600.001\n", 2,
      "amount \"600.001\""
    ),
    (
      "negative", "bank_ref,date,payee,amount\nB-1,2024-10-09,inst-1,-600.00\n", 2,
      "amount \"-600.00\""
    ),
    ("zero", "bank_ref,date,payee,amount\nB-1,2024-10-09,inst-1,0.00\n", 2, "not more than zero"),
    (
      "empty bank_ref", "bank_ref,date,payee,amount\n ,2024-10-09,inst-1,600.00\n", 2,
      "bank_ref is empty"
    ),
    (
      "duplicate bank_ref after a two-line payee",
      "bank_ref,date,payee,amount\nB-1,2024-10-09,\"inst\n(east)\",600.00\nB-2,2024-10-09,inst-1,1.00\nB-1,2024-10-09,inst-1,600.00\n",
      5, "duplicate bank_ref \"B-1\", already on line 2"
    ),
    (
      "unclosed quote", "bank_ref,date,payee,amount\nB-1,2024-10-09,\"inst-1,600.00\n", 2,
      "never closed"
    ),
  ]

  @Test func everyMalformedFileIsRefusedWithItsLineAndReason() throws {
    let fixture = try ExchangeFixture()
    for (index, (name, text, line, reason)) in Self.malformed.enumerated() {
      let bank = fixture.write("bank-\(index).csv", text)
      let run = try ClaimsBinary.run([
        "reconcile", fixture.path, "--bank", bank, "--format", "json",
      ])
      #expect(run.status == 1, "\(name)")
      #expect(run.out.isEmpty, "\(name)")
      #expect(run.err.contains("line \(line): "), "\(name): \(run.err)")
      #expect(run.err.contains(reason), "\(name): \(run.err)")
    }
  }

  @Test func usageAndMissingFiles() throws {
    let fixture = try ExchangeFixture()
    #expect(try ClaimsBinary.run(["reconcile", fixture.path]).status == 2)
    #expect(
      try ClaimsBinary.run(["reconcile", fixture.path, "--bank", "x.csv", "--format", "csv"]).status
        == 2)
    let missing = try ClaimsBinary.run([
      "reconcile", fixture.path, "--bank", fixture.ledger.folder.path("none.csv"),
    ])
    #expect(missing.status == 1)
    #expect(missing.err.contains("there is no such file"))
    let help = try ClaimsBinary.run(["reconcile", "--help"])
    #expect(
      help.status == 0 && help.out.contains("Usage: claims reconcile JOURNAL --bank FILE.csv"))
  }

  // MARK: Reading the JSON

  func object(_ text: String) throws -> JSONObject {
    guard case .object(let object) = try JSONParser.parse(text) else {
      throw ExchangeTestError("not an object")
    }
    return object
  }

  func array(_ root: JSONObject, _ key: String) throws -> [JSONValue] {
    guard case .array(let items)? = root[key] else { throw ExchangeTestError("no list \(key)") }
    return items
  }

  func list(_ root: JSONObject, _ key: String) throws -> [JSONObject] {
    try array(root, key).compactMap { if case .object(let item) = $0 { item } else { nil } }
  }

  func refsOf(_ root: JSONObject, _ key: String) throws -> [String] {
    try list(root, key).compactMap {
      if case .string(let ref)? = $0["bank_ref"] { ref } else { nil }
    }
  }
}

/// RFC 4180 quoting for the bank files the tests write, kept apart from `CSVWriter` so that the
/// reader is not only tested against its own writer.
enum CSVQuote {
  static func field(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { ",\"\r\n".unicodeScalars.contains($0) }) else {
      return text
    }
    return "\""
      + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"")
      + "\""
  }
}
