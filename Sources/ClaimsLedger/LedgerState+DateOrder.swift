import ClaimsDomain

extension LedgerState {
  /// A decision or money event is not dated before what it acts on: an approval before its
  /// submission, a payment before its approval, a return before its payment, a receipt before
  /// its order. This keeps every `--as-of` cut consistent: a cut never holds a payment without
  /// its approval.
  func checkDateOrder(_ event: Event) -> Refusal? {
    let earlier: (what: String, date: CivilDate)?
    switch event.body {
    case .claimApproved(let e):
      earlier = submitted(e.claim)
    case .claimRejected(let e):
      earlier = submitted(e.claim)
    case .paymentMade(let e):
      earlier = claims[e.claim]?.decidedOn.map { ("claim \"\(e.claim)\" was approved", $0) }
    case .recoveryOrdered(let e):
      earlier = claims[e.claim]?.decidedOn.map { ("claim \"\(e.claim)\" was approved", $0) }
    case .paymentReturned(let e):
      earlier = payments[e.payment].map { ("payment \"\(e.payment)\" was made", $0.date) }
    case .recoveryReceived(let e):
      earlier = recoveries[e.recovery].map { ("recovery \"\(e.recovery)\" was ordered", $0.date) }
    default:
      earlier = nil
    }
    guard let earlier, event.date < earlier.date else { return nil }
    return Refusal(
      "date-before-reference", "dated \(event.date), before \(earlier.what) (\(earlier.date))")
  }

  func submitted(_ claim: String) -> (what: String, date: CivilDate)? {
    claims[claim].map { ("claim \"\(claim)\" was submitted", $0.submittedOn) }
  }
}
