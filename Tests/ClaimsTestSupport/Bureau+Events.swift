import ClaimsDomain

/// More events of the bureau's class, for scenarios.
extension Bureau {
  public static func attendance(
    _ trainee: String = trainee1, id: String, date: String = "2024-09-10", hours: Int = 8,
    classID: String = classID
  ) -> String {
    eventLine(
      "attendance.recorded", id: id, date: date, actor: clerk,
      [("class", .string(classID)), ("trainee", .string(trainee)), ("hours", .number(String(hours)))])
  }

  public static func exam(
    _ trainee: String = trainee1, id: String, date: String = "2024-09-30", passed: Bool = true
  ) -> String {
    eventLine(
      "exam.recorded", id: id, date: date, actor: clerk,
      [
        ("class", .string(classID)), ("trainee", .string(trainee)), ("passed", .bool(passed)),
        ("certificate_type", "skill-level"), ("certificate_no", passed ? .string("S-\(id)") : .null),
      ])
  }

  public static func employment(_ trainee: String = trainee1, id: String) -> String {
    eventLine(
      "employment.recorded", id: id, date: "2024-10-01", actor: clerk,
      [
        ("trainee", .string(trainee)), ("employer", "某制造公司"), ("contract_start", "2024-10-01"),
        ("contract_months", 12), ("monthly_wage", "2300.00"), ("social_insurance", true),
      ])
  }

  public static func voided(_ target: String, id: String, actor: String = reviewer) -> String {
    eventLine(
      "event.voided", id: id, date: "2024-10-09", actor: actor,
      [("target", .string(target)), ("reason", "recorded in error")])
  }

  public static func classRejected(_ classID: String, id: String) -> String {
    eventLine(
      "class.rejected", id: id, date: "2024-09-03", actor: reviewer,
      [("class", .string(classID)), ("reason", "no qualified teacher")])
  }

  public static func paymentReturned(_ payment: String = "PAY-1", id: String) -> String {
    eventLine(
      "payment.returned", id: id, date: "2024-10-10", actor: finance2,
      [("payment", .string(payment)), ("reason", "account closed")])
  }

  public static func recoveryOrdered(
    _ recovery: String = "REC-1", id: String, claim: String = "CL-1", trainee: String = trainee1,
    amount: String = "600.00"
  ) -> String {
    eventLine(
      "recovery.ordered", id: id, date: "2024-10-10", actor: reviewer2,
      [
        ("recovery", .string(recovery)), ("claim", .string(claim)), ("trainee", .string(trainee)),
        ("fund", "employment-subsidy"), ("amount", .string(amount)), ("reason", "fraud"),
      ])
  }

  public static func recoveryReceived(_ recovery: String = "REC-1", id: String, amount: String)
    -> String
  {
    eventLine(
      "recovery.received", id: id, date: "2024-10-10", actor: finance,
      [("recovery", .string(recovery)), ("amount", .string(amount))])
  }

  /// From the setup to a paid claim for trainee 1: exam, claim, approval, payment.
  public static var paidClaim: [String] {
    [exam(id: "exm-1"), claimSubmitted(), claimApproved(), payment()]
  }
}
