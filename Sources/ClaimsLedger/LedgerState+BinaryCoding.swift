import ClaimsDomain
import ClaimsRules

// The state and its records by the hundred thousand write and read themselves in a checkpoint
// (`BinaryFastCodable`), field by field in declaration order: the bytes their synthesized coding
// gives, which `BinaryFastCodingTests` hold them to.

/// The state itself, so that each table is coded by code specialized to its types (through the
/// synthesized coding, every table went through the generic dictionary, element by element).
/// The tables of records that do not code themselves, fewer, take the general way.
extension LedgerState: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try writeBinaryWithoutIndex(to: output)
    try output.field(events)
  }

  public init(binary input: BinaryInput) throws {
    try self.init(binaryWithoutIndex: input)
    events = try input.field()
  }

  /// Every field but the id index, which a checkpoint keeps in a section of its own: only
  /// appends, folds and findings read it, and at ten million events it is a third of the state.
  /// `deferred` is told where each `Deferred` table's bytes lie in the form, in order, for the
  /// checkpoint's key (`init(binaryWithoutIndex:deferred:)` leaves them there).
  public func writeBinaryWithoutIndex(to output: BinaryOutput, deferred: (Range<Int>) -> Void = { _ in }) throws {
    // A table unchanged since it was read from a checkpoint is copied from there, unread.
    func table<Value>(_ table: Deferred<Value>, _ write: () throws -> Void) throws {
      let start = output.position
      if let bytes = table.unchangedBytes { try output.append(streaming: bytes) } else { try write() }
      deferred(start..<output.position)
    }
    try output.field(lastSeq)
    try output.field(lastRecorded)
    try output.field(general: span)
    try output.field(general: plans)
    try output.field(admin)
    try output.field(voided)
    try output.field(general: actors)
    try output.field(general: institutions)
    try output.field(classes)
    try output.field(classWindows)
    try output.field(classesByApprovalEvent)
    try output.field(rejectedClasses)
    try output.field(enrolments)
    try table($enrolmentsBySeq) { try output.field(enrolmentsBySeq) }
    try table($claims) { try output.field(claims) }
    try table($payments) { try output.field(payments) }
    try table($bankRefs) { try output.field(bankRefs) }
    try table($recoveries) { try output.field(general: recoveries) }
    try table($employments) { try output.field(employments) }
    try output.field(general: minimumWages)
    try output.field(fundLedger)
    try table($claimMoney) { try output.field(claimMoney) }
    try output.field(employmentSubjects)
    try output.field(rostersOfTrainee)
    try output.field(crossEnrolmentTrainees)
    try table($history) { try output.field(history) }
    try table($findingLeads) { try output.field(findingLeads) }
  }

  /// The state with an empty id index (`writeBinaryWithoutIndex`'s bytes). Given where its
  /// `Deferred` tables lie, from bytes that outlive the reading (a mapped checkpoint), it leaves
  /// them there to be read when asked for; otherwise it reads them now.
  public init(binaryWithoutIndex input: BinaryInput, deferred: [Range<Int>] = []) throws {
    self.init()
    var bounds = deferred[...]
    func table<Value>(_ name: String, _ read: @escaping (BinaryInput) throws -> Value) throws -> Deferred<Value> {
      let range = bounds.popFirst()
      guard let owner = input.owner, let range else { return Deferred(wrappedValue: try read(input)) }
      guard range.lowerBound == input.position, range.upperBound <= input.bytes.count else {
        throw BinaryDecodingError("the \(name) are not where the checkpoint's key says")
      }
      input.position = range.upperBound
      let bytes = UnsafeRawBufferPointer(rebasing: input.bytes[range])
      return Deferred(saved: SavedTable("table of " + name, bytes: bytes, owner: owner) { try read($0) })
    }
    lastSeq = try input.field()
    lastRecorded = try input.field()
    span = try input.field(general: LineSpan.self)
    plans = try input.field(general: [LedgerHistory.PlanRecord].self)
    admin = try input.field()
    voided = try input.field()
    actors = try input.field(general: [String: ActorRecord].self)
    institutions = try input.field(general: [String: InstitutionRegistered].self)
    classes = try input.field()
    classWindows = try input.field()
    classesByApprovalEvent = try input.field()
    rejectedClasses = try input.field()
    enrolments = try input.field()
    $enrolmentsBySeq = try table("enrolments by line") { try $0.field() }
    $claims = try table("claims") { try $0.field() }
    $payments = try table("payments") { try $0.field() as [String: PaymentRecord] }
    $bankRefs = try table("bank references") { try $0.field() }
    $recoveries = try table("recoveries") { try $0.field(general: [String: RecoveryRecord].self) }
    $employments = try table("employments") { try $0.field() as [ResidentID: [EmploymentFact]] }
    minimumWages = try input.field(general: MinimumWages.self)
    fundLedger = try input.field()
    $claimMoney = try table("claims' money") { try $0.field() }
    employmentSubjects = try input.field()
    rostersOfTrainee = try input.field()
    // Roster numbers are places in the enrolments' table: one beyond it would trap when read.
    try rostersOfTrainee.checkRosters(below: enrolments.classIDs.count)
    crossEnrolmentTrainees = try input.field()
    $history = try table("facts' history") { try $0.field() }
    $findingLeads = try table("findings' leads") { try $0.field() }
    guard bounds.isEmpty else { throw BinaryDecodingError("the checkpoint's key names more tables than the state has") }
  }
}

