import ClaimsDomain
@testable import ClaimsJournal
import ClaimsTestSupport
import Foundation
import Testing

/// Tampering of every kind, found by a full scan at the line it touches.
@Suite struct JournalVerifyTests {
  /// A copy of the golden journal in a temporary folder, to damage.
  final class GoldenCopy {
    let folder = TemporaryFolder()
    let path: String
    let original: [UInt8]

    init() throws {
      path = folder.path("golden.journal")
      let source = try #require(
        Bundle.module.url(forResource: "Fixtures/golden", withExtension: "journal"))
      original = TemporaryFolder.bytes(source.path)
      TemporaryFolder.writeBytes(path, original)
      TemporaryFolder.writeBytes(path + ".head", TemporaryFolder.bytes(source.path + ".head"))
    }
  }

  func integrityLine(_ path: String) -> (line: Int?, reason: String)? {
    do {
      _ = try JournalSnapshot.read(path: path)
      return nil
    } catch let JournalError.integrity(line, reason) {
      return (line, reason)
    } catch {
      return (nil, "\(error)")
    }
  }

  @Test func aFlippedByteIsFoundAtTheLineItChangesOrTheNext() throws {
    let copy = try GoldenCopy()
    let (path, original) = (copy.path, copy.original)
    let lineStarts = [0] + original.indices.filter { original[$0] == 0x0A }.map { $0 + 1 }.dropLast()
    // Every 97th byte: a sample across all lines, frames and bodies.
    for position in stride(from: 0, to: original.count - 1, by: 97) where original[position] != 0x0A {
      var bytes = original
      bytes[position] ^= 0x04
      TemporaryFolder.writeBytes(path, bytes)
      let line = lineStarts.lastIndex { $0 <= position }! + 1
      guard let found = integrityLine(path) else {
        Issue.record("flipping byte \(position) (line \(line)) went unnoticed")
        continue
      }
      // A changed body shows at the next line's prev (which names this line); a changed frame or
      // last line shows at the line itself.
      let names = found.line == line || (found.line == line + 1 && found.reason.contains("line \(line)"))
      #expect(names, "byte \(position) of line \(line): \(found)")
    }
    withExtendedLifetime(copy) {}
  }

  @Test func aRemovedLineBreaksTheChainAtThatPlace() throws {
    let copy = try GoldenCopy()
    let (path, original) = (copy.path, copy.original)
    var lines = original.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    lines.remove(at: 19)  // line 20
    TemporaryFolder.writeBytes(path, Array(lines.joined(separator: [0x0A])))
    #expect(integrityLine(path)?.line == 20)
    withExtendedLifetime(copy) {}
  }

  @Test func swappedLinesBreakTheChain() throws {
    let copy = try GoldenCopy()
    let (path, original) = (copy.path, copy.original)
    var lines = original.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    lines.swapAt(4, 5)  // lines 5 and 6
    TemporaryFolder.writeBytes(path, Array(lines.joined(separator: [0x0A])))
    #expect(integrityLine(path)?.line == 5)
    withExtendedLifetime(copy) {}
  }

  @Test func aJournalWithoutItsOpeningLineIsRefused() {
    let folder = TemporaryFolder()
    let path = folder.write("empty.journal", "")
    #expect(throws: JournalError.notAJournal(path: path, reason: "it holds no complete line (line 1 must be journal.opened)")) {
      try JournalSnapshot.read(path: path)
    }
  }

  @Test func verifyingOnOneCoreAndOnAllAgree() throws {
    let copy = try GoldenCopy()
    let path = copy.path
    let single = try JournalSnapshot.read(path: path, threads: 1).scan
    let parallel = try JournalSnapshot.read(path: path, threads: 2).scan
    #expect(single == parallel)
    withExtendedLifetime(copy) {}
  }
}

/// The scanner's default thread count follows the affinity mask, so `taskset -c 0` means one.
@Suite struct ScannerThreadTests {
  @Test func theDefaultThreadCountIsTheCoresThisProcessMayUse() throws {
    #if os(Linux)
      let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
      let mask = try #require(
        status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed:") }?
          .split(separator: "\t").last)
      // Counted independently: the mask's hex digits, bit by bit.
      let allowed = mask.filter { $0 != "," }.compactMap { $0.hexDigitValue }
        .reduce(0) { $0 + $1.nonzeroBitCount }
      let online = ProcessInfo.processInfo.processorCount
      #expect(JournalScanner().threads == min(allowed, online))
    #endif
  }
}
