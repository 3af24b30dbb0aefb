import ClaimsDomain
import ClaimsJournal
import ClaimsLedger
import ClaimsTestSupport
import ClaimsWorkload
import Testing

/// The workload generator: deterministic, valid (every batch went through `AppendSession`, so
/// writing at all proves it), of the mix it describes, and dated as the importer expects.
@Suite struct WorkloadTests {
  @Test func theSameSeedGivesTheSameBytesAndAnotherSeedOthers() throws {
    let folder = TemporaryFolder("workload-test")
    for (name, seed) in [("a", 11), ("b", 11), ("c", 12)] {
      _ = try Workload(events: 800, seed: UInt64(seed)).write(
        journal: folder.path("\(name).journal"))
    }
    let (a, b, c) = (folder.path("a.journal"), folder.path("b.journal"), folder.path("c.journal"))
    #expect(!TemporaryFolder.bytes(a).isEmpty)
    #expect(TemporaryFolder.bytes(a) == TemporaryFolder.bytes(b))
    #expect(TemporaryFolder.bytes(a) != TemporaryFolder.bytes(c))
  }

  @Test func aSmallYearHasEveryRegionKindAndIsRecordedOnTheDayOfItsEvents() throws {
    let folder = TemporaryFolder("workload-test")
    let journal = folder.path("w.journal")
    let summary = try Workload(events: 2000, seed: 2024).write(
      journal: journal, input: folder.path("w.jsonl"))
    let snapshot = try JournalSnapshot.read(path: journal)
    var types: [EventType: Int] = [:]
    var regions: Set<String> = []
    var failedExams = 0
    var misdated: [Int] = []
    var days: Set<CivilDate> = []
    try snapshot.forEachLine { frame, bytes in
      let event = try JournalLine.decode(bytes, frame: frame).event
      types[event.type, default: 0] += 1
      days.insert(event.date)
      if case .classApproved(let approval) = event.body { regions.insert(approval.region) }
      if case .examRecorded(let exam) = event.body, !exam.passed { failedExams += 1 }
      // The importer records each batch on its first event's date: every event must be dated
      // the day it is recorded, and every batch on one day.
      if frame.seq > 1, frame.recorded != Workload.recorded(on: event.date) {
        misdated.append(frame.seq)
      }
    }
    #expect(
      misdated.isEmpty, "lines recorded on another day than their date: \(misdated.prefix(5))")
    #expect(regions.contains("changchun") && regions.contains("jinan"))
    #expect(regions.filter { $0.hasPrefix("liaocheng-") }.count >= 3)
    for type in [
      EventType.traineeEnrolled, .attendanceRecorded, .examRecorded, .employmentRecorded,
      .claimSubmitted, .claimApproved, .paymentMade, .fundAppropriated, .eventVoided,
      .minimumWagePublished, .planSet,
    ] {
      #expect(types[type, default: 0] > 0, "\(type)")
    }
    #expect(failedExams > 0)
    let attendance = types[.attendanceRecorded, default: 0]
    #expect(attendance * 2 > summary.lines, "attendance-heavy: \(attendance) of \(summary.lines)")
    #expect(summary.midDate > days.min()!.description && summary.midDate < summary.lastDay)
    let state = try Replay.state(of: snapshot)
    #expect(state.claims.values.allSatisfy { $0.status != .open }, "every claim decided")
    #expect(state.funds.values.allSatisfy { $0.available.fen >= 0 })
  }
}