extension EnrolmentKey: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(classID)
    try output.field(trainee)
  }
  public init(binary input: BinaryInput) throws { self.init(classID: try input.field(), trainee: try input.field()) }
}

extension ClassRecord: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(approval)
    try output.field(approvalEventID)
    try output.field(approvalSeq)
    try output.field(approvedOn)
    try output.field(claimCount)
  }
  public init(binary input: BinaryInput) throws {
    self.init(
      approval: try input.field(), approvalEventID: try input.field(), approvalSeq: try input.field(),
      approvedOn: try input.field(),
      claimCount: try input.field())
  }
}

extension ClassWindow: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(start)
    try output.field(end)
    try output.field(withdrawnOn)
  }
  public init(binary input: BinaryInput) throws {
    self.init(start: try input.field(), end: try input.field(), withdrawnOn: try input.field())
  }
}

extension PaymentRecord: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(payment)
    try output.field(date)
    try output.field(eventID)
    try output.field(seq)
    try output.field(returned)
  }
  public init(binary input: BinaryInput) throws {
    self.init(
      payment: try input.field(), date: try input.field(), eventID: try input.field(), seq: try input.field(),
      returned: try input.field())
  }
}

extension EmploymentFact: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(eventID)
    try output.field(line)
    try output.field(record)
  }
  public init(binary input: BinaryInput) throws {
    self.init(eventID: try input.field(), line: try input.field(), record: try input.field())
  }
}

extension ClaimRecord.Status: BinaryFastCodable {}

extension ClaimRecord: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(submission)
    try output.field(submittedBy)
    try output.field(submittedOn)
    try output.field(eventID)
    try output.field(seq)
    try output.field(status)
    try output.field(approvedBy)
    try output.field(decidedOn)
    try output.field(decision)
  }
  public init(binary input: BinaryInput) throws {
    self.init(
      submission: try input.field(), submittedBy: try input.field(), submittedOn: try input.field(),
      eventID: try input.field(), seq: try input.field(), status: try input.field(), approvedBy: try input.field(), decidedOn: try input.field(),
      decision: try input.field())
  }
}

extension ClaimMoney: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(region)
    try output.field(approved)
    try output.field(paid)
    try output.field(ordered)
    try output.field(orderedByTrainee)
  }
  public init(binary input: BinaryInput) throws {
    self.init(
      region: try input.field(), approved: try input.field(),
      paid: try input.field(), ordered: try input.field(), orderedByTrainee: try input.field())
  }
}
