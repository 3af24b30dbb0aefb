import Foundation

/// A fresh folder under the system's temporary directory, removed when released.
public final class TemporaryFolder: @unchecked Sendable {
  public let url: URL

  public init(_ label: String = "claims-test") {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(label)-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  @discardableResult
  public func write(_ name: String, _ text: String) -> String {
    let file = path(name)
    try! Data(text.utf8).write(to: URL(fileURLWithPath: file))
    return file
  }

  public static func bytes(_ path: String) -> [UInt8] {
    (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? []
  }

  public static func writeBytes(_ path: String, _ bytes: [UInt8]) {
    try! Data(bytes).write(to: URL(fileURLWithPath: path))
  }
}

/// Whether a test that needs an external tool should fail rather than skip: CI sets CI=true.
public let runningInCI = ProcessInfo.processInfo.environment["CI"] == "true"
