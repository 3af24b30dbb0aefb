/// The fields each event type may carry (SPEC §5), checked before anything is read so that a
/// misspelt field is named as unknown rather than reported as a missing one.
public enum EventSchema {
  /// Fields every event has.
  public static let commonFields = ["type", "id", "date", "actor"]

  /// Fields only the ledger writes (on `claim.approved`); refused in input.
  public static let ledgerFields: [EventType: [String]] = [.claimApproved: ["lines", "total"]]

  /// Fields of each type besides the common ones; a `?` suffix marks an optional field.
  public static let bodyFields: [EventType: [String]] = [
    .journalOpened: ["format", "admin"],
    .actorRegistered: ["actor_id", "role", "name"],
    .institutionRegistered: ["institution", "name", "region"],
    .planSet: ["region", "year", "target", "program?"],
    .minimumWagePublished: ["region", "amount", "reference"],
    .fundAppropriated: ["fund", "region", "amount", "reference"],
    .classApproved: [
      "class", "institution", "region", "category", "occupation", "level?", "assessment", "start",
      "end", "hours_offline", "hours_online", "theory_hours", "planned_size", "funding?",
      "enterprise?", "demand?",
    ],
    .classRejected: ["class", "reason"],
    .traineeEnrolled: ["trainee", "name", "class", "categories", "ui_benefit"],
    .attendanceRecorded: ["class", "trainee", "hours"],
    .examRecorded: ["class", "trainee", "passed", "certificate_type", "certificate_no?", "level?"],
    .employmentRecorded: [
      "trainee", "employer", "contract_start", "contract_months", "monthly_wage",
      "social_insurance",
    ],
    .claimSubmitted: ["claim", "class", "trainees", "claimant"],
    .claimApproved: ["claim"],
    .claimRejected: ["claim", "reason"],
    .paymentMade: ["payment", "claim", "fund", "amount", "payee", "bank_ref"],
    .paymentReturned: ["payment", "reason"],
    .recoveryOrdered: ["recovery", "claim", "trainee", "fund", "amount", "reason"],
    .recoveryReceived: ["recovery", "amount"],
    .eventVoided: ["target", "reason"],
  ]

  /// Every field name an event of `type` may carry, without the optional marker.
  public static func allowedFields(_ type: EventType, includingLedgerFields: Bool) -> Set<String> {
    (includingLedgerFields ? allowedInJournal : allowedInInput)[type]!
  }

  /// Computed once: the decoder asks for every event.
  static let allowedInInput = allowed(includingLedgerFields: false)
  static let allowedInJournal = allowed(includingLedgerFields: true)

  static func allowed(includingLedgerFields: Bool) -> [EventType: Set<String>] {
    var table: [EventType: Set<String>] = [:]
    for type in EventType.allCases {
      var names = Set(commonFields)
      for name in bodyFields[type] ?? [] { names.insert(String(name.split(separator: "?")[0])) }
      if includingLedgerFields { names.formUnion(ledgerFields[type] ?? []) }
      table[type] = names
    }
    return table
  }
}
