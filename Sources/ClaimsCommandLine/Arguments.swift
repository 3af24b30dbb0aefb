/// A usage error: the command line itself is wrong (exit 2).
public struct UsageError: Error, Equatable, Sendable {
  public let message: String
  public init(_ message: String) { self.message = message }
}

/// Parsed arguments of one subcommand: positionals in order and `--name value` options.
struct Arguments {
  var positionals: [String] = []
  var options: [String: String] = [:]
  var flags: Set<String> = []

  /// Parses `words` against the options the command takes (`valued`) and its flags; anything
  /// else starting with `--` is a usage error. A lone `-` is a positional (standard input).
  init(_ words: [String], valued: Set<String>, flags allowedFlags: Set<String> = []) throws(UsageError) {
    var index = 0
    while index < words.count {
      let word = words[index]
      index += 1
      guard word.hasPrefix("--") else {
        positionals.append(word)
        continue
      }
      var name = String(word.dropFirst(2))
      var inlineValue: String?
      if let equals = name.firstIndex(of: "=") {
        inlineValue = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }
      if allowedFlags.contains(name) {
        flags.insert(name)
        continue
      }
      guard valued.contains(name) else { throw UsageError("unknown option --\(name)") }
      guard options[name] == nil else { throw UsageError("--\(name) is given twice") }
      if let inlineValue {
        options[name] = inlineValue
      } else {
        guard index < words.count else { throw UsageError("--\(name) needs a value") }
        options[name] = words[index]
        index += 1
      }
    }
  }

  func positional(_ index: Int, _ name: String) throws(UsageError) -> String {
    guard index < positionals.count else { throw UsageError("missing \(name)") }
    return positionals[index]
  }

  func expectPositionals(_ count: Int) throws(UsageError) {
    guard positionals.count <= count else {
      throw UsageError("unexpected argument \"\(positionals[count])\"")
    }
  }

  func required(_ name: String) throws(UsageError) -> String {
    guard let value = options[name] else { throw UsageError("--\(name) is required") }
    return value
  }

  func integer(_ name: String) throws(UsageError) -> Int? {
    guard let text = options[name] else { return nil }
    guard let value = Int(text), value >= 0 else {
      throw UsageError("--\(name) must be a whole number, not \"\(text)\"")
    }
    return value
  }
}
