import ClaimsDomain

/// The enrolments, kept class by class: each class's trainees and records side by side in a
/// roster of their own. A replay reads a class's lines in runs — its enrolments, a day's
/// attendance of its whole roster, a claim's trainees — and a roster of a few dozen is then a few
/// neighbouring cache lines, where one table of every enrolment is a far line per lookup. Within
/// a roster a trainee is found by a scan of its numbers, or by a table once the roster is large.
/// It reads and writes like a dictionary of enrolment keys, and is saved roster by roster.
public struct EnrolmentTable: Sendable {
  struct Roster: Sendable {
    var trainees: [ResidentID] = []
    var records: [EnrolmentRecord] = []
    /// Where each trainee is, kept once the roster outgrows a scan.
    var places: [ResidentID: Int]?
    /// A stand-in for a roster still in the checkpoint it was read from (`saved`).
    var unread = false

    static let scanLimit = 48

    func place(of trainee: ResidentID) -> Int? {
      if let places { return places[trainee] }
      return trainees.firstIndex(of: trainee)
    }

    mutating func append(_ trainee: ResidentID, _ record: EnrolmentRecord) {
      trainees.append(trainee)
      records.append(record)
      if places != nil {
        places![trainee] = trainees.count - 1
      } else if trainees.count > Self.scanLimit {
        places = Dictionary(uniqueKeysWithValues: trainees.enumerated().map { ($1, $0) })
      }
    }

    /// Removes the trainee at `place`, moving the last one into it.
    mutating func remove(at place: Int) {
      let last = trainees.count - 1
      places?[trainees[place]] = nil
      if place != last {
        trainees.swapAt(place, last)
        records.swapAt(place, last)
        places?[trainees[place]] = place
      }
      trainees.removeLast()
      records.removeLast()
    }
  }

  /// Where an enrolment lies: valid until the next enrolment is added or removed.
  struct Position {
    var roster: Int
    var place: Int
  }

  /// A class's roster number, given with its first enrolment and never taken back.
  var rosterNumbers: [String: Int] = [:]
  var classIDs: [String] = []
  /// Read through `roster(_:)` and changed through `withRoster`: a roster marked `unread` is
  /// in `saved`.
  var rosters: [Roster] = []
  /// The rosters of the checkpoint this table was read from, by number, left where they lie
  /// until asked for: a command about a few trainees reads their classes, not every enrolment.
  var saved: [SavedTable<Roster>] = []
  public internal(set) var count = 0

  public init() {}

  /// The roster number of a class, nil when it never had an enrolment.
  func roster(of classID: String) -> Int? { rosterNumbers[classID] }

  @inline(__always) func position(in roster: Int, of trainee: ResidentID) -> Position? {
    let place = rosters[roster].unread ? saved[roster].value.place(of: trainee) : rosters[roster].place(of: trainee)
    return place.map { Position(roster: roster, place: $0) }
  }

  /// How many trainees a class's roster holds, without reading it from the checkpoint.
  func count(ofClass classID: String) -> Int {
    guard let number = roster(of: classID) else { return 0 }
    // A saved roster's count was read and checked when the table was.
    return rosters[number].unread ? (try? Roster.savedCount(saved[number].bytes)) ?? 0 : rosters[number].trainees.count
  }

  /// Roster `number`, from the checkpoint when it has not been read yet.
  func roster(_ number: Int) -> Roster { rosters[number].unread ? saved[number].value : rosters[number] }

  /// Changes roster `number` in place.
  mutating func withRoster<T>(_ number: Int, _ change: (inout Roster) -> T) -> T {
    takeFromCheckpoint(number)
    return change(&rosters[number])
  }

  /// Roster `number` in the table's own storage, to be changed: read from the checkpoint when
  /// it has not been.
  mutating func takeFromCheckpoint(_ number: Int) {
    if rosters[number].unread { rosters[number] = saved[number].take() }
  }

  func position(of key: EnrolmentKey) -> Position? {
    roster(of: key.classID).flatMap { position(in: $0, of: key.trainee) }
  }

  // The two below read a roster in place, not a copy of it (`roster(_:)`): a replay calls them
  // for most lines.
  func key(at position: Position) -> EnrolmentKey {
    let (number, place) = (position.roster, position.place)
    let trainee = rosters[number].unread ? saved[number].value.trainees[place] : rosters[number].trainees[place]
    return EnrolmentKey(classID: classIDs[number], trainee: trainee)
  }

  /// Whether the record at `position` holds an attendance on `date`: read in place, not copied.
  func attended(at position: Position, on date: CivilDate) -> Bool {
    let (number, place) = (position.roster, position.place)
    if rosters[number].unread { return saved[number].value.records[place].attendance.contains { $0.date == date } }
    return rosters[number].records[place].attendance.contains { $0.date == date }
  }

