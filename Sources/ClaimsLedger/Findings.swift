import ClaimsDomain
import ClaimsRules
import Foundation

/// Something an auditor should look at (SPEC §10), with the journal lines behind it. Findings
/// never refuse anything: the ledger records, the auditor judges.
public struct Finding: Equatable, Sendable {
  public var code: String
  /// What the finding is about: a trainee, class, claim, payment or recovery.
  public var subject: String
  public var detail: String
  /// The seqs of the lines behind it, ascending.
  public var lines: [Int]
}

extension LedgerState {
  /// Every finding on the state, in a fixed order (code, subject, lines).
  /// - Parameters:
  ///   - today: the day recovery orders are counted to.
  ///   - date: the findings as of that date (`--as-of`): on the facts and money dated by then,
  ///     as a replay of the lines dated by then would leave them (`LedgerState+Facts`).
  ///   - entitlements: every class's entitlements under `library` (as of `date`), when the
  ///     caller has them already (they are the costliest part to compute); computed here
  ///     otherwise, without their words, which only a late claim's finding quotes: those few
  ///     are computed again with them.
  public func findings(
    library: RuleLibrary, today: CivilDate, asOf date: CivilDate? = nil, entitlements: [Entitlement]? = nil
  ) -> [Finding] {
    // The leads name everyone a finding can; under a ruleset below their floors, everyone is
    // judged.
    findings(
      library: library, today: today, asOf: date, entitlements: entitlements,
      leads: FindingLeads.suffice(for: library) ? findingLeads : nil)
  }

  /// The findings among `leads`, or among everyone (nil).
  func findings(
    library: RuleLibrary, today: CivilDate, asOf date: CivilDate?, entitlements: [Entitlement]?, leads: FindingLeads?
  ) -> [Finding] {
    var found = attendanceFindings(library, of: leads?.attendance, asOf: date) + enrolmentFindings(asOf: date)
      + paymentFindings(leads?.payments, asOf: date) + recoveryFindings(today: today, asOf: date)
    var late: [Entitlement]
    if let entitlements {
      late = entitlements.filter { $0.reasons.contains(Reason.claimLate) }
    } else if let leads {
      late = self.entitlements(library: library, of: leads.lateClaims, asOf: date)
        .filter { $0.reasons.contains(Reason.claimLate) }
    } else {
      late = EntitlementEngine(library: library, explains: false)
        .entitlements(of: classFacts(classes.keys, asOf: date), wages: minimumWages(asOf: date))
        .filter { $0.reasons.contains(Reason.claimLate) }
    }
    if late.contains(where: { !$0.explained }) {
      late = self.entitlements(library: library, of: Set(late.map(\.trainee)), asOf: date)
        .filter { $0.reasons.contains(Reason.claimLate) }
    }
    for e in late {
      // The claim's line from the leads, where the table of every claim need not be read.
      let claim = enrolment(EnrolmentKey(classID: e.classID, trainee: e.trainee), asOf: date)?.claim
      let claimLine = claim.flatMap { leads?.claimLines[$0] ?? claims[$0]?.seq }
      found.append(
        Finding(
          code: Reason.claimLate, subject: claim ?? e.classID,
          detail: "trainee \(e.trainee.masked) in \(e.classID): "
            + (e.arithmetic.components(separatedBy: "; ").first { $0.contains("working days") } ?? ""),
          lines: ([claimLine].compactMap { $0 } + employmentFacts(of: e.trainee, asOf: date).map(\.line.seq)).sorted()))
    }
    return found.sorted { ($0.code, $0.subject, $0.lines.first ?? 0) < ($1.code, $1.subject, $1.lines.first ?? 0) }
  }

