import ClaimsDomain
import ClaimsLedger

/// Claims and money: submissions, decisions (a few rejected and resubmitted), appropriations
/// ahead of approvals, payments in full, in two parts or in part, bank returns and repayments,
/// recovery orders and receipts. Amounts are read from what the ledger approved.
extension WorkloadYear {
  func submitClaim(_ index: Int, resits: Bool) {
    let planned = classes[index]
    var trainees: [Int]
    if resits {
      guard !planned.claimedEveryone else { return }
      trainees = planned.outcomes.indices.filter { planned.outcomes[$0] == .resitPassed }
    } else if planned.kind == .project || chance(20) {
      // Project claims list everyone; now and then a school claims for those who failed too.
      trainees = planned.outcomes.indices.filter { planned.outcomes[$0] != .droppedOut }
      classes[index].claimedEveryone = true
    } else {
      trainees = planned.outcomes.indices.filter { planned.outcomes[$0] == .passed }
    }
    guard !trainees.isEmpty else { return }
    fileClaim(WorkloadClaim(id: nextID("CL"), classIndex: index, trainees: trainees))
  }

  func fileClaim(_ claim: WorkloadClaim) {
    let planned = classes[claim.classIndex]
    let list = claim.trainees.map { "\"\(planned.traineeIDs[$0])\"" }.joined(separator: ",")
    record(
      "claim.submitted", "sub", pick(planned.placeInfo.clerks),
      #""claim":"\#(claim.id)","class":"\#(planned.id)","trainees":[\#(list)],"claimant":"institution""#
    )
    claims.append(claim)
    later(2, 8, .decideClaim(claims.count - 1))
  }

