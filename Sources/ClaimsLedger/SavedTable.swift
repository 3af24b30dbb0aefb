import ClaimsDomain
import ClaimsJournal
import Foundation

/// A part of a checkpoint's state left where it lies in the checkpoint's mapped file (which
/// `owner` keeps mapped), read the first time it is asked for and kept until its table takes it
/// to change it. Its bytes matched the checkpoint's SHA-256 before anything was read: a part
/// that cannot be read then was written wrong, and stops the command rather than being taken
/// for an empty table.
final class SavedTable<Value: Sendable>: @unchecked Sendable {
  private let owner: AnyObject
  let bytes: UnsafeRawBufferPointer
  private let name: String
  private let reading: (BinaryInput) throws -> Value
  /// A read of the table does not change the state that holds it (a value): what it reads is
  /// kept here, behind a lock, as the one reference the state's copies share.
  private let lock = NSLock()
  private var kept: Value?
  /// How often the bytes were read, for the tests.
  private(set) var readCount = 0

  init(_ name: String, bytes: UnsafeRawBufferPointer, owner: AnyObject, reading: @escaping (BinaryInput) throws -> Value) {
    (self.name, self.bytes, self.owner, self.reading) = (name, bytes, owner, reading)
  }

  var value: Value {
    lock.withLock {
      if let kept { return kept }
      let value = read()
      kept = value
      return value
    }
  }

  /// The value, no longer kept here: its table changes its own copy from now on.
  func take() -> Value {
    lock.withLock {
      defer { kept = nil }
      return kept ?? read()
    }
  }

  private func read() -> Value {
    readCount += 1
    // A checkpoint's pages are mapped in for the read and given back after it, as when the
    // state is read (`Checkpoint.load`): a command that reads every table holds no more.
    let file = (owner as? MappedFile).map { ($0, $0.range(of: bytes)) }
    if let (mapped, range) = file { mapped.populate(range) }
    // The pages it shares with its neighbours too: read now or later, they come back.
    defer { if let (mapped, range) = file { mapped.release(range, rounding: .outward) } }
    do {
      return try BinaryDecoder().decode(from: bytes, reading: reading)
    } catch {
      preconditionFailure(
        "the checkpoint's \(name) matched its SHA-256 but cannot be read (\(error)): "
          + "delete JOURNAL.checkpoint, or run `claims rebuild`")
    }
  }
}

/// A table of the state that a checkpoint keeps apart (`LedgerState.writeBinaryWithoutIndex`),
/// read from the file only when asked for: a command about a trainee never reads the claims.
/// Made from a value, it is that value; its coding is its value's. `$table` is the wrapper.
@propertyWrapper
public struct Deferred<Value: Codable & Equatable & Sendable>: Codable, Equatable, Sendable {
  private var own: Value?
  private var saved: SavedTable<Value>?

  public init(wrappedValue: Value) { own = wrappedValue }
  init(saved: SavedTable<Value>) { self.saved = saved }

  public var wrappedValue: Value {
    get { own ?? saved!.value }
    _modify {
      if own == nil {
        own = saved!.take()
        saved = nil
      }
      yield &own!
    }
  }

  public internal(set) var projectedValue: Self {
    get { self }
    set { self = newValue }
  }

  /// Its bytes in the checkpoint while it has not been changed since: a checkpoint written
  /// again copies them, without reading them.
  var unchangedBytes: UnsafeRawBufferPointer? { own == nil ? saved?.bytes : nil }

  /// Whether it was ever read from the checkpoint (or never was in one): for the tests.
  var wasRead: Bool { own != nil || saved!.readCount > 0 }

  public static func == (lhs: Self, rhs: Self) -> Bool { lhs.wrappedValue == rhs.wrappedValue }

  public init(from decoder: Decoder) throws { own = try decoder.singleValueContainer().decode(Value.self) }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(wrappedValue)
  }
}
