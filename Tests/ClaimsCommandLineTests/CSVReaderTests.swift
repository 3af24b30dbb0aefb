import ClaimsDomain
import ClaimsReports
import Testing

/// The RFC 4180 reader behind `claims reconcile`, and its agreement with `CSVWriter`.
@Suite struct CSVReaderTests {
  func read(_ text: String) throws -> [CSVReader.Record] { try CSVReader.records(Array(text.utf8)) }

  func error(_ text: String) -> CSVReadError? {
    do {
      _ = try CSVReader.records(Array(text.utf8))
      return nil
    } catch { return error }
  }

  @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
    let records = try read("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",\"\"\nlast,\n")
    #expect(
      records.map(\.fields) == [
        ["a", "b"], ["x, y", "say \"hi\""], ["two\nlines", ""], ["last", ""],
      ])
    // A record is numbered by the line it starts on; the quoted line break moves the next one on.
    #expect(records.map(\.line) == [1, 2, 3, 5])
  }

  @Test func aByteOrderMarkIsSkippedAndAMissingLastLineBreakIsFine() throws {
    let records = try CSVReader.records([0xEF, 0xBB, 0xBF] + Array("h1,h2\n中文,2".utf8))
    #expect(records.map(\.fields) == [["h1", "h2"], ["中文", "2"]])
  }

  @Test func anEmptyLineIsARecordOfOneEmptyField() throws {
    #expect(try read("a\n\nb\n").map(\.fields) == [["a"], [""], ["b"]])
    #expect(try read("").isEmpty)
  }

  @Test func malformedTextIsRefusedWithItsLine() {
    #expect(
      error("a,b\nc,\"open\nstill open")
        == CSVReadError(line: 2, reason: "a quoted field opened on line 2 is never closed"))
    #expect(
      error("a\n\"x\"y,z")
        == CSVReadError(line: 2, reason: "text after the closing quote of a field"))
    #expect(
      error("a\nb\nx\"y")
        == CSVReadError(
          line: 3,
          reason: "a quote inside an unquoted field (quote the whole field and double the quote)"))
    #expect(
      error("a\rb")
        == CSVReadError(line: 1, reason: "a carriage return not followed by a line feed"))
    #expect((try? CSVReader.records(Array("a\n".utf8) + [0xFF, 0x0A])) == nil)
    #expect(error("a\n\u{1}") == nil)  // control characters are data, not structure
  }

  @Test func invalidUTF8NamesItsLine() {
    do {
      _ = try CSVReader.records(Array("ok\nok\n".utf8) + [0x61, 0xC3, 0x28])
      Issue.record("invalid UTF-8 was read")
    } catch {
      #expect(error == CSVReadError(line: 3, reason: "the text is not valid UTF-8"))
    }
  }

  /// Whatever `CSVWriter` writes, the reader gives back: seeded random fields drawn from the
  /// characters that need quoting.
  @Test func readsBackWhatTheWriterWrites() throws {
    var random = SplitMix64(seed: 0x00C5_F00D)
    let alphabet: [String] = ["a", "Z", "0", ",", "\"", "\n", "\r\n", " ", "中", "¥", ""]
    for round in 0..<200 {
      let columns = 1 + random.below(4)
      let rows = (0..<(1 + random.below(5))).map { _ in
        (0..<columns).map { _ in
          (0..<random.below(6)).map { _ in alphabet[random.below(alphabet.count)] }.joined()
        }
      }
      var writer = CSVWriter(header: rows[0])
      for row in rows.dropFirst() { writer.addRow(row) }
      // A single empty field is written as an empty line, which reads back as one empty field too.
      let read = try CSVReader.records(Array(writer.text.utf8)).map(\.fields)
      #expect(read == rows, "round \(round), seed 0x00C5F00D")
    }
  }
}
