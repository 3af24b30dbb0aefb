import ClaimsDomain

/// Events in plain words for people, resident IDs masked: for tours and audit trails.
public enum EventDescription {
  /// One line of plain words for an event; resident IDs masked.
  public static func describe(_ event: Event) -> String {
    switch event.body {
    case .journalOpened(let e): return "journal opened, admin \(e.admin)"
    case .actorRegistered(let e): return "registered \(e.actorID) (\(e.name)) as \(e.role.rawValue)"
    case .institutionRegistered(let e): return "registered institution \(e.name) in \(e.region)"
    case .planSet(let e): return "plan \(e.region) \(e.year): \(e.target) person-times"
    case .minimumWagePublished(let e): return "minimum wage \(e.region): \(e.amount.displayString)/month"
    case .fundAppropriated(let e):
      return "appropriated \(e.amount.displayString) to \(e.fund.chineseName) (\(e.fund.rawValue)), \(e.region)"
    case .classApproved(let e):
      return "approved class \(e.classID): \(e.category.chineseName) \(e.occupation) \(e.level?.rawValue ?? ""), \(e.start)–\(e.end)"
    case .classRejected(let e): return "rejected class \(e.classID): \(e.reason)"
    case .traineeEnrolled(let e): return "enrolled \(e.trainee.masked) in \(e.classID)"
    case .attendanceRecorded(let e): return "attendance \(e.trainee.masked): \(e.hours) h in \(e.classID)"
    case .examRecorded(let e):
      return "exam \(e.trainee.masked): \(e.passed ? "passed, certificate \(e.certificateNo ?? "")" : "failed")"
    case .employmentRecorded(let e): return "employment \(e.trainee.masked) at \(e.employer)"
    case .claimSubmitted(let e): return "claim \(e.claim) for \(e.trainees.count) trainee(s) of \(e.classID)"
    case .claimApproved(let e): return "approved claim \(e.claim)"
    case .claimRejected(let e): return "rejected claim \(e.claim): \(e.reason)"
    case .paymentMade(let e):
      return "paid \(e.amount.displayString) on \(e.claim) from \(e.fund.chineseName) to \(e.payee)"
    case .paymentReturned(let e): return "payment \(e.payment) returned: \(e.reason)"
    case .recoveryOrdered(let e): return "recovery \(e.recovery) of \(e.amount.displayString) ordered"
    case .recoveryReceived(let e): return "recovery \(e.recovery): received \(e.amount.displayString)"
    case .eventVoided(let e): return "voided \(e.target): \(e.reason)"
    }
  }
}
