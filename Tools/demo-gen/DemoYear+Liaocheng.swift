import ClaimsDomain

/// Liaocheng from September, when LC-2024 (聊人社字〔2024〕12号) comes into force: ten classes in
/// five counties, of every kind the catalogue pays for.
extension DemoYear {
  mutating func liaochengAutumn() {
    cooksWithAResitAndAFraud()
    bearingMakersWithABankReturn()
    let d = Self.day
    // 冠县, special ability (手工制作类, 24 h, ¥400): one more trainee than planned.
    let willow = ClassPlan(
      id: "LC-GX-2024-01", place: Self.guanxian, category: "special-ability", occupation: "柳编",
      level: nil,
      assessment: "evaluation", start: d("2024-09-23"), days: 3, theoryHours: 6, plannedSize: 15,
      certificate: "special-ability")
    routineClass(
      willow, size: 16, approvedOn: d("2024-09-18"), failing: [5], examOn: d("2024-09-27"),
      claimOn: d("2024-10-09"), approveOn: d("2024-10-15"), payOn: d("2024-10-22"))
    // 莘县, urgent (class A) by completion exam: the junior standard. The school claims for
    // everyone; the ledger approves the two who failed at ¥0, with the reason.
    let sewing = ClassPlan(
      id: "LC-SX-2024-01", place: Self.shenxian, category: "urgent", occupation: "6-05-01-03",
      level: nil,
      assessment: "completion", start: d("2024-10-21"), days: 5, theoryHours: 12, plannedSize: 20,
      certificate: "training-certificate", reviewer: "reviewer-wu")
    routineClass(
      sewing, size: 18, approvedOn: d("2024-10-16"), failing: [2, 11], examOn: d("2024-10-28"),
      claimOn: d("2024-11-01"), approveOn: d("2024-11-08"), payOn: d("2024-11-15"),
      claimEveryone: true)
    // 高唐县, entrepreneurship: SYB, 56 h, ¥800.
    let syb = ClassPlan(
      id: "LC-GT-2024-01", place: Self.gaotang, category: "entrepreneurship",
      occupation: "创业能力培训 (B类) 创办你的企业 (SYB)", level: nil, assessment: "completion",
      start: d("2024-09-23"), days: 7, theoryHours: 20, plannedSize: 12,
      certificate: "training-certificate")
    routineClass(
      syb, size: 12, approvedOn: d("2024-09-19"), failing: [], examOn: d("2024-09-30"),
      claimOn: d("2024-10-09"), approveOn: d("2024-10-16"), payOn: d("2024-10-23"))
    // 东昌府区, featured: 鲁菜师傅+, 56 h, ¥800.
    let chefs = ClassPlan(
      id: "LC-DCF-2024-02", place: Self.dongchangfu, category: "featured", occupation: "鲁菜师傅+",
      level: nil,
      assessment: "completion", start: d("2024-11-11"), days: 7, theoryHours: 16, plannedSize: 12,
      certificate: "training-certificate")
    routineClass(
      chefs, size: 12, approvedOn: d("2024-11-06"), failing: [4], examOn: d("2024-11-19"),
      claimOn: d("2024-11-25"), approveOn: d("2024-12-02"), payOn: d("2024-12-09"))
    // 临清市, green junior, 48 h planned (the standard asks 40).
    let electricians = ClassPlan(
      id: "LC-LQ-2024-02", place: Self.linqing, category: "green", occupation: "6-29-03-02",
      level: "junior",
      assessment: "evaluation", start: d("2024-11-04"), days: 6, theoryHours: 14, plannedSize: 10,
      certificate: "skill-level")
    routineClass(
      electricians, size: 10, uiEvery: 4, approvedOn: d("2024-10-30"), failing: [6],
      examOn: d("2024-11-12"), claimOn: d("2024-11-18"), approveOn: d("2024-11-25"),
      payOn: d("2024-12-03"))
    gardenersAndCarersOnTheSameDay()
    // 东昌府区, green junior, in its last week of the year: no exam yet, so `pending`.
    let drones = ClassPlan(
      id: "LC-DCF-2024-03", place: Self.dongchangfu, category: "green", occupation: "4-02-04-06",
      level: "junior",
      assessment: "evaluation", start: d("2024-12-23"), days: 5, theoryHours: 12, plannedSize: 10,
      certificate: "skill-level")
    approveClass(drones, on: d("2024-12-18"))
    let pilots = enrolees(10, of: Self.dongchangfu, categories: Self.categories, uiEvery: 5)
    for enrolee in pilots { enrol(enrolee, in: drones) }
    for day in drones.trainingDays { for enrolee in pilots { attend(enrolee, drones, on: day) } }
  }

