import ClaimsDomain

/// The state's records by the hundred thousand write and read themselves in a checkpoint
/// (`BinaryFastCodable`), field by field in declaration order: the bytes their synthesized
/// coding gives, which `BinaryFastCodingTests` hold them to.
extension EnrolmentKey: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(classID)
    try output.field(trainee)
  }
  public init(binary input: BinaryInput) throws { self.init(classID: try input.field(), trainee: try input.field()) }
}

extension ClaimRecord.Status: BinaryFastCodable {}

extension ClaimRecord: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(submission)
    try output.field(submittedBy)
    try output.field(submittedOn)
    try output.field(eventID)
    try output.field(status)
    try output.field(approvedBy)
    try output.field(decidedOn)
    try output.field(decision)
  }
  public init(binary input: BinaryInput) throws {
    self.init(
      submission: try input.field(), submittedBy: try input.field(), submittedOn: try input.field(),
      eventID: try input.field(), status: try input.field(), approvedBy: try input.field(), decidedOn: try input.field(),
      decision: try input.field())
  }
}

extension ClaimMoney: BinaryFastCodable {
  public func writeBinary(to output: BinaryOutput) throws {
    try output.field(region)
    try output.field(general: approved)
    try output.field(general: approvedByTrainee)
    try output.field(general: paid)
    try output.field(general: ordered)
    try output.field(general: orderedByTrainee)
  }
  public init(binary input: BinaryInput) throws {
    self.init(
      region: try input.field(), approved: try input.field(general: [Fund: Money].self),
      approvedByTrainee: try input.field(general: [ResidentID: [Fund: Money]].self),
      paid: try input.field(general: [Fund: Money].self), ordered: try input.field(general: [Fund: Money].self),
      orderedByTrainee: try input.field(general: [ResidentID: [Fund: Money]].self))
  }
}
