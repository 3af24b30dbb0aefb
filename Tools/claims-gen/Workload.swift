import ClaimsDomain
import ClaimsRules

/// A synthetic year of a Liaocheng bureau, valid under the shipped rules: classes of the green
/// catalogue with 20–30 trainees each, attendance-heavy, exams, a claim per class, its approval
/// and payment. Events come in batches, each with the `recorded` time it is appended at.
public struct Workload {
  public let events: Int
  public let seed: UInt64

  public init(events: Int, seed: UInt64 = 2024) { (self.events, self.seed) = (events, seed) }

  public static let opened = "2024-08-01T00:00:00.000Z"

  /// Calls `emit` with each batch (recorded time, JSON lines) until about `events` events.
  public func generate(_ emit: (String, [String]) throws -> Void) rethrows {
    var random = SplitMix64(seed: seed)
    let catalog = RuleLibrary.shipped.ruleset(id: "LC-2024")!.catalog.filter { $0.category == .green && $0.code != nil }
    try emit("2024-08-20T00:00:00.000Z", setup())
    var produced = 13
    var classNumber = 0
    var trainee = 0
    // About 180 events a class; starts spread over 280 days, in order, so that batches are
    // recorded in time order.
    let classesPlanned = max(1, events / 180)
    while produced < events {
      classNumber += 1
      let start = CivilDate("2024-09-02")!.adding(days: min(classNumber * 280 / classesPlanned, 300))
      let occupation = catalog[random.below(catalog.count)].code!
      let size = 20 + random.below(11)
      let classID = "LC-\(classNumber)"
      var lines = [classApproved(classID, occupation, start, size)]
      var trainees: [String] = []
      for _ in 0..<size {
        trainee += 1
        let id = Self.residentID(trainee)
        trainees.append(id)
        lines.append(line("trainee.enrolled", "e\(classNumber)-\(trainee)", start, "clerk-1",
          #""trainee":"\#(id)","name":"学员\#(trainee)","class":"\#(classID)","categories":["registered-unemployed"],"ui_benefit":\#(random.below(5) == 0)"#))
        for day in 0..<5 {
          lines.append(line("attendance.recorded", "a\(classNumber)-\(trainee)-\(day)", start.adding(days: day), "clerk-1",
            #""class":"\#(classID)","trainee":"\#(id)","hours":8"#))
        }
        let passed = random.below(10) != 0
        lines.append(line("exam.recorded", "x\(classNumber)-\(trainee)", start.adding(days: 6), "clerk-1",
          #""class":"\#(classID)","trainee":"\#(id)","passed":\#(passed),"certificate_type":"skill-level""#
            + (passed ? #","certificate_no":"S\#(trainee)""# : "")))
      }
      let claimDay = start.adding(days: 8)
      let claim = "CL-\(classNumber)"
      lines.append(line("claim.submitted", "s\(classNumber)", claimDay, "clerk-2",
        #""claim":"\#(claim)","class":"\#(classID)","trainees":[\#(trainees.map { "\"\($0)\"" }.joined(separator: ","))],"claimant":"institution""#))
      lines.append(line("claim.approved", "p\(classNumber)", claimDay, "reviewer-1", #""claim":"\#(claim)""#))
      let recorded = Timestamp(milliseconds: Timestamp(CivilDate.midnightUTC(claimDay.adding(days: 1)))!.milliseconds)
      try emit(recorded.description, lines)
      produced += lines.count
    }
  }

  func setup() -> [String] {
    let day = CivilDate("2024-08-20")!
    var lines: [String] = []
    for (n, (id, role)) in [("clerk-1", "clerk"), ("clerk-2", "clerk"), ("reviewer-1", "reviewer"), ("finance-1", "finance"), ("auditor-1", "auditor")].enumerated() {
      lines.append(line("actor.registered", "act-\(n)", day, "admin", #""actor_id":"\#(id)","role":"\#(role)","name":"\#(id)""#))
    }
    lines.append(line("institution.registered", "inst", day, "admin", #""institution":"lc-school","name":"聊城市技工学校","region":"liaocheng""#))
    for fund in Fund.allCases {
      lines.append(line("fund.appropriated", "fund-\(fund.rawValue)", day, "finance-1",
        #""fund":"\#(fund.rawValue)","region":"liaocheng","amount":"900000000.00","reference":"synthetic""#))
    }
    lines.append(line("plan.set", "plan", day, "admin", #""region":"liaocheng","year":2024,"target":40100"#))
    lines.append(line("minimum_wage.published", "mw", day, "admin", #""region":"liaocheng","amount":"1900","reference":"鲁政字〔2023〕1号""#))
    return lines
  }

  func classApproved(_ id: String, _ occupation: String, _ start: CivilDate, _ size: Int) -> String {
    line("class.approved", "c-\(id)", start.adding(days: -3), "reviewer-1",
      #""class":"\#(id)","institution":"lc-school","region":"liaocheng","category":"green","occupation":"\#(occupation)","level":"junior","assessment":"evaluation","start":"\#(start)","end":"\#(start.adding(days: 7))","hours_offline":40,"hours_online":0,"theory_hours":10,"planned_size":\#(size)"#)
  }

  func line(_ type: String, _ id: String, _ date: CivilDate, _ actor: String, _ fields: String) -> String {
    #"{"type":"\#(type)","id":"\#(id)","date":"\#(date)","actor":"\#(actor)",\#(fields)}"#
  }

  /// A valid resident ID for trainee number `n`.
  public static func residentID(_ n: Int) -> String {
    let body = "371502" + String(19_900_101_000 + n)
    return body + String(ResidentID.checkCharacter(for: body)!)
  }
}

extension CivilDate {
  /// Midnight UTC of the day, as the journal writes it.
  static func midnightUTC(_ date: CivilDate) -> String { "\(date)T00:00:00.000Z" }
}
