import ClaimsJournal
import Foundation

/// demo-gen [OUT.journal]: writes the demo journal (default Journal/demo.journal, with its
/// .head) from the fixed seed, through the real append path. The same program always writes
/// the same bytes: no clock, no randomness but the seed's.
let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count <= 1, arguments.first?.hasPrefix("-") != true else {
  print("usage: demo-gen [OUT.journal]   (default Journal/demo.journal, run from the package root)")
  exit(2)
}
let path = arguments.first ?? "Journal/demo.journal"
do {
  try JournalBuilder.write(DemoYear.build(), opened: DemoYear.opened, to: path)
  let scan = try JournalSnapshot.read(path: path).scan
  print("wrote \(path): \(scan.lineCount) lines, chain head sha256 \(scan.lastHash.hex)")
} catch {
  FileHandle.standardError.write(Data("demo-gen: \(error)\n".utf8))
  exit(1)
}
