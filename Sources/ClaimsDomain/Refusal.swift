/// Why the ledger refuses an event: a stable code (never reused, never renamed) and words a
/// clerk understands. Refusals are values, not crashes: the rules say no.
public struct Refusal: Error, Equatable, Sendable, CustomStringConvertible {
  public let code: String
  public let message: String

  public init(_ code: String, _ message: String) {
    self.code = code
    self.message = message
  }

  public var description: String { message }
}
