import ClaimsDomain
import ClaimsTestSupport
import Testing

/// The journal writes events straight to bytes (`writeJSONFields`); tools read them as a
/// `JSONObject`. Both must give the same canonical JSON, value by value.
@Suite struct EventEncodingTests {
  static let trainee = ResidentID("371502199001011234")!
  static let traineeX = ResidentID("11010519491231002X")!

  /// Every type, and the values that are easy to get wrong: escapes, control characters,
  /// non-ASCII text, negative and zero amounts, small years, large and negative numbers.
  static var events: [Event] {
    let date = CivilDate(year: 2024, month: 9, day: 2)!
    let tricky = "引号\"反斜杠\\换行\n回车\r制表\t\u{01}\u{1F}\u{7F}é"
    let bodies: [EventBody] = [
      .journalOpened(JournalOpened(format: 1, admin: "admin")),
      .classRejected(ClassRejected(classID: "C-\"1\"", reason: tricky)),
      .traineeEnrolled(
        TraineeEnrolled(trainee: traineeX, name: "张三", classID: "C-1", categories: [], uiBenefit: true)),
      .attendanceRecorded(AttendanceRecorded(classID: "", trainee: trainee, hours: -7)),
      .attendanceRecorded(AttendanceRecorded(classID: "C", trainee: trainee, hours: Int.max)),
      .attendanceRecorded(AttendanceRecorded(classID: "C", trainee: trainee, hours: Int.min)),
      .examRecorded(
        ExamRecorded(classID: "C-1", trainee: trainee, passed: false, certificateType: .skillLevel)),
      .employmentRecorded(
        EmploymentRecorded(
          trainee: traineeX, employer: tricky, contractStart: CivilDate(year: 7, month: 1, day: 9)!,
          contractMonths: 0, monthlyWage: Money(fen: -5), socialInsurance: false)),
      .claimSubmitted(ClaimSubmitted(claim: "CL-1", classID: "C-1", trainees: [trainee, traineeX], claimant: .institution)),
      .claimApproved(ClaimApproved(claim: "CL-1")),
      .claimApproved(
        ClaimApproved(
          claim: "CL-1",
          decision: ApprovalDecision(
            lines: [
              ApprovedLine(
                trainee: trainee, amount: Money(fen: 60_000), fund: .employmentSubsidy, ruleset: "LC-2024",
                rulesetSHA256: String(repeating: "ab", count: 32), reasons: []),
              ApprovedLine(
                trainee: traineeX, amount: Money(fen: 0), fund: .employmentSubsidy, ruleset: "LC-2024",
                rulesetSHA256: "", reasons: ["no-certificate", tricky]),
            ], total: Money(fen: 60_000)))),
      .claimApproved(ClaimApproved(claim: "CL-2", decision: ApprovalDecision(lines: [], total: Money(fen: 1)))),
      .paymentMade(
        PaymentMade(
          payment: "P", claim: "CL-1", fund: .employmentSubsidy, amount: Money(fen: 123_456_789_01),
          payee: tricky, bankRef: "B")),
      .recoveryOrdered(
        RecoveryOrdered(
          recovery: "R", claim: "CL-1", trainee: trainee, fund: .employmentSubsidy, amount: Money(fen: 99),
          reason: "fraud")),
      .paymentReturned(PaymentReturned(payment: "P", reason: "")),
      .actorRegistered(ActorRegistered(actorID: "clerk-1", role: .clerk, name: tricky)),
      .institutionRegistered(InstitutionRegistered(institution: "I", name: "学校", region: "liaocheng")),
      .planSet(PlanSet(region: "liaocheng", year: 2025, target: 0)),
      .planSet(PlanSet(region: "liaocheng", year: 2025, target: 1200, program: tricky)),
      .minimumWagePublished(MinimumWagePublished(region: "liaocheng", amount: Money(fen: 210_000), reference: "R")),
      .fundAppropriated(FundAppropriated(fund: .employmentSubsidy, region: "liaocheng", amount: Money(fen: 1), reference: "")),
      .classApproved(
        ClassApproved(
          classID: "C-1", institution: "I", region: "liaocheng", category: .green, occupation: "6-18-01-01",
          assessment: .evaluation, start: date, end: date, hoursOffline: 40, hoursOnline: 0, theoryHours: 12,
          plannedSize: 30)),
      .classApproved(
        ClassApproved(
          classID: "P-1", institution: "I", region: "changchun", category: .project, occupation: tricky,
          level: .senior, assessment: .evaluation, start: date, end: date, hoursOffline: 0, hoursOnline: 56,
          theoryHours: 0, plannedSize: 6, funding: .employmentSubsidy, enterprise: "企业", demand: 5)),
      .recoveryReceived(RecoveryReceived(recovery: "R", amount: Money(fen: 10))),
      .eventVoided(EventVoided(target: "e-1", reason: tricky)),
    ]
    return bodies.enumerated().map { index, body in
      Event(id: "e-\(index)-\(tricky)", date: date, actor: tricky, body: body)
    } + [Event(id: "old", date: CivilDate(year: 1, month: 1, day: 1)!, actor: "a", body: bodies[0])]
  }

