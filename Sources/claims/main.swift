import ClaimsCommandLine
import ClaimsJournal

#if canImport(Glibc)
  import Glibc
#endif

import ClaimsLedger

let arguments = Array(CommandLine.arguments.dropFirst())
ProcessEnd.leavesMemoryToTheSystem = true
// Crash and fault tests slow the executable's writes down through the environment; without
// CLAIMS_TEST_FAULTS nothing is injected.
if let faults = FileFaults.fromEnvironment() {
  exit(FileFaults.inject(faults) { ClaimsCommand.run(arguments) })
}
exit(ClaimsCommand.run(arguments))
