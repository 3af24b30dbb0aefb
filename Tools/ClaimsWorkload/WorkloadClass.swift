import ClaimsDomain
import ClaimsRules

/// A class of the synthetic year as the reviewer approves it, and what becomes of its trainees.
struct WorkloadClass {
  enum Kind { case catalog, project, jinan }

  /// What becomes of a trainee: the exam passed or failed, a resit after a failure, or the
  /// trainee leaves during the course (the enrolment is voided).
  enum Outcome: UInt8 { case passed, failed, resitPassed, resitFailed, droppedOut }

  var id = ""
  let kind: Kind
  let place: Int
  let institution: String
  let category: String
  let occupation: String
  let level: String?
  let assessment: String
  let certificate: String
  var start = CivilDate("2024-01-01")!
  let days: Int
  let hoursOnline: Int
  let theoryHours: Int
  let plannedSize: Int
  let size: Int
  let funding: Fund?
  let project: (enterprise: String, demand: Int)?
  /// The most the rules can pay one trainee of the class: the generator's budget reserves it.
  let maxPerTraineeFen: Int64
  /// Approved this many days before the start.
  let approvalLead: Int
  let withdrawn: Bool

  // Filled when the class starts.
  var approvalEventID = ""
  var trainees: [Int] = []
  var traineeIDs: [String] = []
  /// Whether the first claim listed every trainee, failed ones too (they are approved at 0).
  var claimedEveryone = false
  var uiBenefit: [Bool] = []
  var outcomes: [Outcome] = []

  var hours: Int { days * 8 }
  var end: CivilDate { start.adding(days: days - 1) }
  var placeInfo: WorkloadPlace { WorkloadPlace.all[place] }

  /// About how many events the class brings: enrolments, attendance, exams, claims, payments.
  var estimatedEvents: Int {
    if withdrawn { return 2 }
    let perTrainee = 2 + Double(days) * 0.97 + (kind == .project ? 0.8 : 0.1)
    return 1 + Int(Double(size) * perTrainee) + (kind == .jinan ? 0 : 5)
  }
}

/// Plans the classes of the year from the shipped catalogues: which kind, where, what, how long,
/// how large; then spreads their starts over each ruleset's period, in order.
struct WorkloadPlanner {
  let library = RuleLibrary.shipped
  let liaocheng: Ruleset
  let changchun: Ruleset
  let jinanRows: [CatalogRow]
  var random: SplitMix64

  init(seed: UInt64) {
    liaocheng = library.ruleset(id: "LC-2024")!
    changchun = library.ruleset(id: "CC-2024")!
    jinanRows = library.ruleset(id: "JN-2023")!.catalog.filter {
      $0.category == .general && $0.code != nil
    }
    random = SplitMix64(seed: seed ^ 0x0C1A_55E5)
  }

  /// Starts: Liaocheng classes under LC-2024 (in force from 2024-09-01), Changchun project
  /// classes within CC-2024's period, Jinan classes across both.
  static let periods: [WorkloadClass.Kind: (from: CivilDate, to: CivilDate)] = [
    .catalog: (CivilDate("2024-09-02")!, CivilDate("2025-07-31")!),
    .project: (CivilDate("2024-04-01")!, CivilDate("2024-10-31")!),
    .jinan: (CivilDate("2024-04-01")!, CivilDate("2025-07-31")!),
  ]

  /// Classes until their estimated events reach `events`, with ids in order of start.
  mutating func plan(events: Int) -> [WorkloadClass] {
    var classes: [WorkloadClass] = []
    var estimated = 60
    while estimated < events {
      let number = classes.count
      // One class in 17 is a Changchun project class, one in 97 a Jinan class.
      let next =
        number % 17 == 3 ? projectClass() : number % 97 == 6 ? jinanClass() : catalogClass()
      classes.append(next)
      estimated += next.estimatedEvents
    }
    for kind in [WorkloadClass.Kind.catalog, .project, .jinan] {
      let members = classes.indices.filter { classes[$0].kind == kind }
      let (from, to) = Self.periods[kind]!
      let span = to.daysSinceEpoch - from.daysSinceEpoch
      for (rank, index) in members.enumerated() {
        classes[index].start = from.adding(
          days: members.count == 1 ? 0 : rank * span / (members.count - 1))
      }
    }
    let order = classes.indices.sorted { (classes[$0].start, $0) < (classes[$1].start, $1) }
    var serials: [WorkloadClass.Kind: Int] = [:]
    var ordered: [WorkloadClass] = []
    ordered.reserveCapacity(classes.count)
    for index in order {
      var planned = classes[index]
      let kind = planned.kind
      serials[kind, default: 0] += 1
      let prefix = kind == .catalog ? "LC" : kind == .project ? "CC" : "JN"
      planned.id = "\(prefix)-\(planned.start.year)-\(padded(serials[kind]!, 6))"
      ordered.append(planned)
    }
    return ordered
  }

  // MARK: Liaocheng catalogue classes (LC-2024)

  /// Category shares, in percent: mostly green and special-ability, as the catalogue is.
  static let categoryShares: [(TrainingCategory, Int)] = [
    (.green, 40), (.urgent, 18), (.manufacturing, 10), (.specialAbility, 22), (.featured, 3),
    (.entrepreneurship, 7),
  ]

