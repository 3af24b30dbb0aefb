import ClaimsDomain

/// Reads line frames at scan speed: fixed-width compares over raw memory, the 64 hex digits of
/// `prev` checked eight at a time, and the `recorded` of the previous line reused when the bytes
/// are the same (every line of a batch shares it). Accepts exactly the lines that
/// `LineFrame.diagnose` accepts, and gives the same frame; tests hold the two side by side.
struct LineFrameReader {
  /// The last `recorded` text read, as three 8-byte words, and its value.
  private var recordedText: (UInt64, UInt64, UInt64) = (0, 0, 0)
  private var recorded: Timestamp?

  init() {}

  /// The frame of one line (without its `\n`), or nil when it is not a journal line.
  static func frame(of line: UnsafeRawBufferPointer) -> LineFrame? {
    var reader = LineFrameReader()
    return reader.frame(of: line)
  }

  // The fixed parts of the frame, as little-endian words (see LineFrame's keys).
  private static let seqKey = word(#"{"seq":"#)  // 7 bytes
  private static let recordedKey = (word(#","record"#), word(#"ed":""#))  // 8 + 5 bytes
  private static let prevKey = (word(#"","prev""#), word(#":""#))  // 8 + 2 bytes
  private static let batchKey = (word(#"","batch"#), word(#"":["#))  // 8 + 3 bytes

  /// Up to 8 ASCII bytes packed as they lie in memory on a little-endian machine.
  private static func word(_ text: String) -> UInt64 {
    var value: UInt64 = 0
    for (index, byte) in text.utf8.enumerated() { value |= UInt64(byte) << (8 * UInt64(index)) }
    return value
  }

  /// The frame of one line, or nil when it is not a journal line.
  mutating func frame(of line: UnsafeRawBufferPointer) -> LineFrame? {
    // The shortest frame: {"seq":1,"recorded":"<24>","prev":"<64>","batch":[1,1],} is 135 bytes;
    // below that `diagnose` refuses too. Past this guard every fixed-width read is in bounds.
    let count = line.count
    guard count >= 135, let p = line.baseAddress else { return nil }
    guard Self.bytes(p, 0, 7) == Self.seqKey else { return nil }
    var cursor = 7
    guard let seq = Self.integer(p, count, &cursor) else { return nil }
    // From here on the frame has a fixed width up to the batch numbers: 13 + 24 + 10 + 64 + 11.
    guard cursor + 122 <= count,
      Self.bytes(p, cursor, 8) == Self.recordedKey.0,
      Self.bytes(p, cursor + 8, 5) == Self.recordedKey.1
    else { return nil }
    cursor += 13
    guard let recorded = timestamp(p + cursor) else { return nil }
    cursor += 24
    guard Self.bytes(p, cursor, 8) == Self.prevKey.0, Self.bytes(p, cursor + 8, 2) == Self.prevKey.1
    else { return nil }
    cursor += 10
    let prevOffset = cursor
    guard Self.isLowercaseHex64(p + cursor) else { return nil }
    cursor += 64
    guard Self.bytes(p, cursor, 8) == Self.batchKey.0,
      Self.bytes(p, cursor + 8, 3) == Self.batchKey.1
    else { return nil }
    cursor += 11
    guard let index = Self.integer(p, count, &cursor), cursor < count,
      p.load(fromByteOffset: cursor, as: UInt8.self) == 0x2C
    else { return nil }
    cursor += 1
    guard let batchCount = Self.integer(p, count, &cursor), cursor + 2 <= count,
      p.load(fromByteOffset: cursor, as: UInt8.self) == 0x5D,
      p.load(fromByteOffset: cursor + 1, as: UInt8.self) == 0x2C,
      index >= 1, index <= batchCount
    else { return nil }
    cursor += 2
    guard count > cursor, p.load(fromByteOffset: count - 1, as: UInt8.self) == 0x7D else {
      return nil
    }
    return LineFrame(
      seq: seq, recorded: recorded, prevOffset: prevOffset, batchIndex: index,
      batchCount: batchCount,
      bodyOffset: cursor)
  }

  /// The 24 bytes of `recorded`, reusing the last value when they are unchanged.
  private mutating func timestamp(_ p: UnsafeRawPointer) -> Timestamp? {
    let text = (
      p.loadUnaligned(as: UInt64.self), p.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
      p.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
    )
    if let recorded, text == recordedText { return recorded }
    guard let parsed = Timestamp(utf8: UnsafeRawBufferPointer(start: p, count: 24)) else {
      return nil
    }
    (recordedText, recorded) = (text, parsed)
    return parsed
  }

  /// `count` (1...8) bytes at `offset`, packed as `word` packs text.
  @inline(__always)
  private static func bytes(_ p: UnsafeRawPointer, _ offset: Int, _ count: Int) -> UInt64 {
    var value: UInt64 = 0
    for index in 0..<count {
      value |= UInt64(p.load(fromByteOffset: offset + index, as: UInt8.self)) << (8 * UInt64(index))
    }
    return value
  }

  /// A decimal of 1 to 12 digits without a leading zero (but "0" itself), as `diagnose` reads.
  @inline(__always)
  private static func integer(_ p: UnsafeRawPointer, _ count: Int, _ cursor: inout Int) -> Int? {
    let start = cursor
    var value = 0
    while cursor < count, cursor - start < 12 {
      let digit = p.load(fromByteOffset: cursor, as: UInt8.self) &- 0x30
      guard digit < 10 else { break }
      value = value &* 10 &+ Int(digit)
      cursor += 1
    }
    guard cursor > start,
      p.load(fromByteOffset: start, as: UInt8.self) != 0x30 || cursor - start == 1
    else { return nil }
    return value
  }

  /// Whether the 64 bytes at `p` are all 0-9 or a-f: eight bytes at a time in a UInt64.
  @inline(__always)
  private static func isLowercaseHex64(_ p: UnsafeRawPointer) -> Bool {
    let high: UInt64 = 0x8080_8080_8080_8080
    let ones: UInt64 = 0x0101_0101_0101_0101
    var valid = high
    for offset in stride(from: 0, to: 64, by: 8) {
      let x = p.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      // For bytes below 0x80 no sum carries into the next byte; a byte's high bit then says
      // whether it reached the bound. Bytes of 0x80 and above are refused outright.
      let atLeastZero = x &+ ones &* (0x80 - 0x30)
      let aboveNine = x &+ ones &* (0x7F - 0x39)
      let atLeastA = x &+ ones &* (0x80 - 0x61)
      let aboveF = x &+ ones &* (0x7F - 0x66)
      let inRange = (atLeastZero & ~aboveNine) | (atLeastA & ~aboveF)
      valid &= inRange & ~x
    }
    return valid == high
  }
}
