import ClaimsDomain
import ClaimsLedger
import ClaimsTestSupport
import Testing

/// Seeded random workloads through the real state machine, checked after every step against an
/// independent, deliberately simple model of the money (SPEC §8).
@Suite struct MoneyModelTests {
  /// The model: plain integers per fund, per claim and per recovery; nothing shared with the
  /// ledger but the amounts the rules decide on approval.
  struct Model {
    var appropriated: [Fund: Int64] = [:]
    var committed: [Fund: Int64] = [:]
    var paid: [Fund: Int64] = [:]
    var recovered: [Fund: Int64] = [:]
    var approved: [String: [Fund: Int64]] = [:]
    var claimPaid: [String: [Fund: Int64]] = [:]
    var ordered: [String: [Fund: Int64]] = [:]
    var payments: [String: (claim: String, fund: Fund, amount: Int64, returned: Bool)] = [:]
    var recoveries: [String: (claim: String, trainee: ResidentID, fund: Fund, amount: Int64, outstanding: Int64)] = [:]

    func available(_ fund: Fund) -> Int64 {
      appropriated[fund, default: 0] - committed[fund, default: 0] - paid[fund, default: 0] + recovered[fund, default: 0]
    }
  }

  typealias Run = MachineRun<Model>

  typealias B = Bureau

  static let seeds: [UInt64] = Array(1...12)

  @Test(arguments: seeds)
  func balancesAgreeWithASimpleModelAfterEveryStep(seed: UInt64) throws {
    let tally = try exercise(seed: seed)
    for kind in ["claim.approved accepted", "payment.made accepted", "payment.made refused", "recovery.ordered accepted"] {
      #expect(tally[kind, default: 0] > 0, "seed \(seed) never saw \(kind): \(tally)")
    }
  }

  @Test func theSeedsTogetherReachEveryAcceptanceAndRefusal() throws {
    var total: [String: Int] = [:]
    for seed in Self.seeds { total.merge(try exercise(seed: seed), uniquingKeysWith: +) }
    for type in ["claim.approved", "payment.made", "payment.returned", "recovery.ordered", "recovery.received"] {
      #expect(total["\(type) accepted", default: 0] > 0, "never accepted: \(type)")
      #expect(total["\(type) refused", default: 0] > 0, "never refused: \(type)")
    }
  }

