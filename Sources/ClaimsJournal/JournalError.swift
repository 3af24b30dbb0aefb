import ClaimsDomain

/// Why a journal cannot be used: its integrity is broken, it is not there, or the system failed.
/// The one place that words these messages.
public enum JournalError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file was altered, damaged or lost lines that were acknowledged. Never repaired.
  case integrity(line: Int?, reason: String)
  case notAJournal(path: String, reason: String)
  case file(FileError)

  public var description: String {
    switch self {
    case .integrity(let line?, let reason): "integrity error at line \(line): \(reason)"
    case .integrity(nil, let reason): "integrity error: \(reason)"
    case .notAJournal(let path, let reason): "\(path) is not a journal: \(reason)"
    case .file(let error): error.description
    }
  }
}
