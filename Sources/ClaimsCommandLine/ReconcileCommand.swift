import ClaimsJournal
import ClaimsLedger
import ClaimsReports

/// `claims reconcile JOURNAL --bank FILE.csv [--format table|json]`
enum ReconcileCommand: Subcommand {
  static let name = "reconcile"
  static let summary = "the ledger's payments against a bank disbursement file"
  static let help = """
    Usage: claims reconcile JOURNAL --bank FILE.csv [--format table|json]

    Replays the whole journal and matches its payments (payment.made) with the rows of a bank
    disbursement file on bank_ref:
      matched             same bank_ref, same amount
      amount mismatch     same bank_ref, different amounts (ledger_amount, bank_amount)
      missing in bank     a payment of the ledger the bank file does not list
      unknown in ledger   a bank row whose bank_ref no payment carries
      returned in ledger  a bank row of a payment the ledger records as returned
                          (payment.returned): such a payment is not expected as paid, so it
                          is never missing; listed by the bank, it is reported here
    and totals per fund: ledger = payments not returned (the balances report's paid); bank =
    the amounts of bank rows whose bank_ref is a payment of that fund. Bank rows unknown in the
    ledger belong to no fund and are summed apart.

    The bank file is CSV (RFC 4180, UTF-8, a byte order mark is tolerated) with the header
    bank_ref,date,payee,amount (any column order); date YYYY-MM-DD, amount yuan such as 600.00
    (more than zero, no sign, no thousands separator). Blank lines are skipped. A malformed row
    (wrong column count, bad date, bad amount, empty or duplicate bank_ref, missing header)
    refuses the file with exit 1, naming its line (the header is line 1) and the reason.
      --bank FILE   the bank's disbursement file
      --format F    table (default; Chinese fund names, ¥ amounts, resident IDs masked) or json:
                    {"matched","amount_mismatch","missing_in_bank","unknown_in_ledger",
                     "returned_in_ledger","totals":[{"fund","ledger","bank"}]}
    Discrepancies are reported, not refused: the exit status is 0 when the report is printed.

    """

  static func run(_ words: [String], _ terminal: Terminal) throws -> Int32 {
    let arguments = try Arguments(words, valued: ["bank", "format"])
    try arguments.expectPositionals(1)
    let path = try arguments.positional(0, "JOURNAL")
    let bankPath = try arguments.required("bank")
    let format = try RulesOption.format(arguments, ["table", "json"])
    let bank: BankFile
    do {
      guard let bytes = try FilePaths.readIfPresent(bankPath) else {
        terminal.err("claims \(name): \(bankPath): there is no such file")
        return 1
      }
      bank = try BankFile(bytes: bytes)
    } catch let error as CSVReadError {
      terminal.err("claims \(name): \(bankPath) \(error)")
      return 1
    }
    let (_, state) = try CutOptions.state(path, arguments, terminal, command: name, checkpointRules: .shipped)
    let result = Reconciliation(state: state, bank: bank)
    terminal.writeOut(
      format == "json" ? ReconcileReport.json(result) : ReconcileReport.table(result))
    return 0
  }
}
