import ClaimsTestSupport
import Foundation
import Testing

/// The HTML report in a real browser: headless Chromium parses it (its DOM holds every SVG
/// element of the file, and the Chinese text decoded) and draws it (a screenshot that is not
/// blank).
///
/// How "not blank" is judged without decoding the PNG (that would need an inflater, and the
/// project links no zlib): a PNG's pixels are deflate-compressed in its IDAT chunks, and an
/// image of one colour compresses to almost nothing. So Chromium also draws an empty page of
/// the same size and background, and the report's IDAT must be many times larger than the
/// empty page's. Reading the chunks also checks the file is a PNG of the size asked for.
@Suite struct ReportChromiumTests {
  static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }
  static let missing = "chromium not found: install the Debian package chromium"
  static let width = 1000
  static let height = 3000

  @Test(
    "Chromium parses and draws the report",
    .enabled(
      if: chromium != nil || runningInCI, "chromium not found: install the Debian package chromium")
  )
  func chromiumParsesAndDrawsTheReport() throws {
    let chromium = try #require(Self.chromium, "\(Self.missing)")
    let scenario = try ReportScenario.shared()
    let folder = TemporaryFolder("claims-chromium")
    let report = folder.path("report.html")
    #expect(try ClaimsBinary.run(["report", scenario.path, "--html", report]).status == 0)
    let html = String(decoding: TemporaryFolder.bytes(report), as: UTF8.self)
    let blank = folder.write(
      "blank.html", "<!DOCTYPE html>\n<html><body style=\"background: #ffffff\"></body></html>\n")

    let dom = try Self.run(
      chromium, ["--dump-dom", URL(fileURLWithPath: report).absoluteString], folder)
    for element in ["<svg", "<rect", "<polyline", "<circle", "<table", "<figure"] {
      #expect(Self.count(element, dom) == Self.count(element, html), "\(element) in the DOM")
    }
    #expect(Self.count("<svg", dom) >= 3)
    #expect(dom.contains("id=\"findings\""))
    #expect(dom.contains("职业技能培训补贴台账报告"))

    let shot = folder.path("report.png")
    let empty = folder.path("blank.png")
    _ = try Self.run(
      chromium, ["--screenshot=\(shot)", URL(fileURLWithPath: report).absoluteString], folder)
    _ = try Self.run(
      chromium, ["--screenshot=\(empty)", URL(fileURLWithPath: blank).absoluteString], folder)
    let drawn = try #require(PNGChunks(TemporaryFolder.bytes(shot)), "the screenshot is not a PNG")
    let plain = try #require(
      PNGChunks(TemporaryFolder.bytes(empty)), "the empty page's screenshot is not a PNG")
    #expect(drawn.width == Self.width && drawn.height == Self.height)
    #expect(plain.width == Self.width && plain.height == Self.height)
    #expect(
      drawn.imageDataBytes > 8 * plain.imageDataBytes,
      "report \(drawn.imageDataBytes) bytes, empty page \(plain.imageDataBytes)")
  }

  static func count(_ needle: String, _ text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  /// Runs headless Chromium with a fresh profile; returns what it printed. Stops it after two
  /// minutes so that a browser that hangs fails the test instead of stalling the suite.
  static func run(_ chromium: String, _ arguments: [String], _ folder: TemporaryFolder) throws
    -> String
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium)
    process.arguments =
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--no-first-run", "--force-device-scale-factor=1", "--window-size=\(width),\(height)",
        "--user-data-dir=\(folder.path("profile"))",
      ] + arguments
    process.environment = ProcessInfo.processInfo.environment.merging(["HOME": folder.url.path]) {
      $1
    }
    // Output goes to files: a pipe that nobody reads would block a large --dump-dom.
    let outPath = folder.path("chromium.out")
    FileManager.default.createFile(atPath: outPath, contents: nil)
    FileManager.default.createFile(atPath: folder.path("chromium.err"), contents: nil)
    process.standardOutput = FileHandle(forWritingAtPath: outPath)
    process.standardError = FileHandle(forWritingAtPath: folder.path("chromium.err"))
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    try process.run()
    if finished.wait(timeout: .now() + 120) == .timedOut {
      process.terminate()
      throw ChromiumFailure(description: "chromium did not finish in 2 minutes: \(arguments)")
    }
    guard process.terminationStatus == 0 else {
      let err = String(decoding: TemporaryFolder.bytes(folder.path("chromium.err")), as: UTF8.self)
      throw ChromiumFailure(
        description: "chromium exited \(process.terminationStatus): \(err.suffix(2000))")
    }
    return String(decoding: TemporaryFolder.bytes(outPath), as: UTF8.self)
  }

  struct ChromiumFailure: Error, CustomStringConvertible {
    var description: String
  }
}

/// The chunks of a PNG file, read far enough to know its size and how many bytes of
/// compressed image data (IDAT) it holds: the signature, then length, type, data and CRC for
/// each chunk, from IHDR to IEND.
struct PNGChunks {
  var width = 0
  var height = 0
  var imageDataBytes = 0

  init?(_ bytes: [UInt8]) {
    guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
    func integer(at offset: Int) -> Int {
      bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
    }
    var offset = 8
    var sawEnd = false
    while offset + 12 <= bytes.count, !sawEnd {
      let length = integer(at: offset)
      let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
      guard offset + 12 + length <= bytes.count else { return nil }
      switch type {
      case "IHDR" where length >= 8:
        (width, height) = (integer(at: offset + 8), integer(at: offset + 12))
      case "IDAT":
        imageDataBytes += length
      case "IEND":
        sawEnd = true
      default:
        break
      }
      offset += 12 + length
    }
    guard sawEnd, width > 0, height > 0, imageDataBytes > 0 else { return nil }
  }
}
