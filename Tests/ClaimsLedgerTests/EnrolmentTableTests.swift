import ClaimsDomain
@testable import ClaimsLedger
import Testing

/// The enrolments kept class by class (`EnrolmentTable`) against a plain dictionary of the same
/// enrolments: seeded adds, changes and removals in small classes and in one that outgrows a
/// scan, and the bytes they are saved as.
@Suite struct EnrolmentTableTests {
  /// A valid resident ID for a number: its 17 digits, and whichever check character fits.
  static func trainee(_ number: Int) -> ResidentID {
    let digits = "3715021990" + String(1_000_000 + number).suffix(7)
    return "0123456789X".lazy.compactMap { ResidentID(digits + String($0)) }.first!
  }

  static func record(_ key: EnrolmentKey, seq: Int) -> EnrolmentRecord {
    EnrolmentRecord(
      eventID: "enr-\(seq)", seq: seq,
      enrolment: TraineeEnrolled(trainee: key.trainee, name: "学员", classID: key.classID, categories: [], uiBenefit: false),
      enrolledOn: CivilDate(daysSinceEpoch: 19_000 + seq % 400))
  }

  @Test func holdsWhatADictionaryHolds() throws {
    var table = EnrolmentTable()
    var model: [EnrolmentKey: EnrolmentRecord] = [:]
    var random = SplitMix64(seed: 0xE7A0)
    // Class 0 takes a third of the keys: some 400 trainees, past the scan limit.
    for seq in 1...6_000 {
      let classNumber = random.next() % 3 == 0 ? 0 : Int(random.next() % 40) + 1
      let key = EnrolmentKey(classID: "LC-\(classNumber)", trainee: Self.trainee(Int(random.next() % 1_200)))
      switch random.next() % 10 {
      case 0..<6:
        let record = Self.record(key, seq: seq)
        table[key] = record
        model[key] = record
      case 6..<8:
        table[key] = nil
        model[key] = nil
      default:
        if let position = table.position(of: key) {
          table[position].attendance.append(AttendanceFact(seq: seq, date: CivilDate(year: 2025, month: 3, day: 1)!, hours: 8))
          model[key]!.attendance.append(AttendanceFact(seq: seq, date: CivilDate(year: 2025, month: 3, day: 1)!, hours: 8))
        } else {
          #expect(model[key] == nil)
        }
      }
      #expect(table[key] == model[key])
    }
    #expect(table.count == model.count)
    #expect(table.roster(0).places != nil, "the big class should have outgrown a scan")
    for (key, record) in model { #expect(table[key] == record) }
    #expect(Dictionary(uniqueKeysWithValues: table.pairs.map { ($0.key, $0.value) }) == model)
    #expect(Array(table.values).count == model.count)

    // Saved the same in both codings, and read back equal, rosters numbered alike, either way
    // and in place.
    let saved = try BinaryEncoder().encode(table)
    #expect(saved == (try BinaryEncoder(fastPaths: false).encode(table)))
    #expect(try BinaryDecoder().decode(EnrolmentTable.self, from: saved) == table)
    #expect(try BinaryDecoder(fastPaths: false).decode(EnrolmentTable.self, from: saved) == table)
    let kept = KeptBytes(saved)
    let inPlace = try kept.decode(EnrolmentTable.self)
    #expect(Self.reads(inPlace) == 0)
    #expect(inPlace == table)
  }

  /// How often a table read in place has read a roster from its bytes.
  static func reads(_ table: EnrolmentTable) -> Int { table.saved.reduce(0) { $0 + $1.readCount } }

  /// Read in place, a table reads a roster from its bytes only when asked for it, once; a
  /// change reads it and from then on changes its own copy, which no copy of the table sees;
  /// rosters never read are saved again as they were read. Checked against the same changes
  /// made to the table it was saved from.
  @Test func aTableReadInPlaceReadsOnlyTheRostersAskedFor() throws {
    var model = EnrolmentTable()
    var random = SplitMix64(seed: 0x5A7E)
    for seq in 1...3_000 {
      // Forty classes, one of them past the scan limit.
      let classNumber = seq % 5 == 0 ? 0 : Int(random.next() % 39) + 1
      let key = EnrolmentKey(classID: "LC-\(classNumber)", trainee: Self.trainee(Int(random.next() % 2_000)))
      model[key] = Self.record(key, seq: seq)
    }
    let saved = try BinaryEncoder().encode(model)
    let kept = KeptBytes(saved)
    var table = try kept.decode(EnrolmentTable.self)
    #expect(table.count == model.count)
    #expect(table.classIDs == model.classIDs)
    #expect(Self.reads(table) == 0)
    #expect(try BinaryEncoder().encode(table) == saved, "unread rosters are saved as read")
    #expect(Self.reads(table) == 0)

    // Asked about one class, twice: that roster alone is read, once.
    let asked = model.pairs.first { $0.key.classID == "LC-7" }!
    #expect(table[asked.key] == asked.value)
    #expect(table.rosterSets["LC-7"] == model.rosterSets["LC-7"])
    #expect(Self.reads(table) == 1)

    // Changes in three more classes: a record changed, one removed, one added; a copy taken
    // before sees none of them.
    let copy = table
    let changed = model.pairs.first { $0.key.classID == "LC-12" }!.key
    let removed = model.pairs.first { $0.key.classID == "LC-0" }!.key
    let added = EnrolmentKey(classID: "LC-20", trainee: Self.trainee(9_999))
    func change(_ table: inout EnrolmentTable) {
      table[table.position(of: changed)!].attendance.append(
        AttendanceFact(seq: 4_000, date: CivilDate(year: 2025, month: 3, day: 1)!, hours: 8))
      table[removed] = nil
      table[added] = Self.record(added, seq: 4_001)
    }
    change(&table)
    change(&model)
    #expect(Self.reads(table) == 4)
    #expect(table == model)
    #expect(try BinaryEncoder().encode(table) == (try BinaryEncoder().encode(model)))
    #expect(copy == (try kept.decode(EnrolmentTable.self)))
    #expect(copy[removed] != nil && copy[added] == nil)
  }

  /// A saved attendance whose hours, line or day the journal would never have let in (hours 0,
  /// 25 or 300, which the record's one byte of hours cannot hold; a line 0 or past 4 G; a day
  /// before year 1 or after 9999, which makes no date) is refused when read back, not trapped on.
  @Test func packedFactsOutOfRangeAreRefused() throws {
    func packed(seq: Int64, day: Int32 = 20_000, hours: Int32) -> [UInt8] {
      withUnsafeBytes(of: seq.littleEndian, Array.init)
        + withUnsafeBytes(of: day.littleEndian, Array.init) + withUnsafeBytes(of: hours.littleEndian, Array.init)
    }
    let good: [AttendanceFact] = try packed(seq: 3, hours: 8).withUnsafeBytes { try EnrolmentRecord.unpack($0) }
    #expect(good == [AttendanceFact(seq: 3, date: CivilDate(daysSinceEpoch: 20_000), hours: 8)])
    let edges = [CivilDate.journalDays.lowerBound, CivilDate.journalDays.upperBound].map { Int32($0) }
    for day in edges {
      let _: [AttendanceFact] = try packed(seq: 3, day: day, hours: 8).withUnsafeBytes { try EnrolmentRecord.unpack($0) }
    }
    let bad: [(Int64, Int32, Int32)] = [
      (3, 20_000, 0), (3, 20_000, 25), (3, 20_000, 300), (0, 20_000, 8), (1 << 32, 20_000, 8),
      (3, edges[0] - 1, 8), (3, edges[1] + 1, 8), (3, Int32.max, 8), (3, Int32.min, 8),
    ]
    for (seq, day, hours) in bad {
      #expect(throws: (any Error).self) {
        let _: [AttendanceFact] = try packed(seq: seq, day: day, hours: hours).withUnsafeBytes { try EnrolmentRecord.unpack($0) }
      }
    }
  }

  /// A trainee's rosters: each number once, in the order first given, however often and
  /// however many; saved and read back the same in both codings.
  @Test func aTraineesRostersHoldEachNumberOnceInOrder() throws {
    var rosters = TraineeRosters()
    #expect(Array(rosters) == [])
    for number in [7, 7, 3, 7, 0, 3, 12] { rosters.insert(number) }
    #expect(Array(rosters) == [7, 3, 0, 12])
    var one = TraineeRosters()
    one.insert(5)
    #expect(Array(one) == [5])
    for value in [rosters, one, TraineeRosters()] {
      let saved = try BinaryEncoder().encode(value)
      #expect(saved == (try BinaryEncoder(fastPaths: false).encode(value)))
      #expect(try BinaryDecoder().decode(TraineeRosters.self, from: saved) == value)
    }
  }
}
