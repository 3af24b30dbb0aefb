/// The typed reads an event decoder makes, field by field. Two readers implement it: the
/// `FieldReader`, which finds a field wherever it stands and words every error, and the
/// `CanonicalFields`, which reads the ledger's own canonical form in one forward pass and gives up
/// at the first surprise. The decoder is written once against this protocol.
protocol EventFields: AnyObject {
  func text(_ key: StaticString) throws(EventDecodingError) -> String
  func identifier(_ key: StaticString) throws(EventDecodingError) -> String
  func region(_ key: StaticString) throws(EventDecodingError) -> String
  func integer(_ key: StaticString, in range: ClosedRange<Int>) throws(EventDecodingError) -> Int
  func bool(_ key: StaticString) throws(EventDecodingError) -> Bool
  func money(_ key: StaticString, allowZero: Bool) throws(EventDecodingError) -> Money
  func date(_ key: StaticString) throws(EventDecodingError) -> CivilDate
  func residentID(_ key: StaticString) throws(EventDecodingError) -> ResidentID
  func code<Code: RawRepresentable & CaseIterable>(_ key: StaticString, as: Code.Type)
    throws(EventDecodingError) -> Code where Code.RawValue == String
  /// Whether the field is present and not null.
  func has(_ key: StaticString) -> Bool
  func objectList<Element>(_ key: StaticString, _ read: (Self) throws(EventDecodingError) -> Element)
    throws(EventDecodingError) -> [Element]
  func stringList<Element>(_ key: StaticString, _ convert: (String) throws(EventDecodingError) -> Element)
    throws(EventDecodingError) -> [Element]
  func invalid(_ key: StaticString, _ reason: String) -> EventDecodingError
}

extension EventFields {
  func money(_ key: StaticString) throws(EventDecodingError) -> Money { try money(key, allowZero: false) }

  func optionalText(_ key: StaticString) throws(EventDecodingError) -> String? {
    has(key) ? try text(key) : nil
  }

  func optionalIdentifier(_ key: StaticString) throws(EventDecodingError) -> String? {
    has(key) ? try identifier(key) : nil
  }

  func optionalInteger(_ key: StaticString, in range: ClosedRange<Int>) throws(EventDecodingError) -> Int? {
    has(key) ? try integer(key, in: range) : nil
  }

  func optionalCode<Code: RawRepresentable & CaseIterable>(_ key: StaticString, as: Code.Type)
    throws(EventDecodingError) -> Code? where Code.RawValue == String
  {
    has(key) ? try code(key, as: Code.self) : nil
  }
}
