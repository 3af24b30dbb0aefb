/// CSV from other systems (RFC 4180), the counterpart of `CSVWriter`: records of fields split
/// by commas, ended by CRLF or LF; a quoted field may hold commas, line breaks and doubled
/// quotes. A leading UTF-8 byte order mark is skipped, because spreadsheet programs write one.
/// Every record carries the line of the file it starts on (line 1 is the first), so that a
/// reader of the file can be told where a problem is.
public enum CSVReader {
  public struct Record: Equatable, Sendable {
    /// The line of the file the record starts on; a quoted line break makes a record span more.
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) { (self.line, self.fields) = (line, fields) }
  }

  /// Splits `bytes` into records. A file that ends with a line break has no empty last record;
  /// an empty line elsewhere is a record of one empty field, as RFC 4180 has it.
  public static func records(_ bytes: [UInt8]) throws(CSVReadError) -> [Record] {
    var scanner = Scanner(bytes: bytes)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.position = 3 }
    var records: [Record] = []
    while !scanner.atEnd {
      records.append(try scanner.record())
    }
    return records
  }

  /// The state of one pass over the bytes: where it is, and on which line.
  struct Scanner {
    let bytes: [UInt8]
    var position = 0
    var line = 1

    static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")

    var atEnd: Bool { position >= bytes.count }

    /// Reads one record and the line break after it, if any.
    mutating func record() throws(CSVReadError) -> Record {
      let start = line
      var fields: [String] = []
      while true {
        fields.append(try field())
        if atEnd { break }
        if bytes[position] == Self.comma {
          position += 1
          continue
        }
        skipLineBreak()
        break
      }
      return Record(line: start, fields: fields)
    }

    /// Reads one field, stopping before the comma or line break that ends it.
    mutating func field() throws(CSVReadError) -> String {
      if !atEnd, bytes[position] == Self.quote { return try quotedField() }
      let start = position
      while !atEnd {
        let byte = bytes[position]
        if byte == Self.comma || byte == Self.lf || isCRLF { break }
        if byte == Self.quote {
          throw CSVReadError(
            line: line,
            reason: "a quote inside an unquoted field (quote the whole field and double the quote)")
        }
        if byte == Self.cr {
          throw CSVReadError(line: line, reason: "a carriage return not followed by a line feed")
        }
        position += 1
      }
      return try text(bytes[start..<position])
    }

    mutating func quotedField() throws(CSVReadError) -> String {
      let opened = line
      position += 1
      var content: [UInt8] = []
      while true {
        guard !atEnd else {
          throw CSVReadError(
            line: opened, reason: "a quoted field opened on line \(opened) is never closed")
        }
        let byte = bytes[position]
        position += 1
        if byte == Self.quote {
          if !atEnd, bytes[position] == Self.quote {
            content.append(Self.quote)
            position += 1
            continue
          }
          break
        }
        if byte == Self.lf { line += 1 }
        content.append(byte)
      }
      guard atEnd || bytes[position] == Self.comma || bytes[position] == Self.lf || isCRLF else {
        throw CSVReadError(line: line, reason: "text after the closing quote of a field")
      }
      return try text(content[...])
    }

    var isCRLF: Bool {
      position + 1 < bytes.count && bytes[position] == Self.cr && bytes[position + 1] == Self.lf
    }

    mutating func skipLineBreak() {
      position += isCRLF ? 2 : 1
      line += 1
    }

    func text(_ slice: some Collection<UInt8>) throws(CSVReadError) -> String {
      guard let text = String(validating: slice, as: UTF8.self) else {
        throw CSVReadError(line: line, reason: "the text is not valid UTF-8")
      }
      return text
    }
  }
}

/// Why a CSV file could not be read, and on which line.
public struct CSVReadError: Error, Equatable, Sendable, CustomStringConvertible {
  public var line: Int
  public var reason: String

  public init(line: Int, reason: String) { (self.line, self.reason) = (line, reason) }

  public var description: String { "line \(line): \(reason)" }
}
