import ClaimsDomain
import ClaimsLedger
import ClaimsRules
import ClaimsTestSupport
import Foundation
import Testing

/// Seeded random workloads of catalogue training (classes, enrolments, exams, resits, voids)
/// through the real state machine and entitlement engine, checked after every step against an
/// independent model of SPEC §7.1, §7.3 and §7.4 written from the spec, whose only input from
/// the project is the standards table of Journal/rules/LC-2024.json, read with Foundation.
@Suite struct EntitlementModelTests {
  static let occupations = ["6-18-01-01", "6-18-01-02", "6-18-01-07", "6-18-02-01", "6-18-02-04"]
  static let levels = ["junior", "intermediate", "senior"]

  /// LC-2024's green standards: level → (amount in fen, subsidy hours).
  static let standards: [String: (fen: Int64, hours: Int)] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Journal/rules/LC-2024.json")
    let root = try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    var table: [String: (Int64, Int)] = [:]
    for row in root["standards"] as! [[String: Any]] where row["category"] as? String == "green" {
      let yuan = Int64(row["amount"] as! String)!
      table[row["level"] as! String] = (yuan * 100, row["hours"] as! Int)
    }
    return table
  }()

  struct ModelClass { var occupation: String; var level: String; var hours: Int }
  struct ModelExam { var id: String; var date: CivilDate; var seq: Int; var passed: Bool }
  struct ModelEnrolment { var id: String; var uiBenefit: Bool; var exams: [ModelExam] = [] }
  struct Expected: Equatable, CustomStringConvertible {
    var status: Entitlement.Status; var fen: Int64?; var fund: Fund?; var reasons: [String]
    var description: String { "\(status) \(fen.map(String.init) ?? "nil") \(fund?.rawValue ?? "-") \(reasons)" }
  }

  /// The model: classes, enrolments and their exams; voids remove them.
  struct Model {
    var classes: [String: ModelClass] = [:]
    var enrolments: [String: [String: ModelEnrolment]] = [:]  // class → trainee → enrolment

    func expected() -> [String: Expected] {
      var result: [String: Expected] = [:]
      var candidates: [(key: String, trainee: String, cls: ModelClass, exam: ModelExam)] = []
      for (classID, byTrainee) in enrolments {
        let cls = classes[classID]!
        let standard = EntitlementModelTests.standards[cls.level]!
        for (trainee, enrolment) in byTrainee {
          let key = trainee + "/" + classID
          guard let exam = enrolment.exams.max(by: { ($0.date, $0.seq) < ($1.date, $1.seq) }) else {
            result[key] = Expected(status: .pending, fen: nil, fund: nil, reasons: [Reason.examNotRecorded])
            continue
          }
          if !exam.passed {
            result[key] = Expected(status: .ineligible, fen: 0, fund: nil, reasons: [Reason.examFailed])
          } else if cls.hours < standard.hours {
            result[key] = Expected(status: .ineligible, fen: 0, fund: nil, reasons: [Reason.hoursBelowStandard])
          } else {
            let fund: Fund = enrolment.uiBenefit ? .unemploymentInsurance : .employmentSubsidy
            result[key] = Expected(status: .eligible, fen: standard.fen, fund: fund, reasons: [])
            candidates.append((key, trainee, cls, exam))
          }
        }
      }
      // §7.3, per trainee in order of exam date then seq, against what was subsidised before.
      for (_, trainings) in Dictionary(grouping: candidates, by: \.trainee) {
        var subsidised: [(cls: ModelClass, year: Int)] = []
        for training in trainings.sorted(by: { ($0.exam.date, $0.exam.seq) < ($1.exam.date, $1.exam.seq) }) {
          let rank = EntitlementModelTests.levels.firstIndex(of: training.cls.level)!
          let same = subsidised.filter { $0.cls.occupation == training.cls.occupation }
          var reason: String?
          if same.contains(where: { $0.cls.level == training.cls.level }) {
            reason = Reason.duplicateOccupationLevel
          } else if same.contains(where: { EntitlementModelTests.levels.firstIndex(of: $0.cls.level)! > rank }) {
            reason = Reason.lowerLevelAfterHigher
          } else if subsidised.filter({ $0.year == training.exam.date.year }).count >= 3 {
            reason = Reason.annualLimitExceeded
          }
          if let reason {
            result[training.key]!.status = .ineligible
            result[training.key]!.fen = 0
            result[training.key]!.fund = nil
            result[training.key]!.reasons = [reason]
          } else {
            subsidised.append((training.cls, training.exam.date.year))
          }
        }
      }
      return result
    }
  }

  typealias Run = MachineRun<Model>
  static let engine = EntitlementEngine(library: .shipped)

  @Test func theSeedsTogetherReachEveryReason() throws {
    var reasons: Set<String> = []
    for seed in UInt64(1)...8 { reasons.formUnion(try exercise(seed: seed)) }
    #expect(reasons == [
      Reason.examNotRecorded, Reason.examFailed, Reason.hoursBelowStandard, Reason.duplicateOccupationLevel,
      Reason.lowerLevelAfterHigher, Reason.annualLimitExceeded,
    ])
  }

  @Test(arguments: Array(UInt64(1)...8))
  func entitlementsAgreeWithASimpleModelAfterEveryStep(seed: UInt64) throws {
    _ = try exercise(seed: seed)
  }

  /// One run of 220 steps checked after each; returns every reason the model met.
  func exercise(seed: UInt64) throws -> Set<String> {
    var reasons: Set<String> = []
    let run = Run(seed: seed, model: Model())
    #expect(run.offer(eventLine("journal.opened", id: "journal.opened", date: "2024-09-01", actor: Bureau.admin,
      [("format", 1), ("admin", .string(Bureau.admin))])))
    for line in Bureau.setup where !line.contains("class.approved") && !line.contains("trainee.enrolled") {
      #expect(run.offer(line))
    }
    for _ in 0..<220 {
      try step(run)
      let computed = Self.engine.entitlements(of: run.state.allClassFacts, wages: run.state.minimumWages)
      var actual: [String: Expected] = [:]
      for e in computed {
        let fund = e.status == .eligible ? e.fund : nil
        actual[e.trainee.value + "/" + e.classID] = Expected(status: e.status, fen: e.amount?.fen, fund: fund, reasons: e.reasons)
      }
      let expected = run.model.expected()
      #expect(actual == expected, "seed \(seed) after \(run.seq) events")
      if run.seq % 10 == 0 { expectTheSameForAClassesTraineesAlone(run.state, computed) }
      if actual != expected { return reasons }
      reasons.formUnion(expected.values.flatMap(\.reasons))
    }
    for kind in ["class.approved accepted", "exam.recorded accepted", "event.voided accepted", "trainee.enrolled refused"] {
      #expect(run.tally[kind, default: 0] > 0, "seed \(seed) never saw \(kind)")
    }
    #expect(reasons.count >= 3, "seed \(seed) reached only \(reasons)")
    return reasons
  }

  /// What a claim's approval asks for — the entitlements of one class's trainees, on the
  /// facts of every class they attended — is the whole computation's, filtered to them.
  func expectTheSameForAClassesTraineesAlone(_ state: LedgerState, _ whole: [Entitlement]) {
    for classID in state.traineesOfClass.keys {
      guard let trainees = state.traineesOfClass[classID], !trainees.isEmpty else { continue }
      let alone = Self.engine.entitlements(
        of: state.classFacts(forTrainees: trainees), wages: state.minimumWages, only: trainees)
      #expect(alone == whole.filter { trainees.contains($0.trainee) }, "class \(classID)")
      // The facts narrowed to them too, as an approval asks for them.
      let narrowed = Self.engine.entitlements(
        of: state.classFacts(forTrainees: trainees, only: trainees), wages: state.minimumWages, only: trainees)
      #expect(narrowed == alone, "class \(classID), facts narrowed")
    }
  }

  /// One random step, mirrored in the model when the ledger accepts it.
  func step(_ run: Run) throws {
    let trainees = (1...2).map(Scenario.trainee)
    switch run.random.below(12) {
    case 0, 1:
      let classID = run.id("C")
      let cls = ModelClass(
        occupation: Self.occupations[run.random.below(Self.occupations.count)], level: Self.levels[run.random.below(3)],
        hours: [56, 56, 40, 30][run.random.below(4)])
      let accepted = run.offer(Bureau.classApproved(classID, id: run.id("cls"), [
        ("occupation", .string(cls.occupation)), ("level", .string(cls.level)),
        ("hours_offline", .number(String(cls.hours))), ("theory_hours", 10),
      ]))
      #expect(accepted)
      if accepted { run.model.classes[classID] = cls }
    case 2, 3, 4:
      guard let classID = run.model.classes.keys.sorted().randomElement(using: &run.random) else { return }
      let trainee = trainees[run.random.below(trainees.count)]
      let enrolmentID = run.id("enr")
      let ui = run.random.below(3) == 0
      let accepted = run.offer(Bureau.enrol(trainee, id: enrolmentID, classID: classID, uiBenefit: ui))
      #expect(accepted == (run.model.enrolments[classID]?[trainee] == nil))
      if accepted { run.model.enrolments[classID, default: [:]][trainee] = ModelEnrolment(id: enrolmentID, uiBenefit: ui) }
    case 5, 6, 7, 8, 9, 10:
      guard let (classID, byTrainee) = run.model.enrolments.sorted(by: { $0.key < $1.key }).randomElement(using: &run.random),
        let trainee = byTrainee.keys.sorted().randomElement(using: &run.random)
      else { return }
      // Exam dates straddle a new year, so that the annual limit meets both years.
      let date = CivilDate("2024-10-01")!.adding(days: run.random.below(150))
      let passed = run.random.below(10) < 8
      let examID = run.id("exm")
      var line = editedLine(Bureau.exam(trainee, id: examID, date: date.description, passed: passed), [("class", .string(classID))])
      if !passed { line = editedLine(line, [("certificate_no", .null)]) }
      #expect(run.offer(line))
      run.model.enrolments[classID]![trainee]!.exams.append(ModelExam(id: examID, date: date, seq: run.seq, passed: passed))
    default:
      // Void an exam or an enrolment.
      guard let (classID, byTrainee) = run.model.enrolments.sorted(by: { $0.key < $1.key }).randomElement(using: &run.random),
        let (trainee, enrolment) = byTrainee.sorted(by: { $0.key < $1.key }).randomElement(using: &run.random)
      else { return }
      if let exam = enrolment.exams.randomElement(using: &run.random), run.random.below(3) > 0 {
        #expect(run.offer(Bureau.voided(exam.id, id: run.id("void"))))
        run.model.enrolments[classID]![trainee]!.exams.removeAll { $0.id == exam.id }
      } else {
        #expect(run.offer(Bureau.voided(enrolment.id, id: run.id("void"))))
        run.model.enrolments[classID]![trainee] = nil
      }
    }
  }
}
