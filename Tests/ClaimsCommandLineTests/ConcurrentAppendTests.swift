import ClaimsDomain
import ClaimsJournal
import ClaimsTestSupport
import Foundation
import Testing

/// Many `claims append` processes on one journal at once: the file lock serialises them.
@Suite struct ConcurrentAppendTests {
  @Test func twentyFourWritersAtOnceLeaveAnUnbrokenChainWithEveryEvent() throws {
    let folder = TemporaryFolder()
    let path = folder.path("busy.journal")
    #expect(try ClaimsBinary.run(["init", path, "--admin", Bureau.admin, "--now", Bureau.openedAt]).status == 0)
    let setup = folder.write("setup.jsonl", Bureau.setup.joined(separator: "\n"))
    #expect(try ClaimsBinary.run(["append", path, setup, "--now", Bureau.setupAt]).status == 0)

    let writers = 24
    let perWriter = 5
    var processes: [Process] = []
    for writer in 0..<writers {
      let lines = (0..<perWriter).map { n in
        Bureau.attendance(
          writer % 2 == 0 ? Bureau.trainee1 : Bureau.trainee2, id: "w\(writer)-\(n)",
          date: "2024-09-\(10 + n)", hours: 1 + writer % 8)
      }
      let file = folder.write("w\(writer).jsonl", lines.joined(separator: "\n"))
      let process = Process()
      process.executableURL = ClaimsBinary.url
      process.arguments = ["append", path, file]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      processes.append(process)
    }
    for process in processes { try process.run() }
    for process in processes { process.waitUntilExit() }
    #expect(processes.allSatisfy { $0.terminationStatus == 0 })

    let snapshot = try JournalSnapshot.read(path: path)
    #expect(snapshot.scan.lineCount == 13 + writers * perWriter)
    #expect(snapshot.scan.tail == nil)
    #expect(snapshot.scan.head == .matches)
    var ids: [String] = []
    try snapshot.forEachLine { frame, bytes in
      let line = try JournalLine.decode(bytes, frame: frame)
      if frame.seq > 13 {
        ids.append(line.event.id)
        // Each writer's batch is contiguous: batch index k carries that writer's k-th event.
        #expect(line.event.id.hasSuffix("-\(frame.batchIndex - 1)"))
        #expect(frame.batchCount == perWriter)
      }
    }
    let expected = (0..<writers).flatMap { w in (0..<perWriter).map { "w\(w)-\($0)" } }
    #expect(Set(ids) == Set(expected))
    #expect(ids.count == expected.count)
  }
}
