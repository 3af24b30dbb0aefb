import ClaimsDomain
import ClaimsJournal
@testable import ClaimsLedger
import ClaimsTestSupport
import ClaimsWorkload
import Testing

/// The records that write and read themselves in a checkpoint (`BinaryFastCodable`) give the
/// bytes their `Codable` coding gives, and read back the same state: a field out of order, a
/// tag missed or a count written another way fails here.
@Suite struct BinaryFastCodingTests {
  /// The state of a generated year: enrolments with attendance and exams, claims open, approved
  /// and rejected, payments and recoveries, voids.
  static func workloadState() throws -> (TemporaryFolder, LedgerState) {
    let folder = TemporaryFolder("fast-coding")
    let journal = folder.path("w.journal")
    _ = try Workload(events: 6000, seed: 31).write(journal: journal)
    return (folder, try Replay.state(ofJournal: journal).state)
  }

  @Test func aCheckpointStateEncodesToTheSameBytesEitherWay() throws {
    let (_, state) = try Self.workloadState()
    // What the comparison covers: every record kind with a fast path, in numbers.
    #expect(state.enrolments.count > 500)
    #expect(state.enrolments.values.contains { !$0.attendance.isEmpty && !$0.exams.isEmpty })
    #expect(state.claims.values.contains { $0.decision != nil })
    #expect(state.claims.values.contains { $0.decision == nil })
    #expect(state.claimMoney.values.contains { !$0.orderedByTrainee.isEmpty })
    #expect(state.fundLedger.movements.count > 50 && state.fundLedger.balances.count > 3)
    // Payments, one returned; employment records, and (alone) voided ones.
    #expect(state.payments.count > 20 && state.payments.values.contains { $0.returned })
    let employment = try #require(state.employments.values.first?.first)
    let voided = [employment.record.trainee: [Taken(value: employment, by: DatedLine(seq: 9, date: employment.line.date))]]
    #expect(try BinaryEncoder().encode(voided) == BinaryEncoder(fastPaths: false).encode(voided))
    // Classes of every kind; a window withdrawn, alone.
    #expect(state.classes.values.contains { $0.approval.demand != nil } && state.classes.values.contains { $0.approval.level != nil })
    var withdrawn = try #require(state.classWindows.values.first)
    withdrawn.withdrawnOn = withdrawn.end
    #expect(try BinaryEncoder().encode(withdrawn) == BinaryEncoder(fastPaths: false).encode(withdrawn))
    // What voids and rejections took, and the findings' leads.
    let histories = state.history.enrolments.values.flatMap(\.values)
    #expect(histories.contains { !$0.records.isEmpty } && histories.contains { !$0.attendance.isEmpty })
    #expect(histories.contains { !$0.factVoids.isEmpty } && histories.contains { !$0.claims.isEmpty })
    let leads = state.findingLeads
    #expect(!state.crossEnrolmentTrainees.isEmpty && !leads.lateClaims.isEmpty && !leads.claimLines.isEmpty, "\(leads.lateClaims.count) \(leads.payments.count) \(leads.attendance.count)")
    let fast = try BinaryEncoder().encode(state)
    let containers = try BinaryEncoder(fastPaths: false).encode(state)
    // The first byte that differs, rather than megabytes of both.
    let common = min(fast.count, containers.count)
    let differ = (0..<common).first { fast[$0] != containers[$0] } ?? (fast.count == containers.count ? nil : common)
    #expect(differ == nil, "fast paths \(fast.count) bytes, containers \(containers.count): first differ at \(differ ?? -1)")
  }

  /// Written in parts as it is encoded (a checkpoint), the state gives the same bytes as
  /// encoded whole: parts of a few hundred bytes cut inside every sorted table and between the
  /// state's fields. A part handed out while a table's entries lay aside, or while a list's
  /// count waited to be patched, would lose or misplace bytes here. (Through the containers
  /// alone, the state is one value, handed out whole at the end.)
  @Test func aStateWrittenInPartsIsTheStateWrittenWhole() throws {
    let (_, state) = try Self.workloadState()
    for fastPaths in [true, false] {
      let whole = try BinaryEncoder(fastPaths: fastPaths).encode(state)
      var parts: [[UInt8]] = []
      try BinaryEncoder(fastPaths: fastPaths).encode(state, partSize: 300) { parts.append(Array($0)) }
      #expect(parts.count > (fastPaths ? 100 : 0), "the state should have been handed out in many parts")
      #expect(parts.dropLast().allSatisfy { $0.count >= 300 })
      let joined = Array(parts.joined())
      let common = min(joined.count, whole.count)
      let differ = (0..<common).first { joined[$0] != whole[$0] } ?? (joined.count == whole.count ? nil : common)
      #expect(differ == nil, "fastPaths \(fastPaths): in parts \(joined.count) bytes, whole \(whole.count): first differ at \(differ ?? -1)")
    }
  }

  @Test func eitherWayReadsBackTheState() throws {
    let (_, state) = try Self.workloadState()
    let bytes = try BinaryEncoder().encode(state)
    #expect(try BinaryDecoder().decode(LedgerState.self, from: bytes) == state)
    #expect(try BinaryDecoder(fastPaths: false).decode(LedgerState.self, from: bytes) == state)
  }

  /// A checkpoint's state with a byte damaged anywhere (a flip, or eight bytes at once) reads
  /// back or throws, and never traps. A damaged checkpoint does not reach the reader (its
  /// hash is checked first); this holds the reader to refusing what it cannot hold anyway.
  @Test func aDamagedStateNeverCrashesTheReader() throws {
    let (_, state) = try Self.workloadState()
    let bytes = try BinaryEncoder().encode(state)
    var random = SplitMix64(seed: 0xDA3A)
    var refused = 0
    for round in 0..<400 {
      var damaged = bytes
      let place = Int(random.next() % UInt64(bytes.count))
      if round % 3 == 0 {
        // Eight bytes at once: a count or a length made huge, not just off by a bit.
        for offset in place..<min(bytes.count, place + 8) { damaged[offset] = UInt8(truncatingIfNeeded: random.next()) }
      } else {
        damaged[place] ^= UInt8(1 + random.next() % 255)
      }
      if (try? BinaryDecoder().decode(LedgerState.self, from: damaged)) == nil { refused += 1 }
    }
    #expect(refused > 150, "much of the damage should be refused")
  }

  /// Cut short anywhere in a record, the fast reader throws, as the containers do.
  @Test func aTruncatedRecordThrows() throws {
    let (_, state) = try Self.workloadState()
    let record = try #require(state.claims.values.first { $0.decision != nil })
    let bytes = try BinaryEncoder().encode(record)
    #expect(try BinaryDecoder().decode(ClaimRecord.self, from: bytes) == record)
    for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 40)) {
      #expect(throws: BinaryDecodingError.self) { try BinaryDecoder().decode(ClaimRecord.self, from: Array(bytes[..<length])) }
    }
  }
}
