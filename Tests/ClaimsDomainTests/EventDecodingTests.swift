import ClaimsDomain
import ClaimsTestSupport
import Testing

@Suite struct EventDecodingTests {
  func decode(_ line: String, ledgerFields: Bool = false) throws -> Event {
    guard case .object(let object) = try JSONParser.parse(line) else {
      throw EventDecodingError(.notAnObject, field: nil, "not an object")
    }
    return try Event.decode(object, ledgerFields: ledgerFields)
  }

  func code(_ line: String) -> EventDecodingError.Code? {
    do {
      _ = try decode(line)
      return nil
    } catch let error as EventDecodingError {
      return error.code
    } catch {
      return nil
    }
  }

  let exam = eventLine(
    "exam.recorded", id: "e1", date: "2024-09-21", actor: "clerk-1",
    [
      ("class", "C-1"), ("trainee", "371502199001011234"), ("passed", true),
      ("certificate_type", "skill-level"), ("certificate_no", "S1"), ("level", "junior"),
    ])

  @Test func everyBureauEventDecodesAndEncodesBackToTheSameLine() throws {
    let lines =
      Bureau.setup + [
        exam, Bureau.claimSubmitted(), Bureau.claimApproved(), Bureau.payment(),
        eventLine(
          "employment.recorded", id: "emp", date: "2024-10-01", actor: "clerk-1",
          [
            ("trainee", "371502199001011234"), ("employer", "某公司"), ("contract_start", "2024-10-01"),
            ("contract_months", 12), ("monthly_wage", "2100"), ("social_insurance", true),
          ]),
      ]
    for line in lines {
      let event = try decode(line)
      let again = try Event.decode(event.jsonObject, ledgerFields: false)
      #expect(again == event, "\(line)")
    }
  }

  @Test func unknownTypeIsNamed() {
    #expect(code(editedLine(exam, [("type", "exam.taken")])) == .unknownType)
  }

  @Test func aMisspeltFieldIsReportedAsUnknownNotMissing() {
    let misspelt = editedLine(exam, [("passed", .null), ("pased", true)])
    #expect(code(misspelt) == .unknownField)
  }

  @Test func missingFieldIsNamed() throws {
    do {
      _ = try decode(editedLine(exam, [("class", .null)]))
      Issue.record("accepted an exam without a class")
    } catch let error as EventDecodingError {
      #expect(error.code == .missingField)
      #expect(error.field == "class")
    }
  }

  @Test func aPassedExamNeedsItsCertificateNumber() {
    #expect(code(editedLine(exam, [("certificate_no", .null)])) == .missingField)
    #expect(code(editedLine(exam, [("certificate_no", .null), ("passed", false)])) == nil)
  }

  @Test func theLedgersOwnFieldsAreRefusedInInput() throws {
    let approval = editedLine(Bureau.claimApproved(), [("total", "600.00")])
    #expect(code(approval) == .ledgerField)
    let line = editedLine(Bureau.claimApproved(), [("lines", .array([])), ("total", "0")])
    #expect(try decode(line, ledgerFields: true).type == .claimApproved)
  }

  @Test func wrongTypesAreRefused() {
    #expect(code(editedLine(exam, [("passed", "yes")])) == .wrongType)
    #expect(code(editedLine(Bureau.classApproved(), [("hours_offline", "40")])) == .wrongType)
  }

  @Test func moneyMustBeADecimalStringWithAtMostTwoDecimals() {
    let payment = Bureau.payment()
    #expect(code(editedLine(payment, [("amount", 600)])) == .invalidMoney)
    #expect(code(editedLine(payment, [("amount", "600.001")])) == .invalidMoney)
    #expect(code(editedLine(payment, [("amount", "0")])) == .invalidMoney)
    #expect(code(editedLine(payment, [("amount", "600.5")])) == nil)
  }

  @Test func datesMustBeRealCalendarDates() {
    #expect(code(editedLine(exam, [("date", "2024-02-30")])) == .invalidDate)
    #expect(code(editedLine(exam, [("date", "2024/09/21")])) == .invalidDate)
  }

  @Test func residentIDsMustCarryTheRightCheckCharacter() {
    #expect(code(editedLine(exam, [("trainee", "371502199001011235")])) == .invalidResidentID)
    let claim = Bureau.claimSubmitted(trainees: ["371502199001011234", "12345"])
    #expect(code(claim) == .invalidResidentID)
  }

  @Test func codesAndRangesAreChecked() {
    #expect(code(editedLine(exam, [("certificate_type", "diploma")])) == .invalidValue)
    #expect(code(editedLine(Bureau.classApproved(), [("end", "2024-09-01")])) == .invalidValue)
    #expect(code(editedLine(Bureau.classApproved(), [("theory_hours", 41)])) == .invalidValue)
    #expect(code(editedLine(Bureau.classApproved(), [("demand", 10)])) == .invalidValue)
    #expect(code(editedLine(Bureau.classApproved(), [("region", "Liao Cheng")])) == .invalidValue)
    #expect(code(editedLine(exam, [("id", "has space")])) == .invalidValue)
    #expect(code(editedLine(Bureau.classApproved(), [("category", "project")])) == .missingField)
  }

  @Test func attendanceHoursAreWholeHoursOfADay() {
    let attendance = eventLine(
      "attendance.recorded", id: "a", date: "2024-09-10", actor: "clerk-1",
      [("class", "C-1"), ("trainee", "371502199001011234"), ("hours", 8)])
    #expect(code(attendance) == nil)
    #expect(code(editedLine(attendance, [("hours", .number("7.5"))])) == .invalidValue)
    #expect(code(editedLine(attendance, [("hours", 25)])) == .invalidValue)
  }
}
