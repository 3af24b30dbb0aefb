import ClaimsDomain
@testable import ClaimsLedger
import ClaimsReports
import ClaimsTestSupport
import Testing

/// SPEC §2: tables for people show resident IDs masked wherever they appear — in a detail or a
/// payee as well as in an ID column — and the machine formats keep them whole.
@Suite struct MaskingTests {
  let trainee = Bureau.trainee1

  @Test func everyTableMasksIDsInAnyCell() {
    var table = TextTable(["what", "detail"])
    table.add(["payee", "paid ¥600.00 to \(trainee); claim CL-1 was made by \(Bureau.trainee2)"])
    let text = table.render()
    #expect(!text.contains(trainee) && !text.contains(Bureau.trainee2))
    #expect(text.contains(ResidentID(trainee)!.masked))
  }

  @Test func aSHA256OrALongNumberIsNotMistakenForAnID() {
    let hash = String(repeating: "1234567890", count: 6) + "1234"
    #expect(ResidentIDMask.apply("sha256 \(hash)") == "sha256 \(hash)")
    #expect(ResidentIDMask.apply("line 12 of 34") == "line 12 of 34")
  }

  @Test func findingsAreMaskedInTheTableAndWholeInJSON() {
    let finding = Finding(
      code: "payee-not-claimant", subject: "PAY-1",
      detail: "paid ¥600.00 to \(trainee); claim CL-1 was made by \(Bureau.trainee2)", lines: [7, 9])
    #expect(!FindingsReport.table([finding]).contains(trainee))
    #expect(FindingsReport.json([finding]).contains(trainee))
  }

  @Test func anIDBesideChineseTextOrEndingInXIsMaskedAndTheRestKeptAsItWas() {
    #expect(ResidentIDMask.apply("付给37010219900101123X（张三）") == "付给370102********123X（张三）")
    #expect(ResidentIDMask.apply("id 37010219900101123x.") == "id 370102********123x.")
    // Nineteen digits, or an X inside the run, is not a resident ID.
    #expect(ResidentIDMask.apply("3701021990010112345") == "3701021990010112345")
    #expect(ResidentIDMask.apply("3701021990X101123X") == "3701021990X101123X")
  }
}

/// Column layout of the tables for people.
@Suite struct TextTableTests {
  @Test func columnsAlignByDisplayWidthAndLinesCarryNoTrailingSpaces() {
    var table = TextTable(["fund", "amount"], rightAligned: [1])
    table.add(["失业保险基金", "1.00"])
    table.add(["x", "1200.00"])
    table.add(["", ""])
    let lines = table.render().split(separator: "\n", omittingEmptySubsequences: false)
    #expect(
      lines == [
        "fund           amount", "------------  -------", "失业保险基金     1.00", "x             1200.00", "", "",
      ])
  }
}