  /// The record at `position`, read or changed in place.
  subscript(position: Position) -> EnrolmentRecord {
    get {
      let (number, place) = (position.roster, position.place)
      return rosters[number].unread ? saved[number].value.records[place] : rosters[number].records[place]
    }
    _modify {
      takeFromCheckpoint(position.roster)
      yield &rosters[position.roster].records[position.place]
    }
  }

  public subscript(key: EnrolmentKey) -> EnrolmentRecord? {
    get { position(of: key).map { self[$0] } }
    set {
      if let position = position(of: key) {
        if let newValue {
          self[position] = newValue
        } else {
          withRoster(position.roster) { $0.remove(at: position.place) }
          count -= 1
        }
      } else if let newValue {
        append(newValue, of: key.trainee, to: rosterNumber(for: key.classID))
      }
    }
  }

  /// Adds the enrolment of a trainee not yet in the roster.
  mutating func append(_ record: EnrolmentRecord, of trainee: ResidentID, to roster: Int) {
    withRoster(roster) { $0.append(trainee, record) }
    count += 1
  }

  /// The roster number of a class, a new one for a class not seen before.
  mutating func rosterNumber(for classID: String) -> Int {
    if let number = rosterNumbers[classID] { return number }
    rosterNumbers[classID] = rosters.count
    classIDs.append(classID)
    rosters.append(Roster())
    return rosters.count - 1
  }

  public var values: some Sequence<EnrolmentRecord> { rosters.indices.lazy.flatMap { roster($0).records } }

  /// What `transform` makes of a class's enrolments, in the order of their trainees, leaving
  /// out its nils: no set of the roster, no lookup per trainee.
  func inTraineeOrder<T>(of classID: String, _ transform: (ResidentID, EnrolmentRecord) -> T?) -> [T] {
    guard let number = roster(of: classID) else { return [] }
    let roster = roster(number)
    return roster.trainees.indices.sorted { roster.trainees[$0] < roster.trainees[$1] }
      .compactMap { transform(roster.trainees[$0], roster.records[$0]) }
  }

  /// Each class's trainees as a set, as `LedgerState.traineesOfClass` reads them.
  public var rosterSets: Rosters { Rosters(table: self) }

  public struct Rosters: Sendable {
    let table: EnrolmentTable

    /// The class's trainees; nil when it never had one (empty when every enrolment was voided).
    public subscript(classID: String) -> Set<ResidentID>? {
      table.roster(of: classID).map { Set(table.roster($0).trainees) }
    }

    /// The classes that ever had a trainee.
    public var keys: [String] { table.classIDs }
  }

  /// Every enrolment with its key, class by class.
  public var pairs: some Sequence<(key: EnrolmentKey, value: EnrolmentRecord)> {
    rosters.indices.lazy.flatMap { number in
      let roster = roster(number)
      return roster.trainees.indices.lazy.map { place in
        (key: EnrolmentKey(classID: classIDs[number], trainee: roster.trainees[place]), value: roster.records[place])
      }
    }
  }
}

/// Equal when they number the same classes alike and hold the same enrolments, in whatever
/// order they came.
extension EnrolmentTable: Equatable {
  public static func == (lhs: EnrolmentTable, rhs: EnrolmentTable) -> Bool {
    lhs.classIDs == rhs.classIDs && lhs.count == rhs.count && lhs.pairs.allSatisfy { rhs[$0.key] == $0.value }
  }
}

/// The rosters (classes) a trainee was ever enrolled in, by number: most trainees are in one,
/// held inline, where a set of class names per trainee was an allocation and a string hashed
/// on every enrolment.
public struct TraineeRosters: Codable, Equatable, Sendable, Sequence {
  private(set) var first = -1
  private(set) var more: [Int] = []

  public init() {}

  init(first: Int, more: [Int]) { (self.first, self.more) = (first, more) }

  /// The numbers in the order of their first enrolments, none copied.
  public struct Iterator: IteratorProtocol {
    let rosters: TraineeRosters
    /// -1 for `first`, then places in `more`.
    var place: Int

    public mutating func next() -> Int? {
      defer { place += 1 }
      if place < 0 { return rosters.first }
      return place < rosters.more.count ? rosters.more[place] : nil
    }
  }

  public func makeIterator() -> Iterator { Iterator(rosters: self, place: first < 0 ? more.count : -1) }

  /// Adds a roster; returns the rosters now.
  @discardableResult mutating func insert(_ number: Int) -> Self {
    if first < 0 {
      first = number
    } else if first != number, !more.contains(number) {
      more.append(number)
    }
    return self
  }

  /// Whether there is more than one.
  var isShared: Bool { !more.isEmpty }
}

extension TraineeRosters: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(first)
    try output.field(more)
  }

  public init(binary input: BinaryInput) throws { (first, more) = (try input.field(), try input.field()) }
}
