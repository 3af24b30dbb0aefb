import ClaimsDomain
import ClaimsRules

/// A made-up year (2024) of subsidised training, as a bureau would record it: setup in January,
/// a Changchun project class in spring (CC-2024), a Jinan class in June (JN-2023, which
/// publishes no amounts), and from September, when LC-2024 comes into force, ten classes in
/// five Liaocheng counties. Among the routine: exam failures and a resit, a partial payment, a
/// bank return, a fraud recovery, and what an auditor should find (a trainee in two classes on
/// one day, an over-full class, late project claims, an overdue recovery). Everything random
/// comes from one seed; the same seed gives the same journal, byte for byte.
struct DemoYear {
  static let seed: UInt64 = 20_240_101
  static let admin = "admin-wang"
  static let openedOn = CivilDate("2024-01-02")!

  var timeline = Timeline()
  var people: People
  var random: SplitMix64
  var counters: [String: Int] = [:]

  init(seed: UInt64 = DemoYear.seed) {
    people = People(random: SplitMix64(seed: seed))
    random = SplitMix64(seed: seed ^ 0x5EED_DEA0)
  }

  static var opened: Event {
    Event(
      id: "journal.opened", date: openedOn, actor: admin,
      body: .journalOpened(JournalOpened(format: 1, admin: admin)))
  }

  /// The whole year's events.
  static func build(seed: UInt64 = DemoYear.seed) -> Timeline {
    var year = DemoYear(seed: seed)
    year.setUp()
    year.changchunProjectClass()
    year.jinanClass()
    year.liaochengAutumn()
    year.setLiaocheng2025Plans(on: CivilDate("2025-11-10")!)
    return year.timeline
  }

  // The places. Liaocheng's counties are parts of the region `liaocheng` (the rulesets cover
  // `liaocheng-…`); each keeps its own funds.
  static let dongchangfu = Place(
    region: "liaocheng-dongchangfu", name: "东昌府区", area: "371502", institution: "lc-dcf-school",
    institutionName: "东昌府区职业技能培训学校", clerk: "clerk-li")
  static let linqing = Place(
    region: "liaocheng-linqing", name: "临清市", area: "371581", institution: "lc-lq-school",
    institutionName: "临清市职业培训中心", clerk: "clerk-li")
  static let guanxian = Place(
    region: "liaocheng-guanxian", name: "冠县", area: "371525", institution: "lc-gx-school",
    institutionName: "冠县职业技能培训学校", clerk: "clerk-zhou")
  static let shenxian = Place(
    region: "liaocheng-shenxian", name: "莘县", area: "371522", institution: "lc-sx-school",
    institutionName: "莘县职业技能培训中心", clerk: "clerk-zhou")
  static let gaotang = Place(
    region: "liaocheng-gaotang", name: "高唐县", area: "371526", institution: "lc-gt-school",
    institutionName: "高唐县创业培训学校", clerk: "clerk-zhou")
  static let changchun = Place(
    region: "changchun", name: "长春市", area: "220104", institution: "cc-auto-school",
    institutionName: "长春汽车产业职业培训学校", clerk: "clerk-gao")
  static let jinan = Place(
    region: "jinan", name: "济南市", area: "370112", institution: "jn-lc-school",
    institutionName: "济南市历城区职业培训学校", clerk: "clerk-han")
  static let counties = [dongchangfu, linqing, guanxian, shenxian, gaotang]

