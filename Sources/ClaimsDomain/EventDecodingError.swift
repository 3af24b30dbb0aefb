/// Why a JSON object is not a valid event: a stable code, the field concerned, and words a clerk
/// understands.
public struct EventDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Code: String, Sendable {
    case notAnObject = "not-an-object"
    case unknownType = "unknown-type"
    case missingField = "missing-field"
    case unknownField = "unknown-field"
    case ledgerField = "ledger-field"
    case wrongType = "wrong-type"
    case invalidValue = "invalid-value"
    case invalidMoney = "invalid-money"
    case invalidDate = "invalid-date"
    case invalidResidentID = "invalid-resident-id"
  }

  public let code: Code
  public let field: String?
  public let reason: String

  public init(_ code: Code, field: String?, _ reason: String) {
    (self.code, self.field, self.reason) = (code, field, reason)
  }

  public var description: String { reason }
}
