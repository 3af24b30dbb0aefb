import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsRules
import ClaimsTestSupport
import Testing

/// `--as-of` from the whole state (`LedgerState+Facts`, `EnrolmentRecord+AsOf`): the facts
/// as of a date read from the facts now and what voids and rejections took from them must be
/// what a replay of the lines dated by then gives, on every date, for every trainee and class,
/// and so must the findings.
@Suite struct AsOfFactsTests {
  typealias B = Bureau

  static let first = CivilDate("2024-09-01")!
  static let last = CivilDate("2024-12-31")!

  /// Seeded random histories (seeds that reach every finding but a late claim, which the
  /// workload's test has, and a project class judged on its trainees' employment), dated out
  /// of order (every line recorded on 2025-06-30, each
  /// dated any day of four months): enrolments, attendance, exams and employment records,
  /// voided at random, some dated before what they void; enrolments again after a void; claims
  /// submitted, rejected and submitted again; a class withdrawn; minimum wages; payments, to
  /// the institution or not; recoveries and their receipts.
  @Test(arguments: [1, 6, 7, 8, 9, 10, 11, 14] as [UInt64])
  func factsAsOfEveryDateAreWhatTheReplayCutThereGives(seed: UInt64) throws {
    let (ledger, tally) = try Self.journal(seed: seed)
    let path = ledger.path
    let state = try Replay.state(ofJournal: path).state
    let library = RuleLibrary.shipped
    for kind in ["enrolment voided", "attendance voided", "exam voided", "employment voided", "enrolled again",
      "claim.rejected accepted", "claimed again"]
    {
      #expect(tally[kind, default: 0] > 0, "seed \(seed) never saw \(kind): \(tally)")
    }
    let nowLines = Self.lines(of: state)
    var findingCodes: Set<String> = []
    var datesThatDifferFromNow = 0
    var projectReasons: Set<String> = []
    var datesThatShowWhatIsVoidedNow = 0
    // Past the last date by more than 90 days: recovery orders fall overdue.
    for day in (Self.first.daysSinceEpoch - 1)...(Self.last.daysSinceEpoch + 100) {
      let date = CivilDate(daysSinceEpoch: day)
      let cut = try Replay.state(ofJournal: path, cut: ReplayCut(asOf: date)).state
      let expected = cut.entitlements(library: library)
      let asOf = state.entitlements(library: library, asOf: date)
      #expect(asOf == expected, "seed \(seed), as of \(date)")
      if asOf != state.entitlements(library: library) { datesThatDifferFromNow += 1 }
      for e in asOf where e.classID == "P-0" { projectReasons.formUnion(e.reasons) }
      let findings = state.findings(library: library, today: date, asOf: date)
      #expect(findings == cut.findings(library: library, today: date), "seed \(seed), findings as of \(date)")
      findingCodes.formUnion(findings.map(\.code))
      for classID in state.classes.keys.sorted() {
        let roster = cut.traineesOfClass[classID] ?? []
        #expect(state.trainees(ofClass: classID, asOf: date) == roster, "seed \(seed), \(classID) as of \(date)")
      }
      // What the facts now no longer hold, which only their history can give back.
      if !Self.lines(of: cut).isSubset(of: nowLines) { datesThatShowWhatIsVoidedNow += 1 }
      for trainee in cut.traineesSeen.sorted() {
        #expect(
          state.entitlements(library: library, of: [trainee], asOf: date) == cut.entitlements(library: library, of: [trainee]),
          "seed \(seed), \(trainee.masked) as of \(date)")
      }
    }
    #expect(datesThatDifferFromNow > 30, "seed \(seed): the dates should see different facts")
    let codes: Set = ["double-attendance", "over-8-hours", "over-planned-size", "payee-not-claimant", "recovery-overdue"]
    #expect(findingCodes == codes, "seed \(seed) found \(findingCodes.sorted())")
    // The project class judged on its trainees' employment as of each date.
    #expect(projectReasons.contains { $0.hasPrefix("project-employment") }, "seed \(seed): \(projectReasons)")
    #expect(datesThatShowWhatIsVoidedNow > 10, "seed \(seed): dates before the voids should show what they took")
  }

  /// The lines of a state's enrolments and of their facts.
  static func lines(of state: LedgerState) -> Set<Int> {
    Set(state.enrolments.values.flatMap { [$0.seq] + $0.attendance.map(\.seq) + $0.exams.map(\.seq) })
  }

  /// Money as of a date is what the ledger booked, by each event's date — even where a cut
  /// replay books nothing: here a claim dated before its class's approval (nothing refuses
  /// that) is approved; a replay cut between the two dates holds the claim and its approval
  /// but not the class, and books no commitment for it.
  @Test func moneyAsOfADateIsWhatTheLedgerBookedThen() throws {
    let ledger = try LedgerFixture()
    let lateClass = B.classApproved("C-2", id: "cls-2", date: "2024-10-05")
    try ledger.append(
      [lateClass, B.enrol(B.trainee1, id: "enr-9", classID: "C-2", date: "2024-09-10"),
        editedLine(B.exam(id: "exm-9"), [("class", "C-2")]),
        editedLine(B.claimSubmitted(), [("class", "C-2"), ("date", "2024-10-01")]),
        editedLine(B.claimApproved(), [("date", "2024-10-02")])],
      at: "2024-10-10T00:00:00.000Z")
    let state = try ledger.state()
    let date = CivilDate("2024-10-03")!
    let committed = state.fundLedger.balances(asOf: date).values.reduce(Money.zero) { $0 + $1.committed }
    #expect(committed == state.claims["CL-1"]!.decision!.total)
    #expect(committed > .zero)
    let cut = try Replay.state(ofJournal: ledger.path, cut: ReplayCut(asOf: date)).state
    #expect(cut.claims["CL-1"]?.status == .approved && cut.classes["C-2"] == nil)
    #expect(cut.funds.values.allSatisfy { $0.committed == .zero })
  }

  /// A journal of one batch of random lines that the ledger accepts, and what it accepted.
  static func journal(seed: UInt64) throws -> (ledger: LedgerFixture, tally: [String: Int]) {
    let run = MachineRun(seed: seed, model: ())
    var accepted: [String] = []
    var tally: [String: Int] = [:]
    func offer(_ line: String, _ kind: String? = nil) -> Bool {
      guard run.offer(line) else { return false }
      accepted.append(line)
      if let kind { tally[kind, default: 0] += 1 }
      return true
    }
    func day(_ from: CivilDate = first, _ to: CivilDate = last) -> CivilDate {
      CivilDate(daysSinceEpoch: from.daysSinceEpoch + run.random.below(max(1, to.daysSinceEpoch - from.daysSinceEpoch + 1)))
    }
    let opened = eventLine(
      "journal.opened", id: "journal.opened", date: "2024-09-01", actor: B.admin, [("format", 1), ("admin", .string(B.admin))])
    #expect(run.offer(opened))
    for line in B.setup.dropLast(3) { #expect(offer(line)) }
    #expect(offer(editedLine(B.setup[8], [("id", "fund-2"), ("amount", "9000000.00")])))
    // Four classes of three weeks, a fortnight apart.
    var windows: [String: (start: CivilDate, end: CivilDate)] = [:]
    for number in 0..<4 {
      let start = CivilDate(daysSinceEpoch: first.daysSinceEpoch + 7 + 14 * number)
      let end = CivilDate(daysSinceEpoch: start.daysSinceEpoch + 20)
      let classID = "C-\(number)"
      let line = B.classApproved(
        classID, id: "cls-\(number)", date: day(first, start).description,
        [("start", .string(start.description)), ("end", .string(end.description)), ("planned_size", .number(String(2 + number)))])
      if offer(line) { windows[classID] = (start, end) }
    }
    // And a Changchun project class of three months, which the rules read whole: its
    // employment records, minimum wages and the day of its claim decide.
    #expect(offer(eventLine(
      "institution.registered", id: "inst-reg-cc", date: "2024-09-01", actor: B.admin,
      [("institution", "inst-cc"), ("name", "长春某职业学校"), ("region", "changchun")])))
    let projectStart = CivilDate(daysSinceEpoch: first.daysSinceEpoch + 14)
    let projectEnd = CivilDate(daysSinceEpoch: projectStart.daysSinceEpoch + 90)
    let project = eventLine(
      "class.approved", id: "cls-p", date: day(first, projectStart).description, actor: B.reviewer,
      [
        ("class", "P-0"), ("institution", "inst-cc"), ("region", "changchun"), ("category", "project"),
        ("occupation", "6-22-01-01"), ("assessment", "evaluation"), ("start", .string(projectStart.description)),
        ("end", .string(projectEnd.description)), ("hours_offline", 30), ("hours_online", 10), ("theory_hours", 10),
        ("planned_size", 12), ("enterprise", "一汽解放"), ("demand", 10),
      ])
    if offer(project, "project class") { windows["P-0"] = (projectStart, projectEnd) }
    let classIDs = windows.keys.sorted()
    let trainees = (1...6).map { Scenario.trainee($0) }
    var voidable: [(id: String, kind: String)] = []
    var everEnrolled: Set<String> = []
    var everClaimed: Set<String> = []
    var openClaims: [(claim: String, date: CivilDate, keys: [String])] = []
    var claimedNow: Set<String> = []
    var approved: [(claim: String, date: CivilDate, trainees: [String])] = []
    var paid: [(claim: String, date: CivilDate, trainees: [String])] = []
    var recoveries: [(recovery: String, date: CivilDate)] = []
    for _ in 0..<600 {
      let classID = classIDs[run.random.below(classIDs.count)]
      let (start, end) = windows[classID]!
      // Facts and claims mostly for trainees enrolled now, or most would be refused.
      let enrolled = (run.state.traineesOfClass[classID] ?? []).map(\.description).sorted()
      let anyone = trainees[run.random.below(trainees.count)]
      let trainee = enrolled.isEmpty || run.random.below(4) == 0 ? anyone : enrolled[run.random.below(enrolled.count)]
      switch run.random.below(23) {
      case 0, 1:
        let id = run.id("enr")
        if offer(B.enrol(anyone, id: id, classID: classID, date: day().description), "enrolment") {
          if everEnrolled.contains(classID + anyone) { tally["enrolled again", default: 0] += 1 }
          everEnrolled.insert(classID + anyone)
          voidable.append((id, "enrolment"))
        }
      case 2...7:
        let id = run.id("att")
        let line = B.attendance(trainee, id: id, date: day(start, end).description, hours: 4 + run.random.below(5), classID: classID)
        if offer(line, "attendance") { voidable.append((id, "attendance")) }
      case 8, 9:
        let id = run.id("exm")
        let line = editedLine(
          B.exam(trainee, id: id, date: day(start).description, passed: run.random.below(3) != 0),
          [("class", .string(classID))])
        if offer(line, "exam") { voidable.append((id, "exam")) }
      case 10:
        let id = run.id("emp")
        let line = editedLine(
          B.employment(trainee, id: id),
          [("date", .string(day().description)), ("contract_start", .string(day(start).description)),
            ("monthly_wage", .string("\(1700 + 100 * run.random.below(10)).00"))])
        if offer(line, "employment") { voidable.append((id, "employment")) }
      case 11, 12:
        guard !voidable.isEmpty else { continue }
        let target = voidable.remove(at: run.random.below(voidable.count))
        if !offer(editedLine(B.voided(target.id, id: run.id("void")), [("date", .string(day().description))]), "\(target.kind) voided") {
          voidable.append(target)
        }
      case 14, 15:
        let unclaimed = enrolled.filter { !claimedNow.contains(classID + $0) }
        let members = unclaimed.filter { _ in run.random.below(3) != 0 }
        guard !members.isEmpty else { continue }
        let claim = run.id("CL")
        let date = day()
        let line = editedLine(
          B.claimSubmitted(claim, id: run.id("clm"), trainees: members),
          [("class", .string(classID)), ("date", .string(date.description))])
        if offer(line, "claim") {
          if members.contains(where: { everClaimed.contains(classID + $0) }) { tally["claimed again", default: 0] += 1 }
          everClaimed.formUnion(members.map { classID + $0 })
          claimedNow.formUnion(members.map { classID + $0 })
          openClaims.append((claim, date, members.map { classID + $0 }))
        }
      case 16, 17, 13:
        guard !openClaims.isEmpty else { continue }
        let (claim, submitted, keys) = openClaims.remove(at: run.random.below(openClaims.count))
        let date = day(submitted).description
        if run.random.below(2) == 0 {
          if offer(editedLine(B.claimApproved(claim, id: run.id("apr")), [("date", .string(date))]), "claim.approved accepted") {
            approved.append((claim, CivilDate(date)!, keys.map { String($0.suffix(18)) }))
          }
        } else {
          let line = eventLine(
            "claim.rejected", id: run.id("rej"), date: date, actor: B.reviewer, [("claim", .string(claim)), ("reason", "r")])
          if offer(line, "claim.rejected accepted") { claimedNow.subtract(keys) }
        }
      case 19...21 where !approved.isEmpty:
        // Money on an approved claim: a payment, to its institution or not; a recovery order,
        // or a receipt against one.
        let (claim, decided, members) = approved[run.random.below(approved.count)]
        switch run.random.below(3) {
        case 0:
          let payee = run.random.below(2) == 0 ? B.institution : "inst-other"
          let line = editedLine(
            B.payment(run.id("PAY"), id: run.id("pay"), claim: claim, bankRef: run.id("B"), amount: "50.00"),
            [("date", .string(day(decided).description)), ("payee", .string(payee))])
          if offer(line, "payment") { paid.append((claim, decided, members)) }
        case 1:
          guard let (claim, decided, members) = paid.randomElement(using: &run.random) else { continue }
          let recovery = run.id("REC")
          let date = day(decided)
          let trainee = members[run.random.below(members.count)]
          let line = editedLine(
            B.recoveryOrdered(recovery, id: run.id("rec"), claim: claim, trainee: trainee, amount: "10.00"),
            [("date", .string(date.description))])
          if offer(line, "recovery") { recoveries.append((recovery, date)) }
        default:
          guard let (recovery, ordered) = recoveries.randomElement(using: &run.random) else { continue }
          let line = editedLine(
            B.recoveryReceived(recovery, id: run.id("rcv"), amount: "5.00"), [("date", .string(day(ordered).description))])
          _ = offer(line, "receipt")
        }
      case 18:
        let line = eventLine(
          "minimum_wage.published", id: run.id("mw"), date: day().description, actor: B.admin,
          [("region", .string(run.random.below(2) == 0 ? "liaocheng" : "changchun")),
            ("amount", .string("\(1800 + run.random.below(600)).00")), ("reference", "r")])
        _ = offer(line)
      default:
        // Now and then the last class withdrawn (refused once it has claims).
        guard run.random.below(10) == 0 else { continue }
        _ = offer(editedLine(B.voided("cls-3", id: run.id("void")), [("date", .string(day().description))]), "class withdrawn")
      }
    }
    let ledger = try LedgerFixture(setup: false)
    try ledger.append(accepted, at: "2025-06-30T00:00:00.000Z")
    #expect(try Replay.state(ofJournal: ledger.path).state.lastSeq == accepted.count + 1)
    return (ledger, tally)
  }
}
