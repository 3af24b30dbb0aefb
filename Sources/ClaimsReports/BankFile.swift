import ClaimsDomain

/// A bank's disbursement file (SPEC §11): CSV with the header `bank_ref,date,payee,amount`
/// (columns in any order), one row per transfer. Read strictly, because a reconciliation built
/// on a misread row would mislead finance: any malformed row refuses the whole file, naming the
/// line (the header is line 1) and the reason.
public struct BankFile: Equatable, Sendable {
  public struct Row: Equatable, Sendable {
    /// The line of the file the row starts on.
    public var line: Int
    public var bankRef: String
    public var date: CivilDate
    public var payee: String
    public var amount: Money
  }

  public static let columns = ["bank_ref", "date", "payee", "amount"]

  public var rows: [Row]

  /// Parses the file's bytes. Blank lines after the header are skipped; spaces around a
  /// `bank_ref`, date or amount are ignored; an amount is yuan with at most two decimals, more
  /// than zero, without signs or thousands separators (`600.00`).
  public init(bytes: [UInt8]) throws(CSVReadError) {
    let records = try CSVReader.records(bytes)
    guard let header = records.first, header.line == 1 else {
      throw CSVReadError(
        line: 1,
        reason: "missing header: the first line must be \(Self.columns.joined(separator: ","))")
    }
    let index = try Self.columnIndex(header)
    var rows: [Row] = []
    var lineOfRef: [String: Int] = [:]
    for record in records.dropFirst() where record.fields != [""] {
      let row = try Self.row(record, index)
      if let earlier = lineOfRef[row.bankRef] {
        throw CSVReadError(
          line: row.line,
          reason: "duplicate bank_ref \"\(row.bankRef)\", already on line \(earlier)")
      }
      lineOfRef[row.bankRef] = row.line
      rows.append(row)
    }
    self.rows = rows
  }

  /// Where each column is, from the header: every name once, nothing else.
  static func columnIndex(_ header: CSVReader.Record) throws(CSVReadError) -> [String: Int] {
    let names = header.fields.map { $0.trimmingSpaces().lowercased() }
    let missing = Self.columns.filter { !names.contains($0) }
    guard missing.isEmpty, names.count == Self.columns.count, Set(names).count == names.count else {
      let found = header.fields.joined(separator: ",")
      throw CSVReadError(
        line: 1,
        reason:
          "missing header: the first line must name the columns \(Self.columns.joined(separator: ",")), "
          + "not \"\(found)\"")
    }
    return Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
  }

  static func row(_ record: CSVReader.Record, _ index: [String: Int]) throws(CSVReadError) -> Row {
    let line = record.line
    guard record.fields.count == Self.columns.count else {
      throw CSVReadError(
        line: line,
        reason: "\(record.fields.count) columns where the header has \(Self.columns.count)")
    }
    func field(_ name: String) -> String { record.fields[index[name]!] }
    let bankRef = field("bank_ref").trimmingSpaces()
    guard !bankRef.isEmpty else { throw CSVReadError(line: line, reason: "bank_ref is empty") }
    let dateText = field("date").trimmingSpaces()
    guard let date = CivilDate(dateText) else {
      throw CSVReadError(line: line, reason: "date \"\(dateText)\" is not a date YYYY-MM-DD")
    }
    let amountText = field("amount").trimmingSpaces()
    guard let amount = Money(decimal: amountText) else {
      throw CSVReadError(
        line: line, reason: "amount \"\(amountText)\" is not an amount of yuan such as 600.00")
    }
    guard amount.fen > 0 else {
      throw CSVReadError(line: line, reason: "amount \(amountText) is not more than zero")
    }
    return Row(line: line, bankRef: bankRef, date: date, payee: field("payee"), amount: amount)
  }
}

extension String {
  /// Without the ASCII spaces and tabs around it.
  func trimmingSpaces() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = firstIndex(where: { !isSpace($0) }),
      let last = lastIndex(where: { !isSpace($0) })
    else {
      return ""
    }
    return String(self[first...last])
  }
}
