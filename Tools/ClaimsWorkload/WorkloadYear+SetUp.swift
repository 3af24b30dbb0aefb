import ClaimsDomain
import ClaimsRules

/// The bureau's setup: staff, schools, minimum wages, plans and the first appropriations.
extension WorkloadYear {
  func setUp() {
    let clerks = WorkloadPlace.all.flatMap(\.clerks)
    let staff =
      clerks.map { ($0, "clerk") } + WorkloadStaff.reviewers.map { ($0, "reviewer") }
      + WorkloadStaff.finance.map { ($0, "finance") }
      + WorkloadStaff.auditors.map { ($0, "auditor") }
    for (number, (id, role)) in staff.enumerated() {
      record(
        "actor.registered", "act", Workload.admin,
        #""actor_id":"\#(id)","role":"\#(role)","name":"\#(WorkloadPeople.name(1_000_000 + number))""#
      )
    }
    for place in [WorkloadPlace.changchun, WorkloadPlace.jinan] { registerInstitutions(place) }
    // The seeds give no minimum wage; these figures are made up (CC-2024 needs one in force).
    record(
      "minimum_wage.published", "mw", Workload.admin,
      #""region":"changchun","amount":"1880","reference":"吉林省最低工资标准 一类地区（合成数据）""#)
    let changchunPlan = RuleLibrary.shipped.ruleset(id: "CC-2024")!.plans.first {
      $0.yearFrom == 2024
    }!
    record(
      "plan.set", "plan", Workload.admin,
      #""region":"changchun","year":2024,"target":\#(changchunPlan.target),"program":\#(quoted(changchunPlan.program))"#
    )
    appropriate(
      .skillsUpgradeAccount, "changchun", fen: budget.trancheFen(.skillsUpgradeAccount, "changchun")
    )
    appropriate(.employmentSubsidy, "jinan", fen: 50_000_000)
  }

  /// Before LC-2024 comes into force: the county schools, plans and funds.
  func setUpLiaocheng() {
    for place in WorkloadPlace.liaocheng { registerInstitutions(place) }
    record(
      "minimum_wage.published", "mw", Workload.admin,
      #""region":"liaocheng","amount":"1900","reference":"山东省最低工资标准 二类地区（合成数据）""#)
    // The seeds publish county targets only in LC-2019's table (附件1); the synthetic plans
    // repeat them for 2024 and 2025.
    let plans = RuleLibrary.shipped.ruleset(id: "LC-2019")!.plans
    for place in WorkloadPlace.liaocheng {
      let target = plans.first { $0.unit == place.name }?.target ?? 3000
      for year in [2024, 2025] {
        record(
          "plan.set", "plan", Workload.admin,
          #""region":"\#(place.region)","year":\#(year),"target":\#(target),"program":"职业技能提升行动（合成数据）""#
        )
      }
      for fund in [Fund.employmentSubsidy, .unemploymentInsurance, .skillsUpgradeAccount] {
        appropriate(fund, place.region, fen: budget.trancheFen(fund, place.region))
      }
    }
  }

  func registerInstitutions(_ place: WorkloadPlace) {
    for (number, institution) in place.institutions.enumerated() {
      record(
        "institution.registered", "inst", Workload.admin,
        #""institution":"\#(institution)","name":"\#(place.name)第\#(number + 1)职业培训学校","region":"\#(place.region)""#
      )
    }
  }

  /// Appropriates `fen` to a fund in a region, as a numbered batch (第N批) of the year's budget.
  func appropriate(_ fund: Fund, _ region: String, fen: Int64) {
    let batch = budget.appropriate(fund, region, fen: fen)
    record(
      "fund.appropriated", "fund", pick(WorkloadStaff.finance),
      #""fund":"\#(fund.rawValue)","region":"\#(region)","amount":"\#(Money(fen: fen).decimalString)","reference":"\#(fund.chineseName) \#(region) 第\#(batch)批（合成数据）""#
    )
  }
}

/// The generator's own account of each fund: what it appropriated and the most the claims it
/// approved can take. An approval is preceded by a new appropriation whenever that most could
/// exceed what was appropriated, so that no approval is refused for want of funds (以资金定人员)
/// — without the generator computing what the rules pay.
struct WorkloadBudget {
  struct Account {
    var appropriatedFen: Int64 = 0
    var reservedFen: Int64 = 0
    var batches = 0
  }

  var accounts: [String: Account] = [:]

  /// The usual appropriation to a fund of a region.
  func trancheFen(_ fund: Fund, _ region: String) -> Int64 {
    let weight = Int64(WorkloadPlace.all.first { $0.region == region }?.weight ?? 6)
    switch fund {
    case .employmentSubsidy: return 20_000_000 * weight
    case .unemploymentInsurance: return 5_000_000 * weight
    case .skillsUpgradeAccount: return region == "changchun" ? 60_000_000 : 4_000_000 * weight
    }
  }

  /// Books an appropriation; returns its number among the fund's appropriations.
  mutating func appropriate(_ fund: Fund, _ region: String, fen: Int64) -> Int {
    accounts["\(fund.rawValue) \(region)", default: Account()].appropriatedFen += fen
    accounts["\(fund.rawValue) \(region)"]!.batches += 1
    return accounts["\(fund.rawValue) \(region)"]!.batches
  }

  /// Reserves `fen`; returns how much must be appropriated first (0 when there is room).
  mutating func reserve(_ fund: Fund, _ region: String, fen: Int64) -> Int64 {
    var account = accounts["\(fund.rawValue) \(region)", default: Account()]
    account.reservedFen += fen
    accounts["\(fund.rawValue) \(region)"] = account
    let shortFen = account.reservedFen - account.appropriatedFen
    return shortFen > 0 ? max(shortFen, trancheFen(fund, region)) : 0
  }
}

/// `text` as a JSON string, quotes included.
func quoted(_ text: String) -> String { JSONWriter.string(.string(text)) }