  /// A class's whole life: approval, attendance, exams, a claim for those who passed (or for
  /// everyone), its approval and payment; `payOn` nil leaves it approved and unpaid.
  @discardableResult
  mutating func routineClass(
    _ plan: ClassPlan, size: Int, uiEvery: Int = 0, extra: [Enrolee] = [], approvedOn: CivilDate,
    failing: Set<Int>, examOn: CivilDate, claimOn: CivilDate, approveOn: CivilDate,
    payOn: CivilDate?,
    claimEveryone: Bool = false
  ) -> [Enrolee] {
    let group = enrolees(size, of: plan.place, categories: Self.categories, uiEvery: uiEvery)
    let (passed, _) = runClass(
      plan, approvedOn: approvedOn, group, failing: failing, examOn: examOn)
    let claim = "CL" + plan.id.dropFirst(2)
    submitClaim(claim, plan, claimEveryone ? group : passed, on: claimOn)
    approveClaim(
      claim, on: approveOn, by: plan.reviewer == "reviewer-wu" ? "reviewer-zhao" : "reviewer-wu")
    if let payOn { payInFull(claim, to: plan.place.institution, on: payOn, by: "finance-chen") }
    return passed
  }

  /// 东昌府区, green junior cooks (中式烹调师): two fail; one, on UI benefits, resits, passes
  /// and is claimed for separately. A certificate later turns out forged: the subsidy is
  /// ordered back and repaid in full.
  mutating func cooksWithAResitAndAFraud() {
    let d = Self.day
    let plan = ClassPlan(
      id: "LC-DCF-2024-01", place: Self.dongchangfu, category: "green", occupation: "4-03-02-01",
      level: "junior",
      assessment: "evaluation", start: d("2024-09-09"), days: 5, theoryHours: 12, plannedSize: 20,
      certificate: "skill-level")
    var group = enrolees(18, of: Self.dongchangfu, categories: Self.categories, uiEvery: 4)
    group[0] = Enrolee(
      person: group[0].person, categories: ["registered-unemployed"], uiBenefit: true)
    let (passed, _) = runClass(
      plan, approvedOn: d("2024-09-04"), group, failing: [0, 7], examOn: d("2024-09-14"))
    let claim = "CL-DCF-2024-01"
    submitClaim(claim, plan, passed, on: d("2024-09-20"))
    approveClaim(claim, on: d("2024-09-27"), by: "reviewer-wu")
    payInFull(claim, to: plan.place.institution, on: d("2024-10-10"), by: "finance-chen")
    exam(group[0], plan, on: d("2024-09-28"), passed: true)
    let resit = "CL-DCF-2024-01B"
    submitClaim(resit, plan, [group[0]], on: d("2024-10-08"))
    approveClaim(resit, on: d("2024-10-12"), by: "reviewer-zhao")
    payInFull(resit, to: plan.place.institution, on: d("2024-10-18"), by: "finance-chen")
    let forged = passed.first { !$0.uiBenefit }!
    orderRecovery(
      "REC-2024-002", claim, forged, reason: "fraud", on: d("2024-11-05"), by: "reviewer-zhao")
    receiveRecovery("REC-2024-002", on: d("2024-11-26"), by: "finance-chen")
  }

