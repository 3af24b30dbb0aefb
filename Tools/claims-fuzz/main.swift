import ClaimsJournal
import ClaimsTestSupport
import Foundation

/// claims-fuzz [INPUTS] [JOURNALS] [SEED]: millions of mutated input events and journals through
/// the real parser, state machine and chain scan; exits 1 on any property broken.
let arguments = Array(CommandLine.arguments.dropFirst())
let inputs = arguments.count > 0 ? Int(arguments[0])! : 2_000_000
let journals = arguments.count > 1 ? Int(arguments[1])! : 200_000
let seed = arguments.count > 2 ? UInt64(arguments[2])! : 1
typealias B = Bureau
let ledger = try LedgerFixture()
try ledger.append(B.paidClaim + [B.recoveryOrdered(id: "rec-1")])
let lines = B.setup + B.paidClaim + [
  B.attendance(id: "a"), B.employment(id: "e"), B.paymentReturned(id: "r"),
  B.recoveryReceived("REC-1", id: "rr", amount: "100"), B.voided("enr-2", id: "v"),
]
var fuzzer = Fuzzer(seed: seed)
var report = Fuzzer.Report()
fuzzer.fuzzInputs(lines, state: try ledger.state(), count: inputs, report: &report)
let head = try JournalHead.read(forJournal: ledger.path)!
fuzzer.fuzzJournal(TemporaryFolder.bytes(ledger.path), head: head, count: journals, report: &report)
print("\(report.inputs) inputs (\(report.inputsAccepted) accepted), \(report.journals) journals (\(report.journalsWithTail) with a tail set aside), \(report.failures.count) failures")
for failure in report.failures.prefix(20) { print(failure) }
exit(report.failures.isEmpty ? 0 : 1)