  /// One trainee in two classes on one day; more hours in a day than the ruleset allows: of
  /// the given trainees, or of everyone. Trainee by trainee, so that only one trainee's days are
  /// held at a time.
  func attendanceFindings(_ library: RuleLibrary, of trainees: Set<ResidentID>?, asOf date: CivilDate?) -> [Finding] {
    // Each class's ceiling, by its roster's number, looked up once per class rather than once
    // per day attended.
    var ceilings = [Int??](repeating: nil, count: enrolments.classIDs.count)
    func ceiling(_ roster: Int) -> Int? {
      if let known = ceilings[roster] { return known }
      let found = classes[enrolments.classIDs[roster]].flatMap { record in
        try? library.ruleset(forRegion: record.approval.region, on: record.approval.start).get()
      }?.parameters.int("findings.hours_per_day_max")
      ceilings[roster] = .some(found)
      return found
    }
    var found: [Finding] = []
    // One trainee's attendance in every class, by day: sorted in one reused list and walked a
    // day at a time, with no table of days per trainee.
    var entries: [(roster: Int, ceiling: Int?, fact: AttendanceFact)] = []
    let judged = trainees.map { $0.sorted().compactMap { trainee in rostersOfTrainee[trainee].map { (trainee, $0) } } }
      ?? rostersOfTrainee.all
    for (trainee, rosters) in judged {
      entries.removeAll(keepingCapacity: true)
      for roster in rosters {
        let position = enrolments.position(in: roster, of: trainee)
        let attendance: [AttendanceFact]
        if let date {
          let key = EnrolmentKey(classID: enrolments.classIDs[roster], trainee: trainee)
          attendance = enrolment(key, asOf: date, live: position.map { enrolments[$0] })?.attendance ?? []
        } else {
          guard let position else { continue }
          attendance = enrolments[position].attendance
        }
        let classCeiling = ceiling(roster)
        for fact in attendance { entries.append((roster, classCeiling, fact)) }
      }
      entries.sort { $0.fact.date < $1.fact.date }
      var first = 0
      while first < entries.count {
        let date = entries[first].fact.date
        var end = first + 1
        while end < entries.count, entries[end].fact.date == date { end += 1 }
        let day = entries[first..<end]
        first = end
        // Most days hold one class and few hours: judged without building anything.
        let firstClass = day.first!.roster
        let twoClasses = day.contains { $0.roster != firstClass }
        let hours = day.reduce(0) { $0 + $1.fact.hours }
        let maximum = day.reduce(nil as Int?) { lowest, entry in
          guard let ceiling = entry.ceiling else { return lowest }
          return min(lowest ?? ceiling, ceiling)
        } ?? 8
        guard twoClasses || hours > maximum else { continue }
        let lines = day.map(\.fact.seq).sorted()
        if twoClasses {
          let classIDs = Set(day.map { enrolments.classIDs[$0.roster] }).sorted()
          found.append(
            Finding(
              code: "double-attendance", subject: trainee.value,
              detail: "\(trainee.masked) attended \(classIDs.joined(separator: " and ")) on \(date)", lines: lines))
        }
        if hours > maximum {
          found.append(
            Finding(
              code: "over-8-hours", subject: trainee.value,
              detail: "\(trainee.masked) attended \(hours) h on \(date), more than \(maximum)", lines: lines))
        }
      }
    }
    return found
  }

  /// More trainees enrolled than the class planned for.
  func enrolmentFindings(asOf date: CivilDate?) -> [Finding] {
    classes.compactMap { classID, record in
      guard classStands(classID, asOf: date) else { return nil }
      // Enrolled now, and those a void took since: at most that many on any date. Most classes
      // are within their plan by that count, judged without reading their rosters.
      let voided = date == nil ? 0 : history.enrolments[classID]?.values.filter { !$0.records.isEmpty }.count ?? 0
      let most = enrolments.count(ofClass: classID) + voided
      guard most > record.approval.plannedSize else { return nil }
      let enrolled = date.map { enrolments(ofClass: classID, asOf: $0).map(\.record) }
        ?? enrolments.inTraineeOrder(of: classID) { $1 }
      guard enrolled.count > record.approval.plannedSize else { return nil }
      let lines = ([record.approvalSeq] + enrolled.map(\.seq)).sorted()
      return Finding(
        code: "over-planned-size", subject: classID,
        detail: "\(enrolled.count) trainees enrolled, \(record.approval.plannedSize) planned", lines: lines)
    }
  }

  /// Paid to someone other than the claim's institution or trainee: of the given payments, or
  /// of every payment.
  func paymentFindings(_ leads: [PaymentLead]?, asOf date: CivilDate?) -> [Finding] {
    let judged = leads ?? payments.values.compactMap { record in claims[record.payment.claim].map { PaymentLead(record, claim: $0) } }
    return judged.compactMap { lead in
      let payment = lead.record.payment
      guard date.map({ lead.record.date <= $0 }) ?? true else { return nil }
      let claimant = claimant(of: lead, asOf: date)
      guard payment.payee != claimant else { return nil }
      return Finding(
        code: "payee-not-claimant", subject: payment.payment,
        detail: "paid \(payment.amount.displayString) to \(payment.payee); claim \(payment.claim) was made by \(claimant)",
        lines: [lead.claimSeq, lead.record.seq].sorted())
    }
  }

  /// Ordered, not fully received 90 days later.
  func recoveryFindings(today: CivilDate, asOf date: CivilDate?) -> [Finding] {
    recoveries.values.compactMap { record in
      guard date.map({ record.date <= $0 }) ?? true else { return nil }
      // As of a date, the receipts dated by then.
      var record = record
      if let date { record.receipts.removeAll { $0.date > date } }
      let days = today.daysSinceEpoch - record.date.daysSinceEpoch
      guard record.outstanding.fen > 0, days > 90 else { return nil }
      return Finding(
        code: "recovery-overdue", subject: record.order.recovery,
        detail: "\(record.outstanding.displayString) of \(record.order.amount.displayString) outstanding \(days) days after the order of \(record.date)",
        lines: ([record.seq] + record.receipts.map(\.seq)).sorted())
    }
  }
}