  /// 临清市, manufacturing intermediate (轴承制造工, 56 h, ¥700). The bank returns the payment
  /// from the employment subsidy fund (the account name did not match); it is paid again.
  mutating func bearingMakersWithABankReturn() {
    let d = Self.day
    let plan = ClassPlan(
      id: "LC-LQ-2024-01", place: Self.linqing, category: "manufacturing", occupation: "6-20-01-02",
      level: "intermediate", assessment: "evaluation", start: d("2024-10-14"), days: 7,
      theoryHours: 16,
      plannedSize: 16, certificate: "skill-level", reviewer: "reviewer-wu")
    routineClass(
      plan, size: 15, uiEvery: 5, approvedOn: d("2024-10-09"), failing: [3],
      examOn: d("2024-10-22"),
      claimOn: d("2024-10-28"), approveOn: d("2024-11-04"), payOn: d("2024-11-08"))
    returnPayment(
      of: "CL-LQ-2024-01", .employmentSubsidy, on: d("2024-11-12"), by: "finance-chen",
      reason: "收款账户户名与机构名称不符，银行退回")
    payInFull("CL-LQ-2024-01", to: plan.place.institution, on: d("2024-11-15"), by: "finance-chen")
  }

  /// 冠县 gardeners (green junior, 40 h) and 莘县 carers (urgent intermediate, 56 h) in the same
  /// week; one 冠县 trainee also joins the carers for their last three days, and is recorded in
  /// both classes on 2024-11-22: a finding. The carers' claim is approved but not yet paid at
  /// the end of the year.
  mutating func gardenersAndCarersOnTheSameDay() {
    let d = Self.day
    let gardeners = ClassPlan(
      id: "LC-GX-2024-02", place: Self.guanxian, category: "green", occupation: "4-09-10-01",
      level: "junior",
      assessment: "evaluation", start: d("2024-11-18"), days: 5, theoryHours: 10, plannedSize: 8,
      certificate: "skill-level", reviewer: "reviewer-wu")
    let carers = ClassPlan(
      id: "LC-SX-2024-02", place: Self.shenxian, category: "urgent", occupation: "4-14-01-03",
      level: "intermediate", assessment: "evaluation", start: d("2024-11-18"), days: 7,
      theoryHours: 16,
      plannedSize: 12, certificate: "skill-level")
    let both = enrolees(1, of: Self.guanxian, categories: [["rural-migrant"]])[0]
    let group = enrolees(7, of: Self.guanxian, categories: Self.categories) + [both]
    let (passed, _) = runClass(
      gardeners, approvedOn: d("2024-11-13"), group, failing: [], examOn: d("2024-11-25"),
      present: [group.count - 1])
    submitClaim("CL-GX-2024-02", gardeners, passed, on: d("2024-11-29"))
    approveClaim("CL-GX-2024-02", on: d("2024-12-06"), by: "reviewer-zhao")
    payInFull(
      "CL-GX-2024-02", to: gardeners.place.institution, on: d("2024-12-13"), by: "finance-chen")
    let carerGroup = enrolees(10, of: Self.shenxian, categories: Self.categories, uiEvery: 5)
    let (carersPassed, _) = runClass(
      carers, approvedOn: d("2024-11-12"), carerGroup, failing: [8], examOn: d("2024-11-26"))
    enrol(both, in: carers, on: d("2024-11-22"))
    for day in carers.trainingDays.suffix(3) { attend(both, carers, on: day) }
    exam(both, carers, on: d("2024-11-26"), passed: false)
    submitClaim("CL-SX-2024-02", carers, carersPassed, on: d("2024-12-02"))
    approveClaim("CL-SX-2024-02", on: d("2024-12-09"), by: "reviewer-wu")
  }
}
