import ClaimsDomain
import ClaimsLedger
import ClaimsRules

/// One person-time (人次, SPEC §11): an eligible trainee × class pair, placed in the quarter of
/// the exam that made it eligible.
public struct PersonTime: Equatable, Sendable {
  public var trainee: ResidentID
  public var classID: String
  public var year: Int
  public var quarter: Int
  public var region: String
  public var category: TrainingCategory
  public var fund: Fund
  public var amount: Money
  /// The trainee's person categories on this enrolment, each once.
  public var personCategories: [PersonCategory]

  /// Every eligible pair of the entitlements, in their order. Pending, unknown (no standard in
  /// force) and ineligible pairs are not person-times: they are not subsidised training.
  public static func all(_ entitlements: [Entitlement], state: LedgerState) -> [PersonTime] {
    var enrolled: [String: [ResidentID: [PersonCategory]]] = [:]
    for record in state.enrolments.values {
      enrolled[record.enrolment.classID, default: [:]][record.enrolment.trainee] =
        record.enrolment.categories
    }
    return entitlements.compactMap { e in
      guard e.status == .eligible, let exam = e.exam, let fund = e.fund,
        let approval = state.classes[e.classID]?.approval
      else { return nil }
      var categories: [PersonCategory] = []
      for category in enrolled[e.classID]?[e.trainee] ?? [] where !categories.contains(category) {
        categories.append(category)
      }
      return PersonTime(
        trainee: e.trainee, classID: e.classID, year: exam.date.year,
        quarter: (exam.date.month - 1) / 3 + 1, region: approval.region,
        category: approval.category,
        fund: fund, amount: e.amount ?? .zero, personCategories: categories)
    }
  }
}

/// `claims stats`: person-times and amounts by quarter, region, category and fund; by person
/// category; and against the `plan.set` targets of the year.
public struct QuarterlyStats: Equatable, Sendable {
  public struct Row: Equatable, Sendable {
    public var year: Int
    public var quarter: Int
    public var region: String
    public var category: TrainingCategory
    public var fund: Fund
    public var personTimes: Int
    public var amount: Money
  }

  public struct PersonCategoryRow: Equatable, Sendable {
    public var year: Int
    public var quarter: Int
    public var personCategory: PersonCategory
    public var personTimes: Int
  }

  /// A target and what was done against it: person-times of the region from 1 January to the
  /// end of the period reported (the year, or the quarter asked for). `actual` is nil when the
  /// programme names nothing the journal records (see `PlanScope`).
  public struct PlanRow: Equatable, Sendable {
    public var region: String
    public var year: Int
    public var program: String?
    public var target: Int
    public var actual: Int?
  }

  public var year: Int
  public var quarter: Int?
  public var rows: [Row] = []
  public var byPersonCategory: [PersonCategoryRow] = []
  public var plans: [PlanRow] = []

  public var totalPersonTimes: Int { rows.reduce(0) { $0 + $1.personTimes } }
  public var totalAmount: Money { rows.reduce(.zero) { $0 + $1.amount } }

  /// The statistics of `year` (or one quarter of it).
  public init(
    personTimes: [PersonTime], plans: [LedgerHistory.PlanRecord], year: Int, quarter: Int?
  ) {
    precondition(quarter.map { (1...4).contains($0) } ?? true, "a quarter is 1 to 4")
    self.year = year
    self.quarter = quarter
    let inPeriod = personTimes.filter {
      $0.year == year && (quarter == nil || $0.quarter == quarter)
    }
    rows = Self.rows(inPeriod)
    byPersonCategory = Self.personCategoryRows(inPeriod, year: year)
    let toDate = personTimes.filter { $0.year == year && $0.quarter <= (quarter ?? 4) }
    self.plans = Self.latestPlans(plans, year: year).map { plan in
      PlanRow(
        region: plan.region, year: plan.year, program: plan.program, target: plan.target,
        actual: PlanScope(plan.program).count(toDate.filter { $0.region == plan.region }))
    }
  }

  struct RowKey: Hashable, Comparable {
    var quarter: Int
    var region: String
    var category: String
    var fund: String
    static func < (a: RowKey, b: RowKey) -> Bool {
      (a.quarter, a.region, a.category, a.fund) < (b.quarter, b.region, b.category, b.fund)
    }
  }

  static func rows(_ personTimes: [PersonTime]) -> [Row] {
    var groups: [RowKey: Row] = [:]
    for p in personTimes {
      let key = RowKey(
        quarter: p.quarter, region: p.region, category: p.category.rawValue, fund: p.fund.rawValue)
      var row =
        groups[key]
        ?? Row(
          year: p.year, quarter: p.quarter, region: p.region, category: p.category, fund: p.fund,
          personTimes: 0, amount: .zero)
      row.personTimes += 1
      row.amount += p.amount
      groups[key] = row
    }
    return groups.keys.sorted().map { groups[$0]! }
  }

  /// A trainee with several categories counts under each, so these do not add up to the total.
  static func personCategoryRows(_ personTimes: [PersonTime], year: Int) -> [PersonCategoryRow] {
    struct Key: Hashable {
      var quarter: Int
      var category: PersonCategory
    }
    var counts: [Key: Int] = [:]
    for p in personTimes {
      for category in p.personCategories {
        counts[Key(quarter: p.quarter, category: category), default: 0] += 1
      }
    }
    return counts.keys.sorted {
      ($0.quarter, $0.category.rawValue) < ($1.quarter, $1.category.rawValue)
    }.map {
      PersonCategoryRow(
        year: year, quarter: $0.quarter, personCategory: $0.category, personTimes: counts[$0]!)
    }
  }

  /// The year's targets; a target set again for the same region and programme replaces the
  /// earlier one (the later line is the correction). Ordered by region, then programme.
  static func latestPlans(_ plans: [LedgerHistory.PlanRecord], year: Int) -> [PlanSet] {
    struct Key: Hashable {
      var region: String
      var program: String?
    }
    var latest: [Key: LedgerHistory.PlanRecord] = [:]
    for record in plans where record.plan.year == year {
      let key = Key(region: record.plan.region, program: record.plan.program)
      if latest[key].map({ $0.seq < record.seq }) ?? true { latest[key] = record }
    }
    return latest.values.map(\.plan).sorted {
      ($0.region, $0.program ?? "") < ($1.region, $1.program ?? "")
    }
  }
}

/// What a plan's `program` measures. The journal records training categories and person
/// categories, so a programme is measured when it is absent (the whole region), or names a
/// training category or a person category by code or by Chinese name; any other programme (a
/// seed's own words, such as 家政补贴性职业技能培训) has no actual.
enum PlanScope: Equatable {
  case region
  case category(TrainingCategory)
  case personCategory(PersonCategory)
  case unmeasured

  init(_ program: String?) {
    guard let program, !program.isEmpty else {
      self = .region
      return
    }
    if let category = TrainingCategory.allCases.first(where: {
      $0.rawValue == program || $0.chineseName == program
    }) {
      self = .category(category)
    } else if let category = PersonCategory.allCases.first(where: {
      $0.rawValue == program || Display.personCategoryName($0) == program
    }) {
      self = .personCategory(category)
    } else {
      self = .unmeasured
    }
  }

  func count(_ personTimes: [PersonTime]) -> Int? {
    switch self {
    case .region: personTimes.count
    case .category(let category): personTimes.filter { $0.category == category }.count
    case .personCategory(let category):
      personTimes.filter { $0.personCategories.contains(category) }.count
    case .unmeasured: nil
    }
  }
}
