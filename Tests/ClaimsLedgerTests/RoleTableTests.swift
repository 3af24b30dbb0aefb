import ClaimsDomain
import ClaimsLedger
import ClaimsTestSupport
import Testing

/// SPEC §4: every event type against every role — the one role allowed passes the role check,
/// every other role is refused, an auditor may append nothing, a deactivated actor nothing.
@Suite struct RoleTableTests {
  typealias B = Bureau

  /// One event of each type (but journal.opened), shaped well enough to reach the role check.
  static let samples: [EventType: String] = [
    .actorRegistered: B.actor("new-actor", "clerk", n: 99),
    .institutionRegistered: eventLine("institution.registered", id: "s", date: "2024-10-01", actor: "x",
      [("institution", "inst-new"), ("name", "n"), ("region", "liaocheng")]),
    .planSet: eventLine("plan.set", id: "s", date: "2024-10-01", actor: "x",
      [("region", "liaocheng"), ("year", 2024), ("target", 100)]),
    .minimumWagePublished: eventLine("minimum_wage.published", id: "s", date: "2024-10-01", actor: "x",
      [("region", "liaocheng"), ("amount", "2100"), ("reference", "r")]),
    .fundAppropriated: eventLine("fund.appropriated", id: "s", date: "2024-10-01", actor: "x",
      [("fund", "employment-subsidy"), ("region", "liaocheng"), ("amount", "1"), ("reference", "r")]),
    .classApproved: B.classApproved("C-9", id: "s"),
    .classRejected: B.classRejected("C-8", id: "s"),
    .traineeEnrolled: B.enrol(B.trainee3, id: "s"),
    .attendanceRecorded: B.attendance(id: "s"),
    .examRecorded: B.exam(id: "s"),
    .employmentRecorded: B.employment(id: "s"),
    .claimSubmitted: B.claimSubmitted(id: "s"),
    .claimApproved: B.claimApproved(id: "s"),
    .claimRejected: B.claimRejectedEvent(),
    .paymentMade: B.payment(id: "s"),
    .paymentReturned: B.paymentReturned(id: "s"),
    .recoveryOrdered: B.recoveryOrdered(id: "s"),
    .recoveryReceived: B.recoveryReceived(id: "s", amount: "1"),
    .eventVoided: B.voided("att-1", id: "s"),
  ]

  static let actorsByRole: [(role: Role, actor: String)] = [
    (.admin, B.admin), (.clerk, B.clerk), (.reviewer, B.reviewer), (.finance, B.finance),
    (.auditor, B.auditor), (.none, "retired"),
  ]

  @Test func everyTypeHasASample() {
    #expect(Set(Self.samples.keys) == Set(EventType.allCases).subtracting([.journalOpened]))
  }

  @Test(arguments: EventType.allCases.filter { $0 != .journalOpened })
  func onlyTheAllowedRoleMayAppend(type: EventType) throws {
    let ledger = try LedgerFixture()
    try ledger.append([B.actor("retired", "clerk", n: 97), B.actor("retired", "none", n: 98)])
    let state = try ledger.state()
    let sample = try LedgerFixture.decode(Self.samples[type]!)
    for (role, actor) in Self.actorsByRole {
      var event = sample
      event.actor = actor
      let refusal = state.check(event, rules: OpenRuleBook())
      if role == .none {
        #expect(refusal?.code == "actor-inactive", "\(type.rawValue) by a deactivated actor")
      } else if role == RoleTable.role(for: type) {
        #expect(refusal?.code != "role-not-allowed", "\(type.rawValue) by its own role \(role)")
      } else {
        #expect(refusal?.code == "role-not-allowed", "\(type.rawValue) by \(role.rawValue): \(String(describing: refusal))")
      }
    }
  }
}
