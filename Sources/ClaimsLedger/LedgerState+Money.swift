import ClaimsDomain

extension LedgerState {
  /// The balanced postings of a money event (SPEC §8); none for other events. A recovery order
  /// posts nothing until money is received.
  public func postings(for event: Event) -> [Posting] {
    func pair(_ debit: Account.Kind, _ credit: Account.Kind, _ fund: Fund, _ region: String, _ amount: Money)
      -> [Posting]
    {
      [
        Posting(account: Account(kind: debit, fund: fund), region: region, amount: amount),
        Posting(account: Account(kind: credit, fund: fund), region: region, amount: Money(fen: -amount.fen)),
      ]
    }
    switch event.body {
    case .fundAppropriated(let e):
      return pair(.available, .appropriations, e.fund, e.region, e.amount)
    case .claimApproved(let e):
      guard let decision = e.decision, let region = claimRegion(e.claim) else { return [] }
      return decision.lines.filter { $0.amount.fen > 0 }.flatMap {
        pair(.committed, .available, $0.fund, region, $0.amount)
      }
    case .paymentMade(let e):
      guard let region = claimRegion(e.claim) else { return [] }
      return pair(.expenses, .committed, e.fund, region, e.amount)
    case .paymentReturned(let e):
      guard let payment = payments[e.payment]?.payment, let region = claimRegion(payment.claim) else { return [] }
      return pair(.committed, .expenses, payment.fund, region, payment.amount)
    case .recoveryReceived(let e):
      guard let order = recoveries[e.recovery]?.order, let region = claimRegion(order.claim) else { return [] }
      return pair(.available, .expenses, order.fund, region, e.amount)
    default:
      return []
    }
  }

  /// A claim's region is its class's.
  func claimRegion(_ claim: String) -> String? {
    claims[claim].flatMap { classes[$0.submission.classID]?.approval.region }
  }

  /// SPEC §5's money checks: funds decide headcount; payments within what is committed;
  /// recoveries within what was approved and paid.
  func checkMoney(_ event: Event) -> Refusal? {
    switch event.body {
    case .claimApproved(let e):
      guard let decision = e.decision, let region = claimRegion(e.claim) else { return nil }
      var needed: [Fund: Money] = [:]
      for line in decision.lines { needed[line.fund, default: .zero] += line.amount }
      for fund in needed.keys.sorted() where needed[fund]!.fen > 0 {
        let available = funds[FundKey(fund: fund, region: region)]?.available ?? .zero
        if needed[fund]! > available {
          return Refusal(
            "insufficient-funds",
            "approving \(needed[fund]!.displayString) from \(fund.rawValue) in \(region) would leave "
              + "the fund below zero: \(available.displayString) available (以资金定人员)")
        }
      }
      return nil
    case .paymentMade(let e):
      let unpaid = claimMoney[e.claim]?.unpaid(e.fund) ?? .zero
      guard e.amount <= unpaid else {
        return Refusal(
          "payment-exceeds-committed",
          "\(e.amount.displayString) is more than the \(unpaid.displayString) committed and unpaid "
            + "on claim \"\(e.claim)\" from \(e.fund.rawValue)")
      }
      return nil
    case .recoveryOrdered(let e):
      let money = claimMoney[e.claim] ?? ClaimMoney(region: "")
      let approved = self.approved(onClaim: e.claim, trainee: e.trainee)[e.fund] ?? .zero
      let orderedForTrainee = money.orderedByTrainee[e.trainee]?[e.fund] ?? .zero
      guard e.amount <= approved - orderedForTrainee else {
        return Refusal(
          "recovery-exceeds-approved",
          "\(e.amount.displayString) is more than the trainee's \(approved.displayString) approved "
            + "from \(e.fund.rawValue) less \(orderedForTrainee.displayString) already ordered")
      }
      let paid = money.paid[e.fund, default: .zero]
      let ordered = money.ordered[e.fund, default: .zero]
      guard e.amount <= paid - ordered else {
        return Refusal(
          "recovery-exceeds-paid",
          "\(e.amount.displayString) is more than the \(paid.displayString) paid on claim "
            + "\"\(e.claim)\" from \(e.fund.rawValue) less \(ordered.displayString) already ordered")
      }
      return nil
    default:
      return nil
    }
  }

  /// Books an event's postings and keeps the per-claim money; asserts the invariants.
  mutating func applyMoney(_ event: Event, postings: [Posting]) {
    precondition(postings.reduce(0) { $0 + $1.amount.fen } == 0, "postings sum to zero")
    switch event.body {
    case .fundAppropriated(let e):
      book(FundKey(fund: e.fund, region: e.region), on: event.date) { $0.appropriated += e.amount }
    case .claimApproved(let e):
      guard let decision = e.decision, let region = claimRegion(e.claim) else { return }
      var money = ClaimMoney(region: region)
      for line in decision.lines where line.amount.fen > 0 {
        money.approved[line.fund, default: .zero] += line.amount
      }
      // Booked once per fund, the lines' sum: a claim's lines mostly share one fund.
      for (fund, amount) in money.approved {
        book(FundKey(fund: fund, region: region), on: event.date) { $0.committed += amount }
      }
      claimMoney[e.claim] = money
    case .paymentMade(let e):
      claimMoney[e.claim]?.paid[e.fund, default: .zero] += e.amount
      move(e.claim, e.fund, on: event.date) { $0.committed -= e.amount; $0.paid += e.amount }
    case .paymentReturned(let e):
      guard let payment = payments[e.payment]?.payment else { return }
      claimMoney[payment.claim]?.paid[payment.fund, default: .zero] -= payment.amount
      move(payment.claim, payment.fund, on: event.date) { $0.committed += payment.amount; $0.paid -= payment.amount }
    case .recoveryOrdered(let e):
      claimMoney[e.claim]?.ordered[e.fund, default: .zero] += e.amount
      claimMoney[e.claim]?.orderedByTrainee[e.trainee, default: [:]][e.fund, default: .zero] += e.amount
    case .recoveryReceived(let e):
      guard let order = recoveries[e.recovery]?.order else { return }
      move(order.claim, order.fund, on: event.date) { $0.recovered += e.amount }
    default:
      break
    }
    assert(funds.values.allSatisfy { $0.available.fen >= 0 }, "available never goes below zero")
  }

  mutating func move(_ claim: String, _ fund: Fund, on date: CivilDate, _ change: (inout FundBalance) -> Void) {
    guard let region = claimMoney[claim]?.region else { return }
    book(FundKey(fund: fund, region: region), on: date, change)
  }

  mutating func book(_ key: FundKey, on date: CivilDate, _ change: (inout FundBalance) -> Void) {
    fundLedger.book(key, on: date, change)
  }

  /// What a claim's approval gave a trainee, by fund: the ceiling of a recovery order. Read from
  /// the approval's lines when a recovery asks (a table of it per claim cost an allocation per
  /// approved trainee on every replay).
  public func approved(onClaim claim: String, trainee: ResidentID) -> [Fund: Money] {
    var approved: [Fund: Money] = [:]
    for line in claims[claim]?.decision?.lines ?? [] where line.trainee == trainee && line.amount.fen > 0 {
      approved[line.fund, default: .zero] += line.amount
    }
    return approved
  }

  /// The balances as of the end of `date` (`FundLedger.balances(asOf:)`).
  public func funds(asOf date: CivilDate) -> [FundKey: FundBalance] { fundLedger.balances(asOf: date) }
}
