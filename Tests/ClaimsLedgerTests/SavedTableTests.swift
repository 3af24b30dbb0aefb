import ClaimsDomain
@testable import ClaimsLedger
import Testing

/// Bytes that outlive their reading, as a mapped checkpoint's do: what is read from them with
/// them as its owner may leave parts there (`SavedTable`).
final class KeptBytes {
  let buffer: UnsafeMutableRawBufferPointer

  init(_ bytes: [UInt8]) {
    buffer = .allocate(byteCount: max(bytes.count, 1), alignment: 8)
    buffer.copyMemory(from: UnsafeRawBufferPointer(start: bytes, count: bytes.count))
  }

  deinit { buffer.deallocate() }

  var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(buffer) }

  /// A value `BinaryEncoder` wrote, read with these bytes as its owner.
  func decode<Value: BinaryFastCodable>(_ type: Value.Type) throws -> Value {
    try BinaryDecoder().decode(from: bytes, owner: self) { try $0.field() as Value }
  }
}

/// A part of a checkpoint's state left in its file (`SavedTable`, `Deferred`): read once, when
/// first asked for; handed over, not copied, to be changed; and a part that matched the
/// checkpoint's hash but cannot be read stops the command instead of reading as empty.
@Suite struct SavedTableTests {
  static let table: [String: Int] = ["CL-1": 1, "CL-2": 20, "CL-3": 300]

  static func saved(_ kept: KeptBytes) -> SavedTable<[String: Int]> {
    SavedTable("table of tests", bytes: kept.bytes, owner: kept) { try $0.field() }
  }

  @Test func aSavedTableIsReadOnceWhenAskedFor() throws {
    let kept = KeptBytes(try BinaryEncoder().encode(Self.table))
    let saved = Self.saved(kept)
    var deferred = Deferred(saved: saved)
    let copy = deferred
    #expect(saved.readCount == 0)
    #expect(!deferred.wasRead)
    #expect(deferred.wrappedValue == Self.table)
    #expect(deferred.wrappedValue == Self.table)
    #expect(saved.readCount == 1)
    // Changed: the value read is handed over; the copy taken before still reads the bytes.
    deferred.wrappedValue["CL-4"] = 4_000
    #expect(saved.readCount == 1)
    #expect(deferred.wrappedValue["CL-4"] == 4_000)
    #expect(copy.wrappedValue == Self.table)
    #expect(saved.readCount == 2)
    // Equal by value, however held; coded as the value itself.
    #expect(copy == Deferred(wrappedValue: Self.table))
    #expect(try BinaryEncoder().encode(copy) == (try BinaryEncoder().encode(Self.table)))
  }

  @Test func aSavedTableThatCannotBeReadStopsTheCommand() async {
    let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      // A dictionary's count with no entries after it.
      let kept = KeptBytes([1, 5])
      _ = SavedTableTests.saved(kept).value
    }
    let message = String(decoding: stopped?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("the checkpoint's table of tests matched its SHA-256 but cannot be read"))
    #expect(message.contains("delete JOURNAL.checkpoint, or run `claims rebuild`"))
  }
}