  @Test func bytesAreTheObjectsCanonicalJSON() {
    for event in Self.events {
      var direct = JSONWriter()
      event.writeJSONFields(into: &direct)
      var viaObject = JSONWriter()
      viaObject.writeFields(event.jsonObject)
      #expect(direct.bytes == viaObject.bytes, "\(String(decoding: viaObject.bytes, as: UTF8.self))")
    }
  }

  /// The direct writer stages bytes in a buffer of `ByteSink.stageCapacity`: values longer
  /// than it, and events whose fields fill it several times over, must come out the same.
  @Test func valuesLongerThanTheStageAreTheObjectsCanonicalJSON() {
    let date = CivilDate(year: 2024, month: 9, day: 2)!
    let trainee = Self.trainee
    var random = SplitMix64(seed: 0x57A6E)
    for round in 0..<200 {
      // Lengths around the stage's size, plain or with an escape somewhere.
      let length = 400 + Int(random.next() % 300)
      var text = String(repeating: "训", count: length / 3) + String(repeating: "x", count: length % 3)
      if round % 3 == 0 { text.insert("\"", at: text.index(text.startIndex, offsetBy: Int(random.next() % 50))) }
      let lineCount = Int(random.next() % 40)
      let lines = (0..<lineCount).map { index in
        ApprovedLine(
          trainee: index % 2 == 0 ? trainee : Self.traineeX, amount: Money(fen: Int64(random.next() % 1_000_000) - 1000),
          fund: .employmentSubsidy, ruleset: "LC-2024", rulesetSHA256: String(repeating: "cd", count: 32),
          reasons: index % 5 == 0 ? [text] : [])
      }
      let bodies: [EventBody] = [
        .classRejected(ClassRejected(classID: "C-1", reason: text)),
        .claimApproved(
          ClaimApproved(claim: "CL-\(round)", decision: ApprovalDecision(lines: lines, total: Money(fen: 7)))),
        .claimSubmitted(
          ClaimSubmitted(
            claim: "CL-\(round)", classID: text, trainees: Array(repeating: trainee, count: lineCount),
            claimant: .individual)),
      ]
      for body in bodies {
        let event = Event(id: "e-\(round)", date: date, actor: round % 2 == 0 ? text : "clerk-1", body: body)
        var direct = JSONWriter()
        direct.raw("{\"seq\":1," as StaticString)  // bytes already in the writer stay first
        event.writeJSONFields(into: &direct)
        var viaObject = JSONWriter()
        viaObject.raw("{\"seq\":1," as StaticString)
        viaObject.writeFields(event.jsonObject)
        #expect(direct.bytes == viaObject.bytes, "round \(round), \(event.type)")
      }
    }
  }

  @Test func bytesParseBackToTheSameValues() throws {
    for event in Self.events {
      var writer = JSONWriter()
      writer.raw("{" as StaticString)
      event.writeJSONFields(into: &writer)
      writer.raw("}" as StaticString)
      guard case .object(let parsed) = try JSONParser.parse(writer.bytes) else {
        Issue.record("not an object")
        continue
      }
      #expect(parsed == event.jsonObject)
    }
  }

  /// Against an escaper written from RFC 8259 alone: `"` and `\` and U+0000–U+001F escaped
  /// (the short forms where JSON has them), everything else as it is.
  @Test func stringsAreEscapedAsRFC8259RequiresAndNoMore() {
    func reference(_ text: String) -> [UInt8] {
      var out: [UInt8] = [0x22]
      for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += Array(#"\""#.utf8)
        case "\\": out += Array(#"\\"#.utf8)
        case "\n": out += Array(#"\n"#.utf8)
        case "\r": out += Array(#"\r"#.utf8)
        case "\t": out += Array(#"\t"#.utf8)
        case _ where scalar.value < 0x20:
          let hex = String(scalar.value, radix: 16)
          out += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
        default: out += Array(String(scalar).utf8)
        }
      }
      return out + [0x22]
    }
    var texts = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
    texts += ["", "plain", "十五个字符以上的中文文本不是小字符串", "a\u{0}b", String(repeating: "x\\", count: 40)]
    for text in texts {
      var writer = JSONWriter()
      writer.writeString(text)
      #expect(writer.bytes == reference(text), "\(text.debugDescription)")
    }
  }

  @Test func integersAreSpelledAsSwiftSpellsThem() {
    for value in [0, 1, -1, 9, 10, 99, 100, 12_345, -12_345, Int.max, Int.min] {
      var writer = JSONWriter()
      writer.writeInt(value)
      #expect(String(decoding: writer.bytes, as: UTF8.self) == String(value))
    }
    var padded = JSONWriter()
    padded.writeUnsigned(7, minimumDigits: 4)
    padded.writeUnsigned(UInt64.max, minimumDigits: 2)
    padded.writeUnsigned(0, minimumDigits: 24)
    padded.writeUnsigned(42, minimumDigits: 0)
    #expect(
      String(decoding: padded.bytes, as: UTF8.self)
        == "0007" + String(UInt64.max) + String(repeating: "0", count: 24) + "42")
  }
}