  mutating func catalogClass() -> WorkloadClass {
    let place = WorkloadPlace.weightedCounties[random.below(WorkloadPlace.weightedCounties.count)]
    let category = draw(Self.categoryShares)
    let rows = liaocheng.catalog.filter { $0.category == category }
    let row = rows[random.below(rows.count)]
    var level: SkillLevel? = nil
    var assessment = Assessment.evaluation
    var certificate = CertificateType.skillLevel
    switch category {
    case .green, .urgent, .manufacturing:
      level = draw([(.junior, 60), (.intermediate, 30), (.senior, 10)])
      // Urgent occupations may be assessed by a completion exam (LC-2024 四).
      if category == .urgent, random.below(4) == 0 {
        (level, assessment, certificate) = (nil, .completion, .trainingCertificate)
      }
    case .specialAbility: certificate = .specialAbility
    default: (assessment, certificate) = (.completion, .trainingCertificate)
    }
    let standard = self.standard(category, level: level ?? .junior, row: row)
    // One class in 50 plans a day less than the standard's subsidy hours.
    let short = random.below(50) == 0 && standard.hours > 8
    let plannedSize = 20 + random.below(21)
    let size =
      random.below(200) == 0
      ? plannedSize + 1 : plannedSize - (random.below(10) == 0 ? random.below(5) : 0)
    let withdrawn = random.below(200) == 0
    return WorkloadClass(
      kind: .catalog, place: place, institution: pick(WorkloadPlace.liaocheng[place].institutions),
      category: category.rawValue, occupation: row.code ?? row.name, level: level?.rawValue,
      assessment: assessment.rawValue, certificate: certificate.rawValue,
      days: standard.hours / 8 - (short ? 1 : 0), hoursOnline: 0, theoryHours: standard.hours / 4,
      plannedSize: plannedSize, size: size,
      funding: random.below(10) == 0 ? .skillsUpgradeAccount : nil,
      project: nil, maxPerTraineeFen: standard.amount.fen, approvalLead: 3 + random.below(8),
      withdrawn: withdrawn)
  }

  /// The subsidy standard of a catalogue row: by level, by special-ability class, or by item.
  func standard(_ category: TrainingCategory, level: SkillLevel, row: CatalogRow) -> Standard {
    let standards = liaocheng.standards.filter { $0.category == category }
    return standards.first { $0.item != nil && $0.item == row.name }
      ?? standards.first { $0.klass != nil && $0.klass == row.klass }
      ?? standards.first { $0.level == level }
      ?? standards.max { $0.hours < $1.hours }!
  }

  // MARK: Changchun project classes (CC-2024)

  static let enterprises = ["一汽解放汽车有限公司", "长春恒达汽车部件有限公司", "长春市宏远汽车零部件有限公司", "吉林省华信光电科技有限公司"]

  mutating func projectClass() -> WorkloadClass {
    let place = WorkloadPlace.liaocheng.count
    let row = changchun.catalog[random.below(changchun.catalog.count)]
    // Class A/B/C caps the subsidised hours at 240/120/80 (CC-2024 四（二）); classes plan
    // about what the cap pays for, in days of 8 hours.
    let (low, high) = row.klass == "A" ? (15, 30) : row.klass == "B" ? (10, 15) : (5, 10)
    let days = low + random.below(high - low + 1)
    let hours = days * 8
    let online = random.below(10) < 3 ? 16 : 0
    let cap = row.klass == "A" ? 240 : row.klass == "B" ? 120 : 80
    let demand = 8 + random.below(13)
    let plannedSize = demand + random.below(demand / 5 + 1)
    return WorkloadClass(
      kind: .project, place: place, institution: pick(WorkloadPlace.changchun.institutions),
      category: "project", occupation: row.code!, level: nil, assessment: "completion",
      certificate: "training-certificate", days: days, hoursOnline: online,
      theoryHours: hours * 3 / 10,
      plannedSize: plannedSize, size: plannedSize, funding: nil,
      project: (pick(Self.enterprises), demand), maxPerTraineeFen: Int64(min(hours, cap)) * 2000,
      approvalLead: 5 + random.below(8), withdrawn: false)
  }

  // MARK: Jinan classes (JN-2023: a catalogue, no amounts)

  mutating func jinanClass() -> WorkloadClass {
    let row = jinanRows[random.below(jinanRows.count)]
    let size = 20 + random.below(11)
    return WorkloadClass(
      kind: .jinan, place: WorkloadPlace.liaocheng.count + 1, institution: "jn-school-1",
      category: "general",
      occupation: row.code!, level: "junior", assessment: "evaluation", certificate: "skill-level",
      days: 5,
      hoursOnline: 0, theoryHours: 10, plannedSize: size, size: size, funding: nil, project: nil,
      maxPerTraineeFen: 0, approvalLead: 3 + random.below(5), withdrawn: false)
  }

  // MARK: Drawing

  mutating func draw<T>(_ shares: [(T, Int)]) -> T {
    var ticket = random.below(shares.reduce(0) { $0 + $1.1 })
    for (value, share) in shares {
      if ticket < share { return value }
      ticket -= share
    }
    return shares[0].0
  }

  mutating func pick<T>(_ values: [T]) -> T { values[random.below(values.count)] }
}

/// `value` with leading zeros to `width` digits.
func padded(_ value: Int, _ width: Int) -> String {
  let digits = String(value)
  return digits.count >= width
    ? digits : String(repeating: "0", count: width - digits.count) + digits
}
