import ClaimsDomain
import ClaimsJournal
import ClaimsRules
import Testing

/// A rule library's key — what a checkpoint is keyed by — is decided by its files' bytes alone.
@Suite struct RuleLibraryKeyTests {
  /// The shipped library's key comes from hashes taken at build time; read from the bytes the
  /// binary carries, the same rulesets give the same key.
  @Test func theShippedKeyIsTheKeyOfTheShippedBytes() throws {
    let files = RuleLibrary.shippedFiles
    #expect(files.count >= 5)
    let read = try RuleLibrary(files: files)
    #expect(read.key == RuleLibrary.shipped.key)
    #expect(read.rulesets.map(\.id) == RuleLibrary.shipped.rulesets.map(\.id))
    #expect(Set(read.rulesets.map(\.sha256)) == Set(files.map { SHA256.hash($0.bytes).hex }))
  }

  /// The order the files come in does not matter; a file fewer, or one byte changed, does.
  @Test func theKeyFollowsTheBytesNotTheirOrder() throws {
    let files = RuleLibrary.shippedFiles
    let key = RuleLibrary.shipped.key
    #expect(try RuleLibrary(files: files.reversed()).key == key)
    #expect(try RuleLibrary(files: Array(files.dropLast())).key != key)
    var changed = files
    let last = changed.count - 1
    // A space more before the closing brace: the same rules, other bytes.
    let close = changed[last].bytes.lastIndex(of: UInt8(ascii: "}"))!
    changed[last].bytes.insert(UInt8(ascii: " "), at: close)
    let reread = try RuleLibrary(files: changed)
    #expect(reread.rulesets.map(\.id) == RuleLibrary.shipped.rulesets.map(\.id))
    #expect(reread.key != key)
  }
}