  /// One claim in fifty is sent back for missing papers and filed again a week later; the rest
  /// are approved, after an appropriation if the fund could otherwise run short.
  func decideClaim(_ number: Int) {
    let claim = claims[number]
    let planned = classes[claim.classIndex]
    if chance(50) {
      record(
        "claim.rejected", "rej", pick(WorkloadStaff.reviewers),
        #""claim":"\#(claim.id)","reason":"材料不全：缺少考勤签到表""#)
      schedule(
        today.adding(days: 5 + random.below(4)),
        .submitClaimAgain(
          WorkloadClaim(id: nextID("CL"), classIndex: claim.classIndex, trainees: claim.trainees)))
      return
    }
    var needFen: [Fund: Int64] = [:]
    for trainee in claim.trainees {
      let fund: Fund =
        planned.kind == .project
        ? .skillsUpgradeAccount
        : planned.uiBenefit[trainee]
          ? .unemploymentInsurance : planned.funding ?? .employmentSubsidy
      needFen[fund, default: 0] += planned.maxPerTraineeFen
    }
    for fund in Fund.inOrder where needFen[fund] != nil && needFen[fund]! > 0 {
      let shortFen = budget.reserve(fund, planned.placeInfo.region, fen: needFen[fund]!)
      if shortFen > 0 { appropriate(fund, planned.placeInfo.region, fen: shortFen) }
    }
    record("claim.approved", "apr", pick(WorkloadStaff.reviewers), #""claim":"\#(claim.id)""#)
    let draw = random.below(100)
    if draw < 85 {
      later(5, 15, .pay(claim: number, percent: 100, then: chance(100) ? .recovery : .none))
    } else if draw < 95 {
      later(5, 15, .pay(claim: number, percent: 60, then: .rest))
    } else {
      later(5, 15, .pay(claim: number, percent: 50, then: .none))
    }
  }

  /// Pays `percent` of what is approved and unpaid on the claim, fund by fund, in whole yuan.
  func pay(_ number: Int, percent: Int, then: PaymentFollowUp) {
    guard let money = state?.claimMoney[claims[number].id] else { return }
    for fund in Fund.inOrder {
      let unpaidFen = money.unpaid(fund).fen
      let fen = percent == 100 ? unpaidFen : unpaidFen * Int64(percent) / 100 / 100 * 100
      if fen > 0 { makePayment(number, fund, fen) }
    }
    switch then {
    case .none: break
    case .rest: later(20, 40, .pay(claim: number, percent: 100, then: .none))
    case .recovery: later(20, 60, .orderRecovery(claim: number))
    }
  }

  /// A payment to the class's school; one in a hundred comes back from the bank.
  func makePayment(_ number: Int, _ fund: Fund, _ fen: Int64) {
    let claim = claims[number]
    let payment = nextID("PAY")
    record(
      "payment.made", "pay", pick(WorkloadStaff.finance),
      #""payment":"\#(payment)","claim":"\#(claim.id)","fund":"\#(fund.rawValue)","amount":"\#(Money(fen: fen).decimalString)","payee":"\#(classes[claim.classIndex].institution)","bank_ref":"\#(nextID("BK"))""#
    )
    if chance(100) { later(2, 5, .returnPayment(payment, claim: number, fund: fund, fen: fen)) }
  }

  func returnPayment(_ payment: String, _ number: Int, _ fund: Fund, _ fen: Int64) {
    record(
      "payment.returned", "ret", pick(WorkloadStaff.finance),
      #""payment":"\#(payment)","reason":"\#(pick(["收款账户已注销", "户名与账号不符"]))""#)
    later(5, 10, .repay(claim: number, fund: fund, fen: fen))
  }

  /// Pays a returned amount again, as far as it is still unpaid.
  func repay(_ number: Int, _ fund: Fund, _ fen: Int64) {
    let unpaidFen = state?.claimMoney[claims[number].id]?.unpaid(fund).fen ?? 0
    if min(fen, unpaidFen) > 0 { makePayment(number, fund, min(fen, unpaidFen)) }
  }

  /// Orders back one trainee's subsidy (fraud or error): what was approved for them, within
  /// what was paid on the claim. Six in ten are repaid in full, a quarter in half, the rest not.
  func orderRecovery(_ number: Int) {
    let claim = claims[number]
    guard let state, let money = state.claimMoney[claim.id] else { return }
    let planned = classes[claim.classIndex]
    let offset = random.below(claim.trainees.count)
    for step in claim.trainees.indices {
      let text = planned.traineeIDs[claim.trainees[(offset + step) % claim.trainees.count]]
      let trainee = ResidentID(text)!
      let approved = state.approved(onClaim: claim.id, trainee: trainee)
      for fund in Fund.inOrder {
        let ownFen =
          (approved[fund]?.fen ?? 0)
          - (money.orderedByTrainee[trainee]?[fund]?.fen ?? 0)
        let claimFen = (money.paid[fund]?.fen ?? 0) - (money.ordered[fund]?.fen ?? 0)
        let fen = min(ownFen, claimFen)
        guard fen > 0 else { continue }
        let recovery = nextID("REC")
        record(
          "recovery.ordered", "rco", pick(WorkloadStaff.reviewers),
          #""recovery":"\#(recovery)","claim":"\#(claim.id)","trainee":"\#(text)","fund":"\#(fund.rawValue)","amount":"\#(Money(fen: fen).decimalString)","reason":"\#(chance(3) ? "fraud" : "error")""#
        )
        let draw = random.below(100)
        if draw < 85 { later(10, 40, .receiveRecovery(recovery, percent: draw < 60 ? 100 : 50)) }
        return
      }
    }
  }

  func receiveRecovery(_ recovery: String, percent: Int) {
    let outstandingFen = state?.recoveries[recovery]?.outstanding.fen ?? 0
    let fen = outstandingFen * Int64(percent) / 100
    guard fen > 0 else { return }
    record(
      "recovery.received", "rcv", pick(WorkloadStaff.finance),
      #""recovery":"\#(recovery)","amount":"\#(Money(fen: fen).decimalString)""#)
  }
}