  mutating func setUp() {
    let day = CivilDate("2024-01-03")!
    let actors = [
      ("clerk-li", "clerk", "李敏"), ("clerk-zhou", "clerk", "周婷"), ("clerk-gao", "clerk", "高峰"),
      ("clerk-han", "clerk", "韩雪"), ("reviewer-zhao", "reviewer", "赵强"),
      ("reviewer-wu", "reviewer", "吴磊"),
      ("finance-chen", "finance", "陈静"), ("finance-liu", "finance", "刘洋"),
      ("auditor-sun", "auditor", "孙丽"),
    ]
    for (id, role, name) in actors {
      record(
        "actor.registered", "act", day, Self.admin,
        [("actor_id", .string(id)), ("role", .string(role)), ("name", .string(name))])
    }
    for place in Self.counties + [Self.changchun, Self.jinan] {
      record(
        "institution.registered", "ins", day, Self.admin,
        [
          ("institution", .string(place.institution)), ("name", .string(place.institutionName)),
          ("region", .string(place.region)),
        ])
    }
    // The seeds give no minimum wage; this figure is made up for the demo.
    record(
      "minimum_wage.published", "mw", CivilDate("2024-01-10")!, Self.admin,
      [
        ("region", .string("changchun")), ("amount", .string("1880")),
        ("reference", .string("吉林省最低工资标准 一类地区（演示数据）")),
      ])
    setPlans(on: CivilDate("2024-01-20")!)
    appropriate(
      .skillsUpgradeAccount, Self.changchun, "120000", "长春市2024年职业技能提升行动专账资金（演示数据）",
      on: CivilDate("2024-01-15")!)
    appropriate(
      .employmentSubsidy, Self.jinan, "30000", "济南市2024年就业补助资金（演示数据）", on: CivilDate("2024-03-01")!)
    let budget = [
      "liaocheng-dongchangfu": "40000", "liaocheng-linqing": "30000", "liaocheng-guanxian": "20000",
      "liaocheng-shenxian": "25000", "liaocheng-gaotang": "15000",
    ]
    for county in Self.counties {
      appropriate(
        .employmentSubsidy, county, budget[county.region]!, "聊城市2024年就业补助资金 第一批（演示数据）",
        on: CivilDate("2024-08-20")!)
      appropriate(
        .unemploymentInsurance, county, "10000", "聊城市2024年失业保险基金 技能培训支出（演示数据）",
        on: CivilDate("2024-08-20")!)
    }
    appropriate(
      .employmentSubsidy, Self.dongchangfu, "20000", "聊城市2024年就业补助资金 第二批（演示数据）",
      on: CivilDate("2024-11-20")!)
  }

  mutating func appropriate(
    _ fund: Fund, _ place: Place, _ yuan: String, _ reference: String, on day: CivilDate
  ) {
    let actor =
      place.region == "changchun" || place.region == "jinan" ? "finance-liu" : "finance-chen"
    record(
      "fund.appropriated", "fnd", day, actor,
      [
        ("fund", .string(fund.rawValue)), ("region", .string(place.region)),
        ("amount", .string(yuan)),
        ("reference", .string(reference)),
      ])
  }

  /// The seeds publish no 2024 county targets: the counties' targets repeat LC-2019's county
  /// table (附件1), the only county breakdown published; Changchun's is CC-2024's yearly 3000.
  mutating func setPlans(on day: CivilDate) {
    let library = RuleLibrary.shipped
    let countyPlans = library.ruleset(id: "LC-2019")!.plans
    for county in Self.counties {
      let plan = countyPlans.first { $0.unit == county.name }!
      record(
        "plan.set", "pln", day, Self.admin,
        [
          ("region", .string(county.region)), ("year", .int(2024)), ("target", .int(plan.target)),
          ("program", .string("职业技能提升行动（目标参照聊政办发〔2019〕10号附件1）")),
        ])
    }
    let changchun = library.ruleset(id: "CC-2024")!.plans.first { $0.yearFrom == 2024 }!
    record(
      "plan.set", "pln", day, Self.admin,
      [
        ("region", .string("changchun")), ("year", .int(2024)), ("target", .int(changchun.target)),
        ("program", .string(changchun.program)),
      ])
  }

  /// LC-2025 (published 2025-11-06) sets yearly targets for 2025–2027; the bureau records the
  /// 2025 ones when the document arrives, after the demo year. Its three-year total (8万人次,
  /// 2025–2027) is not a yearly target, so it is not recorded as one.
  mutating func setLiaocheng2025Plans(on day: CivilDate) {
    let plans = RuleLibrary.shipped.ruleset(id: "LC-2025")!.plans
    for plan in plans where plan.yearFrom == 2025 && plan.yearTo == 2025 && plan.region == "liaocheng" {
      record(
        "plan.set", "pln", day, Self.admin,
        [
          ("region", .string(plan.region)), ("year", .int(2025)), ("target", .int(plan.target)),
          ("program", .string(plan.program)),
        ])
    }
  }

  /// `count` trainees of a place: person categories drawn from `categories`, one in `uiEvery`
  /// on unemployment insurance benefits.
  mutating func enrolees(_ count: Int, of place: Place, categories: [[String]], uiEvery: Int = 0)
    -> [Enrolee]
  {
    (0..<count).map { _ in
      let person = people.draw(area: place.area)
      return Enrolee(
        person: person, categories: categories[random.below(categories.count)],
        uiBenefit: uiEvery > 0 && random.below(uiEvery) == 0)
    }
  }
}
