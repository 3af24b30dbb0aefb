/// A row of LC-2019 附件1 (聊城市职业技能提升行动2019年培训任务分解表).
struct PlanTableRow: Equatable, Sendable {
  /// 1-based position under the header; the 合计 row is last.
  let ordinal: Int
  /// The unit as printed, with the seed's justification spaces (`冠　县`).
  let printedUnit: String
  /// The unit without those spaces (`冠县`).
  let unit: String
  /// Person-times, from the seed's full-width digits.
  let target: Int
  let isTotal: Bool
  let reference: String
}

/// Extraction of the 2019 county plan table of LC-2019 (聊政办发〔2019〕10号 附件1).
enum LiaochengPlan {
  /// The number in ASCII digits, as SPEC.md and the other seeds write document numbers.
  static let document = "聊政办发〔2019〕10号"

  static func table(_ seed: SeedText) throws(ExtractionError) -> [PlanTableRow] {
    let start = try seed.indexOfLine("附件１")
    let header = try seed.indexOfLine("市本级和县(市、区) 培训计划(人)", from: start)
    var rows: [PlanTableRow] = []
    for index in (header + 1)..<seed.lines.count {
      let line = seed.lines[index].trimmed
      if line.isEmpty { continue }
      // "市本级 ２２００": the unit, one ASCII space, the target in full-width digits.
      guard let space = line.lastIndex(of: " "),
        let target = Int(String(line[line.index(after: space)...]).asciiDigits)
      else { throw seed.error(index, "not a plan row: \(line)") }
      let printed = String(line[..<space])
      let unit = printed.filter { $0 != "\u{3000}" && $0 != " " }
      let ordinal = rows.count + 1
      let isTotal = unit == "合计"
      rows.append(
        PlanTableRow(
          ordinal: ordinal, printedUnit: printed, unit: unit, target: target, isTotal: isTotal,
          reference: "\(document) 附件1 第\(ordinal)行"))
      if isTotal { break }
    }
    guard let total = rows.last, total.isTotal else {
      throw ExtractionError(seed: seed.name, line: header + 1, message: "附件1 has no 合计 row")
    }
    // The table's own arithmetic: a row lost in transcription would break it.
    let sum = rows.dropLast().reduce(0) { $0 + $1.target }
    guard sum == total.target else {
      throw ExtractionError(
        seed: seed.name, line: header + 1, message: "rows sum to \(sum), 合计 is \(total.target)")
    }
    return rows
  }
}
