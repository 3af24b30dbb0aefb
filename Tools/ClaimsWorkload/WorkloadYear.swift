import ClaimsDomain
import ClaimsLedger

/// Something to do on a day of the synthetic year. Each task records that day's events and
/// schedules what follows from it on later days.
enum WorkloadTask {
  case setUp, setUpLiaocheng
  case approveClass(Int)
  case startClass(Int)
  case trainingDay(Int, day: Int)
  case exams(Int)
  case resits(Int)
  case employment(Int, trainee: Int)
  case submitClaim(Int, resits: Bool)
  case submitClaimAgain(WorkloadClaim)
  case decideClaim(Int)
  case pay(claim: Int, percent: Int, then: PaymentFollowUp)
  case returnPayment(String, claim: Int, fund: Fund, fen: Int64)
  case repay(claim: Int, fund: Fund, fen: Int64)
  case orderRecovery(claim: Int)
  case receiveRecovery(String, percent: Int)
  case void(String, reason: String)
}

/// What follows a claim's first payment.
enum PaymentFollowUp { case none, rest, recovery }

/// A claim as the institution submits it: the class and which of its trainees (by position).
struct WorkloadClaim {
  let id: String
  let classIndex: Int
  let trainees: [Int]
}

/// The synthetic year, day by day: every event of a day is dated that day and recorded that
/// evening, so the events come out in date order and each day's batches can be appended before
/// the next day is made. Money that depends on what the ledger decided (payments of approved
/// amounts, recoveries) is read from the ledger's state at the start of the day: the generator
/// never repeats the rules' arithmetic.
final class WorkloadYear {
  static let firstDay = CivilDate("2024-03-01")!
  static let setUpDay = CivilDate("2024-03-04")!
  static let liaochengSetUpDay = CivilDate("2024-08-20")!

  var random: SplitMix64
  var classes: [WorkloadClass]
  var claims: [WorkloadClaim] = []
  var agenda: [[WorkloadTask]] = []
  /// The ledger's state at the start of the day being made; nil between days, so that the
  /// append session's state is never shared (and copied) while it grows.
  var state: LedgerState?
  var today = WorkloadYear.firstDay
  var lines: [String] = []
  var counters: [String: Int] = [:]
  /// The start day (days since 1970) of each person's first and latest class, by place; a
  /// place's people are numbered 0, 1, 2 … in the order they first come.
  var firstClassDay: [[Int]]
  var lastClassDay: [[Int]]
  var budget = WorkloadBudget()

  init(_ workload: Workload) {
    var planner = WorkloadPlanner(seed: workload.seed)
    classes = planner.plan(events: workload.events)
    random = SplitMix64(seed: workload.seed ^ 0x0DA7_5EED)
    firstClassDay = Array(repeating: [], count: WorkloadPlace.all.count)
    lastClassDay = firstClassDay
    schedule(Self.setUpDay, .setUp)
    schedule(Self.liaochengSetUpDay, .setUpLiaocheng)
    for index in classes.indices {
      let planned = classes[index]
      schedule(planned.start.adding(days: -planned.approvalLead), .approveClass(index))
    }
  }

  /// The day after the last one with anything to do.
  var endDay: CivilDate { Self.firstDay.adding(days: agenda.count) }

  /// The events of `day`, one JSON line each, in the order they are to be appended.
  func events(on day: CivilDate, state: LedgerState) -> [String] {
    self.state = state
    today = day
    lines = []
    defer { self.state = nil }
    let index = day.daysSinceEpoch - Self.firstDay.daysSinceEpoch
    guard index < agenda.count else { return [] }
    var position = 0
    while position < agenda[index].count {
      perform(agenda[index][position])
      position += 1
    }
    agenda[index] = []
    return lines
  }

  func perform(_ task: WorkloadTask) {
    switch task {
    case .setUp: setUp()
    case .setUpLiaocheng: setUpLiaocheng()
    case .approveClass(let index): approveClass(index)
    case .startClass(let index): startClass(index)
    case .trainingDay(let index, let day): trainingDay(index, day)
    case .exams(let index): exams(index)
    case .resits(let index): resits(index)
    case .employment(let index, let trainee): employment(index, trainee)
    case .submitClaim(let index, let resits): submitClaim(index, resits: resits)
    case .submitClaimAgain(let claim): fileClaim(claim)
    case .decideClaim(let claim): decideClaim(claim)
    case .pay(let claim, let percent, let then): pay(claim, percent: percent, then: then)
    case .returnPayment(let payment, let claim, let fund, let fen):
      returnPayment(payment, claim, fund, fen)
    case .repay(let claim, let fund, let fen): repay(claim, fund, fen)
    case .orderRecovery(let claim): orderRecovery(claim)
    case .receiveRecovery(let recovery, let percent): receiveRecovery(recovery, percent: percent)
    case .void(let target, let reason):
      record(
        "event.voided", "void", pick(WorkloadStaff.reviewers),
        #""target":"\#(target)","reason":"\#(reason)""#)
    }
  }

  // MARK: Scheduling and recording

  func schedule(_ day: CivilDate, _ task: WorkloadTask) {
    let index = day.daysSinceEpoch - Self.firstDay.daysSinceEpoch
    precondition(index >= 0 && day >= today, "tasks are scheduled forward")
    if index >= agenda.count { agenda += Array(repeating: [], count: index - agenda.count + 1) }
    agenda[index].append(task)
  }

  func later(_ from: Int, _ to: Int, _ task: WorkloadTask) {
    schedule(today.adding(days: from + random.below(to - from + 1)), task)
  }

  func nextID(_ prefix: String) -> String {
    let number = (counters[prefix] ?? 0) + 1
    counters[prefix] = number
    return "\(prefix)-\(number)"
  }

  /// Records an event of `type` today; `fields` is the rest of the JSON object, already
  /// written (every value the generator makes needs no escaping). Returns the event's id.
  @discardableResult
  func record(_ type: String, _ prefix: String, _ actor: String, _ fields: String) -> String {
    let id = nextID(prefix)
    lines.append(
      #"{"type":"\#(type)","id":"\#(id)","date":"\#(today)","actor":"\#(actor)",\#(fields)}"#)
    return id
  }

  func pick<T>(_ values: [T]) -> T { values[random.below(values.count)] }

  /// One chance in `n`.
  func chance(_ n: Int) -> Bool { random.below(n) == 0 }
}
