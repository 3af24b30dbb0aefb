import ClaimsDomain

/// A small, valid world to build scenarios on: a Liaocheng HR bureau with its staff, one
/// institution, funds, and a green-catalogue class with two enrolled trainees.
public enum Bureau {
  public static let admin = "admin"
  public static let clerk = "clerk-1"
  public static let clerk2 = "clerk-2"
  public static let reviewer = "reviewer-1"
  public static let reviewer2 = "reviewer-2"
  public static let finance = "finance-1"
  public static let finance2 = "finance-2"
  public static let auditor = "auditor-1"
  public static let institution = "inst-1"
  public static let classID = "C-1"
  /// Valid resident IDs (check characters per ISO 7064 MOD 11-2).
  public static let trainee1 = "371502199001011234"
  public static let trainee2 = "371521199203152341"
  public static let trainee3 = "371522198507203453"

  public static let openedAt = "2024-09-01T00:00:00.000Z"
  public static let setupAt = "2024-09-09T08:00:00.000Z"
  /// A time well after the setup, for scenario batches.
  public static let laterAt = "2024-10-10T00:00:00.000Z"

  public static func actor(_ id: String, _ role: String, n: Int) -> String {
    eventLine(
      "actor.registered", id: "act-\(n)", date: "2024-09-01", actor: admin,
      [("actor_id", .string(id)), ("role", .string(role)), ("name", .string("Name \(n)"))])
  }

  public static func classApproved(
    _ classID: String = classID, id: String = "cls-1", date: String = "2024-09-02",
    actor: String = reviewer, _ changes: [(String, JSONValue)] = []
  ) -> String {
    let line = eventLine(
      "class.approved", id: id, date: date, actor: actor,
      [
        ("class", .string(classID)), ("institution", .string(institution)),
        ("region", "liaocheng"), ("category", "green"), ("occupation", "6-18-01-01"),
        ("level", "junior"), ("assessment", "evaluation"), ("start", "2024-09-09"),
        ("end", "2024-09-30"), ("hours_offline", 40), ("hours_online", 0), ("theory_hours", 12),
        ("planned_size", 30),
      ])
    return editedLine(line, changes)
  }

  public static func enrol(
    _ trainee: String, id: String, classID: String = classID, date: String = "2024-09-09",
    uiBenefit: Bool = false
  ) -> String {
    eventLine(
      "trainee.enrolled", id: id, date: date, actor: clerk,
      [
        ("trainee", .string(trainee)), ("name", "学员"), ("class", .string(classID)),
        ("categories", ["registered-unemployed"]), ("ui_benefit", .bool(uiBenefit)),
      ])
  }

  /// The setup batch: staff, institution, funds, the class and two enrolments.
  public static var setup: [String] {
    [
      actor(clerk, "clerk", n: 1), actor(clerk2, "clerk", n: 2), actor(reviewer, "reviewer", n: 3),
      actor(reviewer2, "reviewer", n: 4), actor(finance, "finance", n: 5),
      actor(finance2, "finance", n: 6), actor(auditor, "auditor", n: 7),
      eventLine(
        "institution.registered", id: "inst-reg-1", date: "2024-09-01", actor: admin,
        [("institution", .string(institution)), ("name", "聊城市技工学校"), ("region", "liaocheng")]),
      eventLine(
        "fund.appropriated", id: "fund-1", date: "2024-09-02", actor: finance,
        [
          ("fund", "employment-subsidy"), ("region", "liaocheng"), ("amount", "100000.00"),
          ("reference", "budget 2024-1"),
        ]),
      classApproved(),
      enrol(trainee1, id: "enr-1"),
      enrol(trainee2, id: "enr-2"),
    ]
  }

  public static func claimSubmitted(
    _ claim: String = "CL-1", id: String = "clm-1", trainees: [String] = [trainee1],
    actor: String = clerk, claimant: String = "institution"
  ) -> String {
    eventLine(
      "claim.submitted", id: id, date: "2024-10-08", actor: actor,
      [
        ("claim", .string(claim)), ("class", .string(classID)),
        ("trainees", .array(trainees.map { .string($0) })), ("claimant", .string(claimant)),
      ])
  }

  public static func claimApproved(_ claim: String = "CL-1", id: String = "apr-1", actor: String = reviewer)
    -> String
  {
    eventLine("claim.approved", id: id, date: "2024-10-09", actor: actor, [("claim", .string(claim))])
  }

  public static func payment(
    _ payment: String = "PAY-1", id: String = "pay-1", claim: String = "CL-1",
    actor: String = finance, bankRef: String = "B-1", amount: String = "600.00"
  ) -> String {
    eventLine(
      "payment.made", id: id, date: "2024-10-09", actor: actor,
      [
        ("payment", .string(payment)), ("claim", .string(claim)), ("fund", "employment-subsidy"),
        ("amount", .string(amount)), ("payee", .string(institution)), ("bank_ref", .string(bankRef)),
      ])
  }
}
