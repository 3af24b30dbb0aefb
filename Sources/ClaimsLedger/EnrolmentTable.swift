import ClaimsDomain

/// The enrolments, kept class by class: each class's trainees and records side by side in a
/// roster of their own. A replay reads a class's lines in runs — its enrolments, a day's
/// attendance of its whole roster, a claim's trainees — and a roster of a few dozen is then a few
/// neighbouring cache lines, where one table of every enrolment is a far line per lookup. Within
/// a roster a trainee is found by a scan of its numbers, or by a table once the roster is large.
/// It reads and writes like a dictionary of enrolment keys, and is saved as one.
public struct EnrolmentTable: Sendable {
  struct Roster: Sendable {
    var trainees: [ResidentID] = []
    var records: [EnrolmentRecord] = []
    /// Where each trainee is, kept once the roster outgrows a scan.
    var places: [ResidentID: Int]?

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
  var rosters: [Roster] = []
  public private(set) var count = 0

  public init() {}

  /// The roster number of a class, nil when it never had an enrolment.
  func roster(of classID: String) -> Int? { rosterNumbers[classID] }

  func position(in roster: Int, of trainee: ResidentID) -> Position? {
    rosters[roster].place(of: trainee).map { Position(roster: roster, place: $0) }
  }

  func position(of key: EnrolmentKey) -> Position? {
    roster(of: key.classID).flatMap { position(in: $0, of: key.trainee) }
  }

  func key(at position: Position) -> EnrolmentKey {
    EnrolmentKey(classID: classIDs[position.roster], trainee: rosters[position.roster].trainees[position.place])
  }

  /// The record at `position`, read or changed in place.
  subscript(position: Position) -> EnrolmentRecord {
    get { rosters[position.roster].records[position.place] }
    _modify { yield &rosters[position.roster].records[position.place] }
  }

  public subscript(key: EnrolmentKey) -> EnrolmentRecord? {
    get { position(of: key).map { self[$0] } }
    set {
      if let position = position(of: key) {
        if let newValue {
          self[position] = newValue
        } else {
          rosters[position.roster].remove(at: position.place)
          count -= 1
        }
      } else if let newValue {
        append(newValue, of: key.trainee, to: rosterNumber(for: key.classID))
      }
    }
  }

  /// Adds the enrolment of a trainee not yet in the roster.
  mutating func append(_ record: EnrolmentRecord, of trainee: ResidentID, to roster: Int) {
    rosters[roster].append(trainee, record)
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

  public var values: some Sequence<EnrolmentRecord> { rosters.lazy.flatMap(\.records) }

  /// What `transform` makes of a class's enrolments, in the order of their trainees, leaving
  /// out its nils: no set of the roster, no lookup per trainee.
  func inTraineeOrder<T>(of classID: String, _ transform: (ResidentID, EnrolmentRecord) -> T?) -> [T] {
    guard let number = roster(of: classID) else { return [] }
    let roster = rosters[number]
    return roster.trainees.indices.sorted { roster.trainees[$0] < roster.trainees[$1] }
      .compactMap { transform(roster.trainees[$0], roster.records[$0]) }
  }

  /// Each class's trainees as a set, as `LedgerState.traineesOfClass` reads them.
  public var rosterSets: Rosters { Rosters(table: self) }

  public struct Rosters: Sendable {
    let table: EnrolmentTable

    /// The class's trainees; nil when it never had one (empty when every enrolment was voided).
    public subscript(classID: String) -> Set<ResidentID>? {
      table.roster(of: classID).map { Set(table.rosters[$0].trainees) }
    }

    /// The classes that ever had a trainee.
    public var keys: [String] { table.classIDs }
  }

  /// Every enrolment with its key, class by class.
  public var pairs: some Sequence<(key: EnrolmentKey, value: EnrolmentRecord)> {
    rosters.indices.lazy.flatMap { number in
      rosters[number].trainees.indices.lazy.map { place in
        (key: key(at: Position(roster: number, place: place)), value: rosters[number].records[place])
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

/// Saved as its classes in the order of their rosters' numbers, then the dictionary of
/// enrolments it stands for, in both codings. The numbers are kept because the state holds them
/// elsewhere (`LedgerState.rostersOfTrainee`): a table rebuilt from the dictionary alone numbers
/// its classes in the order of their names, not of their first enrolments.
extension EnrolmentTable: Codable {
  enum CodingKeys: String, CodingKey { case classes, enrolments }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      classes: try container.decode([String].self, forKey: .classes),
      enrolments: try container.decode([EnrolmentKey: EnrolmentRecord].self, forKey: .enrolments))
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(classIDs, forKey: .classes)
    try container.encode(Dictionary(uniqueKeysWithValues: pairs.map { ($0.key, $0.value) }), forKey: .enrolments)
  }

  init(classes: [String], enrolments: [EnrolmentKey: EnrolmentRecord]) throws {
    try self.init(classes: classes)
    for (key, record) in enrolments { try addSaved(record, key) }
  }

  /// An empty table whose rosters are numbered in the order of `classes`, each named once.
  init(classes: [String]) throws {
    self.init()
    for classID in classes { _ = rosterNumber(for: classID) }
    guard rosters.count == classes.count else { throw BinaryDecodingError("a class twice in the rosters' order") }
  }

  /// A saved enrolment, of a class the saved order names, once.
  mutating func addSaved(_ record: EnrolmentRecord, _ key: EnrolmentKey) throws {
    guard let roster = roster(of: key.classID), position(in: roster, of: key.trainee) == nil else {
      throw BinaryDecodingError("an enrolment of a class not in the rosters' order, or twice")
    }
    append(record, of: key.trainee, to: roster)
  }
}

extension EnrolmentTable: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(classIDs)
    output.bytes.append(1)  // the enrolments' slot
    let positions = rosters.indices.flatMap { roster in rosters[roster].trainees.indices.map { Position(roster: roster, place: $0) } }
    try output.pairs(
      count: positions.count, key: { try output.field(key(at: positions[$0])) }, value: { try output.field(self[positions[$0]]) })
  }

  public init(binary input: BinaryInput) throws {
    try self.init(classes: try input.field())
    guard try input.byte() != 0 else { throw BinaryDecodingError("nil where a value was expected") }
    for _ in 0..<(try input.size()) {
      let key: EnrolmentKey = try input.field()
      try addSaved(try input.field(), key)
      input.releaseReadIfFar()
    }
  }
}

/// The rosters (classes) a trainee was ever enrolled in, by number: most trainees are in one,
/// held inline, where a set of class names per trainee was an allocation and a string hashed
/// on every enrolment.
public struct TraineeRosters: Codable, Equatable, Sendable, Sequence {
  private var first = -1
  private var more: [Int] = []

  public init() {}

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

  mutating func insert(_ number: Int) {
    if first < 0 {
      first = number
    } else if first != number, !more.contains(number) {
      more.append(number)
    }
  }
}

extension TraineeRosters: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(first)
    try output.field(more)
  }

  public init(binary input: BinaryInput) throws { (first, more) = (try input.field(), try input.field()) }
}
