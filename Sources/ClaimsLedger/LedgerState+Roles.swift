import ClaimsDomain

/// The role table of SPEC §4: which role may append which event type.
public enum RoleTable {
  public static func role(for type: EventType) -> Role? {
    switch type {
    case .journalOpened: nil
    case .actorRegistered, .institutionRegistered, .planSet, .minimumWagePublished: .admin
    case .traineeEnrolled, .attendanceRecorded, .examRecorded, .employmentRecorded, .claimSubmitted:
      .clerk
    case .classApproved, .classRejected, .claimApproved, .claimRejected, .eventVoided,
      .recoveryOrdered:
      .reviewer
    case .fundAppropriated, .paymentMade, .paymentReturned, .recoveryReceived: .finance
    }
  }
}

extension LedgerState {
  /// The actor must be registered, active, and hold the role the event type needs.
  func checkActor(_ event: Event) -> Refusal? {
    if event.type == .journalOpened {
      return lastSeq == 0
        ? nil : Refusal("journal-already-opened", "journal.opened may only be line 1")
    }
    guard let actor = actors[event.actor] else {
      return Refusal("unknown-actor", "actor \"\(event.actor)\" is not registered")
    }
    guard actor.role != .none else {
      return Refusal("actor-inactive", "actor \"\(event.actor)\" has been deactivated")
    }
    guard let needed = RoleTable.role(for: event.type), actor.role == needed else {
      let needs = RoleTable.role(for: event.type)?.rawValue ?? "no role"
      return Refusal(
        "role-not-allowed",
        "actor \"\(event.actor)\" is \(actor.role.rawValue); \(event.type.rawValue) needs the role \(needs)")
    }
    return nil
  }
}
