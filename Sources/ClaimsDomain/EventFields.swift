/// The typed reads an event decoder makes, field by field. Two readers implement it: the
/// `FieldReader`, which finds a field wherever it stands and words every error, and the
/// `CanonicalFields`, which reads the ledger's own canonical form in one forward pass and gives up
/// at the first surprise. The decoder is written once against this protocol.
protocol EventFields {
  mutating func text(_ key: StaticString) throws(EventDecodingError) -> String
  mutating func identifier(_ key: StaticString) throws(EventDecodingError) -> String
  /// The identifier, as `previous` itself when they are equal: lines that repeat a value (an
  /// approval's ruleset hash on each of its lines) then share one string.
  mutating func identifier(_ key: StaticString, reusing previous: String?) throws(EventDecodingError) -> String
  mutating func region(_ key: StaticString) throws(EventDecodingError) -> String
  mutating func integer(_ key: StaticString, in range: ClosedRange<Int>) throws(EventDecodingError) -> Int
  mutating func bool(_ key: StaticString) throws(EventDecodingError) -> Bool
  mutating func money(_ key: StaticString, allowZero: Bool) throws(EventDecodingError) -> Money
  mutating func date(_ key: StaticString) throws(EventDecodingError) -> CivilDate
  mutating func residentID(_ key: StaticString) throws(EventDecodingError) -> ResidentID
  mutating func code<Code: RawRepresentable & CaseIterable>(_ key: StaticString, as: Code.Type)
    throws(EventDecodingError) -> Code where Code.RawValue == String
  /// Whether the field is present and not null.
  func has(_ key: StaticString) -> Bool
  mutating func objectList<Element>(_ key: StaticString, _ read: (inout Self) throws(EventDecodingError) -> Element)
    throws(EventDecodingError) -> [Element]
  mutating func stringList<Element>(_ key: StaticString, _ convert: (String) throws(EventDecodingError) -> Element)
    throws(EventDecodingError) -> [Element]
  func invalid(_ key: StaticString, _ reason: String) -> EventDecodingError
}

extension EventFields {
  mutating func identifier(_ key: StaticString, reusing previous: String?) throws(EventDecodingError) -> String {
    let value = try identifier(key)
    return value == previous ? previous! : value
  }

  mutating func money(_ key: StaticString) throws(EventDecodingError) -> Money { try money(key, allowZero: false) }

  mutating func optionalText(_ key: StaticString) throws(EventDecodingError) -> String? {
    has(key) ? try text(key) : nil
  }

  mutating func optionalIdentifier(_ key: StaticString) throws(EventDecodingError) -> String? {
    has(key) ? try identifier(key) : nil
  }

  mutating func optionalInteger(_ key: StaticString, in range: ClosedRange<Int>) throws(EventDecodingError) -> Int? {
    has(key) ? try integer(key, in: range) : nil
  }

  mutating func optionalCode<Code: RawRepresentable & CaseIterable>(_ key: StaticString, as: Code.Type)
    throws(EventDecodingError) -> Code? where Code.RawValue == String
  {
    has(key) ? try code(key, as: Code.self) : nil
  }
}
