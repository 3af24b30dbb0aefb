import ClaimsDomain
@testable import ClaimsLedger
import Testing

/// Each trainee's rosters (`TraineeRosterTable`) against a plain dictionary: saved sorted, read
/// whole or left in the bytes and found by halving, changed where they lie, saved again.
@Suite struct TraineeRosterTableTests {
  /// Seeded trainees in one to four rosters each, some numbers repeated (kept once).
  static func filled(seed: UInt64, trainees: Int) -> (TraineeRosterTable, [ResidentID: [Int]]) {
    var random = SplitMix64(seed: seed)
    var table = TraineeRosterTable()
    var model: [ResidentID: [Int]] = [:]
    for _ in 0..<(trainees * 2) {
      let trainee = EnrolmentTableTests.trainee(random.below(trainees))
      let roster = random.below(40)
      table.insert(roster, for: trainee)
      if !model[trainee, default: []].contains(roster) { model[trainee, default: []].append(roster) }
    }
    return (table, model)
  }

  @Test func holdsWhatADictionaryHoldsReadWholeOrInPlace() throws {
    let (table, model) = Self.filled(seed: 0x7057, trainees: 500)
    let saved = try BinaryEncoder().encode(table)
    #expect(saved == (try BinaryEncoder(fastPaths: false).encode(table)))
    let kept = KeptBytes(saved)
    let inPlace = try kept.decode(TraineeRosterTable.self)
    let whole = try BinaryDecoder().decode(TraineeRosterTable.self, from: saved)
    #expect(inPlace.isInPlace && !whole.isInPlace)
    for number in 0..<520 {
      let trainee = EnrolmentTableTests.trainee(number)
      let expected = model[trainee]
      #expect(table[trainee].map(Array.init) == expected)
      #expect(inPlace[trainee].map(Array.init) == expected, "\(number)")
      #expect(whole[trainee].map(Array.init) == expected)
    }
    #expect(inPlace.count == model.count && whole.count == model.count)
    #expect(inPlace.trainees == model.keys.sorted())
    #expect(inPlace == table && whole == table)
    // Unchanged, saved again as the bytes it was read from.
    #expect(try BinaryEncoder().encode(inPlace) == saved)
  }

  /// Changes to a table left in place — a trainee's new roster, a new trainee before, between
  /// and after the saved ones — give the table and the bytes the same changes give the table
  /// it was saved from.
  @Test func changedInPlaceItSavesWhatTheSameChangesSave() throws {
    var (table, _) = Self.filled(seed: 0x7058, trainees: 300)
    let kept = KeptBytes(try BinaryEncoder().encode(table))
    var inPlace = try kept.decode(TraineeRosterTable.self)
    let changes = [(EnrolmentTableTests.trainee(3), 77), (EnrolmentTableTests.trainee(0), 78),
      (EnrolmentTableTests.trainee(150), 79), (EnrolmentTableTests.trainee(9_000), 80), (EnrolmentTableTests.trainee(3), 81)]
    for (trainee, roster) in changes {
      table.insert(roster, for: trainee)
      inPlace.insert(roster, for: trainee)
    }
    #expect(!inPlace.isInPlace)
    #expect(inPlace[EnrolmentTableTests.trainee(3)].map(Array.init)?.suffix(2) == [77, 81])
    #expect(inPlace == table)
    #expect(try BinaryEncoder().encode(inPlace) == (try BinaryEncoder().encode(table)))
  }

  /// A roster number beyond the enrolments' classes: read whole, the state's reader refuses it;
  /// left in place, the lookup that meets it finds it out of range.
  @Test func aRosterBeyondTheClassesIsNeverTakenForOne() throws {
    var table = TraineeRosterTable()
    table.insert(5, for: EnrolmentTableTests.trainee(1))
    table.insert(2, for: EnrolmentTableTests.trainee(2))
    let saved = try BinaryEncoder().encode(table)
    var whole = try BinaryDecoder().decode(TraineeRosterTable.self, from: saved)
    #expect(throws: BinaryDecodingError.self) { try whole.checkRosters(below: 5) }
    try whole.checkRosters(below: 6)
    let kept = KeptBytes(saved)
    var inPlace = try kept.decode(TraineeRosterTable.self)
    try inPlace.checkRosters(below: 5)
    // In the trainees' order: trainee 1's roster 5 is out of range, trainee 2's 2 is not.
    #expect(inPlace.saved?.checkedRecord(at: 0) == nil)
    #expect(inPlace.saved?.checkedRecord(at: 1)?.0 == EnrolmentTableTests.trainee(2))
    #expect(inPlace[EnrolmentTableTests.trainee(2)].map(Array.init) == [2])
  }

  /// Looked up in place, a record out of range (it matched the checkpoint's hash: written
  /// wrong, or forged with its hash) stops the command with what to do, never reads as none.
  @Test func aRecordOutOfRangeStopsTheCommand() async {
    let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var table = TraineeRosterTable()
      table.insert(5, for: EnrolmentTableTests.trainee(1))
      let kept = KeptBytes(try BinaryEncoder().encode(table))
      var inPlace = try kept.decode(TraineeRosterTable.self)
      try inPlace.checkRosters(below: 5)
      _ = inPlace[EnrolmentTableTests.trainee(1)]
    }
    let message = String(decoding: stopped?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("the checkpoint's trainees' rosters matched its SHA-256 but cannot be read"))
    #expect(message.contains("delete JOURNAL.checkpoint, or run `claims rebuild`"))
  }
}
