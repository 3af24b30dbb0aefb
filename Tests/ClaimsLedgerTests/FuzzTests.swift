import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsTestSupport
import Testing

/// A bounded run of the fuzzer; `Tools/claims-fuzz` runs millions.
@Suite struct FuzzTests {
  typealias B = Bureau

  @Test func mutatedInputEventsNeverCrashAndNeverPassWhatTheSpecRefuses() throws {
    let ledger = try LedgerFixture()
    try ledger.append(B.paidClaim + [B.recoveryOrdered(id: "rec-1")])
    let lines = B.setup + B.paidClaim + [
      B.attendance(id: "a"), B.employment(id: "e"), B.paymentReturned(id: "r"),
      B.recoveryReceived("REC-1", id: "rr", amount: "100"), B.voided("enr-2", id: "v"),
      B.claimSubmitted("CL-2", id: "c2", trainees: [B.trainee2]),
    ]
    var fuzzer = Fuzzer(seed: 4242)
    var report = Fuzzer.Report()
    fuzzer.fuzzInputs(lines, state: try ledger.state(), count: 200_000, report: &report)
    #expect(report.failures.isEmpty, "\(report.failures.prefix(3))")
    #expect(report.inputs == 200_000)
    // Some damage leaves a valid, acceptable event (a changed digit in an amount): the run
    // reached the state machine, not only the parser.
    #expect(report.inputsAccepted > 0)
  }

  @Test func damagedJournalsAreRefusedOrTheirTailSetAside() throws {
    // A short journal of three batches, so that each scan is quick in a debug build.
    let ledger = try LedgerFixture(setup: false)
    try ledger.append([B.actor(B.clerk, "clerk", n: 1), B.actor(B.reviewer, "reviewer", n: 2)], at: B.setupAt)
    try ledger.append([B.actor(B.finance, "finance", n: 3)], at: B.laterAt)
    let bytes = TemporaryFolder.bytes(ledger.path)
    let head = try #require(try JournalHead.read(forJournal: ledger.path))
    var fuzzer = Fuzzer(seed: 777)
    var report = Fuzzer.Report()
    fuzzer.fuzzJournal(bytes, head: head, count: 20_000, report: &report)
    #expect(report.failures.isEmpty, "\(report.failures.prefix(3))")
    #expect(report.journals > 19_000)
    #expect(report.journalsWithTail > 0)
  }
}
