import ClaimsDomain
import ClaimsLedger
import ClaimsReports
import ClaimsRules

/// Parts 5 and 6 of the tour: one payment's audit trail, and the auditor's findings.
extension DemoTour {
  func auditTrail() throws {
    let (payment, resit) = auditedPayment()
    var why = "This one is the first payment in the journal."
    if let resit, let failed = resit.exams.first, let passed = resit.latestExam {
      why =
        "This one paid for a trainee who failed the exam on \(failed.date), passed a resit on \(passed.date)"
        + (resit.enrolment.uiBenefit ? "\nand, on UI benefits, was paid from 失业保险基金." : ".")
    }
    part(
      5, "One audit trail: payment \(payment)",
      """
      Every payment traces back to its facts and rules: the journal lines behind it, the ruleset
      (id and SHA-256) its approval was decided under, the clauses and the arithmetic.
      \(why) As claims audit JOURNAL \(payment) prints it:
      """)
    let indenting = Terminal(
      writeOut: { [terminal] text in terminal.writeOut(Self.indent(text)) },
      writeErr: terminal.writeErr,
      readInput: terminal.readInput, now: terminal.now)
    _ = try AuditCommand.run([demo.journal, payment], indenting)
  }

  /// A payment on the smallest claim holding a trainee who failed and then passed a resit, whose
  /// trail therefore shows both exams; the first payment if there is none.
  func auditedPayment() -> (payment: String, resit: EnrolmentRecord?) {
    let resits = state.enrolments.values.filter { record in
      record.exams.count > 1 && record.exams.first?.passed == false
        && record.latestExam?.passed == true
    }.sorted { ($0.enrolment.classID, $0.enrolment.trainee) < ($1.enrolment.classID, $1.enrolment.trainee) }
    let candidates = state.payments.values.filter { !$0.returned }.compactMap {
      record -> (PaymentRecord, Int, EnrolmentRecord)? in
      guard let claim = state.claims[record.payment.claim],
        let resit = resits.first(where: {
          $0.enrolment.classID == claim.submission.classID
            && claim.submission.trainees.contains($0.enrolment.trainee)
        })
      else { return nil }
      return (record, claim.submission.trainees.count, resit)
    }
    if let best = candidates.min(by: { ($0.1, $0.0.payment.payment) < ($1.1, $1.0.payment.payment) }
    ) {
      return (best.0.payment.payment, best.2)
    }
    return (state.payments.keys.sorted().first ?? "", nil)
  }

  func findings() {
    let today = (state.lastRecorded ?? snapshot.scan.lastRecorded!).chinaDate
    let found = state.findings(library: .shipped, today: today)
    part(
      6, "Findings for the auditor",
      """
      The ledger refuses what the rules forbid. What they allow but an auditor should look at, it
      lists with the journal lines behind each (recoveries counted to \(today), the last line's day):
      """)
    guard !found.isEmpty else { return terminal.out("  no findings") }
    for finding in found {
      let lines =
        finding.lines.count > 4
        ? finding.lines.prefix(3).map(String.init).joined(separator: ", ")
          + " … \(finding.lines.count) in all"
        : finding.lines.map(String.init).joined(separator: ", ")
      terminal.out(
        "- \(finding.code) \(ResidentID(finding.subject)?.masked ?? finding.subject) (lines \(lines))"
      )
      terminal.out("    \(finding.detail)")
    }
  }
}