  /// One seeded run of 250 steps, checked against the model after each; returns the tally.
  func exercise(seed: UInt64) throws -> [String: Int] {
    let run = Run(seed: seed, model: Model())
    let opened = eventLine("journal.opened", id: "journal.opened", date: "2024-09-01", actor: B.admin, [("format", 1), ("admin", .string(B.admin))])
    #expect(run.offer(opened))
    for line in B.setup.dropLast(3) where !line.contains("fund.appropriated") { #expect(run.offer(line), "seed \(seed)") }
    var trainees = 0
    var openClaims: [String] = []
    for _ in 0..<250 {
      switch run.random.below(8) {
      case 0:
        let fund = Fund.allCases[run.random.below(3)]
        let amount = Int64(1 + run.random.below(2000)) * 100
        let accepted = run.offer(eventLine("fund.appropriated", id: run.id("fund"), date: "2024-09-02", actor: B.finance,
          [("fund", .string(fund.rawValue)), ("region", "liaocheng"), ("amount", .string(Money(fen: amount).decimalString)), ("reference", "r")]))
        #expect(accepted, "seed \(seed)")
        run.model.appropriated[fund, default: 0] += amount
      case 1, 2:
        // A class of 1–3 trainees who pass, and their claim.
        let classID = run.id("C")
        #expect(run.offer(B.classApproved(classID, id: run.id("cls"))), "seed \(seed)")
        var members: [String] = []
        for _ in 0..<(1 + run.random.below(3)) {
          trainees += 1
          let trainee = Scenario.trainee(trainees)
          members.append(trainee)
          #expect(run.offer(B.enrol(trainee, id: run.id("enr"), classID: classID, uiBenefit: run.random.below(3) == 0)))
          #expect(run.offer(editedLine(B.exam(trainee, id: run.id("exm")), [("class", .string(classID))])))
        }
        let claim = run.id("CL")
        #expect(run.offer(editedLine(B.claimSubmitted(claim, id: run.id("clm"), trainees: members), [("class", .string(classID))])))
        openClaims.append(claim)
      case 3:
        guard let claim = openClaims.popLast() else { continue }
        let accepted = run.offer(B.claimApproved(claim, id: run.id("apr")))
        if accepted {
          var byFund: [Fund: Int64] = [:]
          for line in run.state.claims[claim]!.decision!.lines { byFund[line.fund, default: 0] += line.amount.fen }
          for (fund, amount) in byFund {
            #expect(amount <= run.model.available(fund), "seed \(seed): approval overdrew \(fund)")
            run.model.committed[fund, default: 0] += amount
          }
          run.model.approved[claim] = byFund
        } else {
          // The only refusal an open, four-eyes-clean claim can meet is a fund that would overdraw.
          let needed = LedgerFixtureMoney.needed(run.state, claim, rules: run.rules)
          #expect(needed.contains { $0.value > run.model.available($0.key) }, "seed \(seed): approval of \(claim) refused without cause")
          openClaims.insert(claim, at: 0)
        }
      case 4, 5:
        guard let (claim, byFund) = run.model.approved.randomElement(using: &run.random), let fund = byFund.keys.first else { continue }
        let unpaid = byFund[fund]! - (run.model.claimPaid[claim]?[fund] ?? 0)
        let amount = Int64(1 + run.random.below(Int(max(unpaid, 1) + 20_000)))
        let payment = run.id("PAY")
        let accepted = run.offer(editedLine(B.payment(payment, id: run.id("pay"), claim: claim, bankRef: run.id("B"), amount: Money(fen: amount).decimalString), [("fund", .string(fund.rawValue))]))
        #expect(accepted == (amount <= unpaid), "seed \(seed): payment \(amount) against \(unpaid) unpaid")
        if accepted {
          run.model.committed[fund, default: 0] -= amount
          run.model.paid[fund, default: 0] += amount
          run.model.claimPaid[claim, default: [:]][fund, default: 0] += amount
          run.model.payments[payment] = (claim, fund, amount, false)
        }
      case 6:
        guard let (payment, record) = run.model.payments.randomElement(using: &run.random) else { continue }
        let accepted = run.offer(B.paymentReturned(payment, id: run.id("ret")))
        #expect(accepted == !record.returned, "seed \(seed)")
        if accepted {
          run.model.payments[payment]!.returned = true
          run.model.committed[record.fund, default: 0] += record.amount
          run.model.paid[record.fund, default: 0] -= record.amount
          run.model.claimPaid[record.claim]![record.fund]! -= record.amount
        }
      default:
        guard let (recovery, order) = run.model.recoveries.randomElement(using: &run.random), order.outstanding > 0,
          run.random.below(2) == 0
        else {
          // Order a recovery on a paid claim, within what was paid and not yet ordered.
          guard let (claim, byFund) = run.model.claimPaid.randomElement(using: &run.random), let fund = byFund.keys.first,
            let trainee = run.state.claims[claim]?.decision?.lines.first(where: { $0.fund == fund && $0.amount.fen > 0 })?.trainee
          else { continue }
          let amount = Int64(1 + run.random.below(90_000))
          let recovery = run.id("REC")
          let accepted = run.offer(editedLine(B.recoveryOrdered(recovery, id: run.id("rec"), claim: claim, trainee: trainee.value, amount: Money(fen: amount).decimalString), [("fund", .string(fund.rawValue))]))
          let traineeApproved = run.state.claims[claim]!.decision!.lines.filter { $0.trainee == trainee && $0.fund == fund }.reduce(0) { $0 + $1.amount.fen }
          let orderedForTrainee = run.model.recoveries.values
            .filter { $0.claim == claim && $0.trainee == trainee && $0.fund == fund }.reduce(0) { $0 + $1.amount }
          let paidLessOrdered = byFund[fund]! - (run.model.ordered[claim]?[fund] ?? 0)
          #expect(accepted == (amount <= traineeApproved - orderedForTrainee && amount <= paidLessOrdered), "seed \(seed): recovery \(amount)")
          if accepted {
            run.model.ordered[claim, default: [:]][fund, default: 0] += amount
            run.model.recoveries[recovery] = (claim, trainee, fund, amount, amount)
          }
          continue
        }
        let amount = Int64(1 + run.random.below(Int(order.outstanding) + 5_000))
        let accepted = run.offer(B.recoveryReceived(recovery, id: run.id("rcv"), amount: Money(fen: amount).decimalString))
        #expect(accepted == (amount <= order.outstanding), "seed \(seed)")
        if accepted {
          run.model.recoveries[recovery]!.outstanding -= amount
          run.model.recovered[order.fund, default: 0] += amount
        }
      }
      try checkAgainstModel(run, seed: seed)
    }
    return run.tally
  }

  func checkAgainstModel(_ run: Run, seed: UInt64) throws {
    for fund in Fund.allCases {
      let balance = run.state.funds[FundKey(fund: fund, region: "liaocheng")] ?? FundBalance()
      #expect(balance.appropriated.fen == run.model.appropriated[fund, default: 0], "seed \(seed) \(fund) appropriated")
      #expect(balance.committed.fen == run.model.committed[fund, default: 0], "seed \(seed) \(fund) committed")
      #expect(balance.paid.fen == run.model.paid[fund, default: 0], "seed \(seed) \(fund) paid")
      #expect(balance.recovered.fen == run.model.recovered[fund, default: 0], "seed \(seed) \(fund) recovered")
      #expect(balance.available.fen >= 0, "seed \(seed) \(fund) available below zero")
    }
  }
}

/// What the model asks of the ledger's records, not of its balances.
enum LedgerFixtureMoney {
  static func needed(_ state: LedgerState, _ claim: String, rules: RulesetBook) -> [Fund: Int64] {
    guard case .success(let decision?) = rules.decideApproval(of: claim, in: state, on: CivilDate("2024-10-09")!) else { return [:] }
    var byFund: [Fund: Int64] = [:]
    for line in decision.lines { byFund[line.fund, default: 0] += line.amount.fen }
    return byFund
  }
}
