import ClaimsDomain
import ClaimsJournal

/// Journal bytes with a valid frame and chain on every line, in the shape of a busy bureau:
/// mostly attendance, with exams and employment records. For measuring the chain check; the
/// events are not meant to replay (the workload generator of a later issue makes those).
enum SyntheticJournal {
  static func bytes(events: Int, seed: UInt64 = 42) -> [UInt8] {
    var random = SplitMix64(seed: seed)
    var output: [UInt8] = []
    output.reserveCapacity(events * 300)
    var previous = SHA256Digest.zero
    let batchSize = 1000
    var seq = 1
    let start = Timestamp("2024-09-01T00:00:00.000Z")!
    while seq <= events {
      let count = seq == 1 ? 1 : min(batchSize, events - seq + 1)
      let recorded = Timestamp(milliseconds: start.milliseconds + Int64(seq) * 1000)
      for index in 1...count {
        let event = seq == 1 ? opened : self.event(seq, &random)
        let line = JournalLine.encode(
          event, seq: seq, recorded: recorded, prev: previous, batchIndex: index, batchCount: count)
        previous = SHA256.hash(line)
        output.append(contentsOf: line)
        output.append(0x0A)
        seq += 1
      }
    }
    return output
  }

  static let opened = Event(
    id: "journal.opened", date: CivilDate("2024-09-01")!, actor: "admin",
    body: .journalOpened(JournalOpened(format: 1, admin: "admin")))

  static func trainee(_ n: Int) -> ResidentID {
    let body = "371" + String(10_000_000_000_000 + n)
    return ResidentID(body + String(ResidentID.checkCharacter(for: body)!))!
  }

  static func event(_ seq: Int, _ random: inout SplitMix64) -> Event {
    let classID = "LC-2024-\(random.below(5000))"
    let trainee = trainee(random.below(300_000))
    let date = CivilDate("2024-09-09")!.adding(days: random.below(100))
    let body: EventBody
    switch random.below(100) {
    case 0..<90:
      body = .attendanceRecorded(AttendanceRecorded(classID: classID, trainee: trainee, hours: 1 + random.below(8)))
    case 90..<97:
      body = .examRecorded(
        ExamRecorded(
          classID: classID, trainee: trainee, passed: true, certificateType: .skillLevel,
          certificateNo: "S2024\(random.below(1_000_000_000))", level: .junior))
    default:
      body = .employmentRecorded(
        EmploymentRecorded(
          trainee: trainee, employer: "聊城市某制造有限公司", contractStart: date, contractMonths: 12,
          monthlyWage: Money(fen: 230_000), socialInsurance: true))
    }
    return Event(id: "e\(seq)", date: date, actor: "clerk-\(random.below(40))", body: body)
  }
}
