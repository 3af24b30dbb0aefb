import ClaimsTestSupport
import Foundation
import Testing

@testable import ClaimsJournal

/// A mapped file whose pages are mapped in or given back by range: the bytes read are the
/// file's either way.
@Suite struct MappedFileTests {
  @Test func pagesGivenBackAreReadFromTheFileAgain() throws {
    let folder = TemporaryFolder()
    let path = folder.path("bytes")
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let bytes = (0..<(5 * page + 123)).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 251) }
    TemporaryFolder.writeBytes(path, bytes)
    for populate in [true, false] {
      let mapped = try OpenFile(path: path, writable: false).map(populate: populate)
      mapped.populate(page..<(3 * page))
      #expect(Array(mapped.bytes) == bytes)
      // A reader going front to back: each call gives back whole pages and says where they end.
      var released = 0
      for end in [100, page + 1, 3 * page, 3 * page + 5, bytes.count] {
        released = mapped.release(released..<end)
        #expect(released <= end && released % page == 0)
      }
      #expect(released == 5 * page)
      #expect(Array(mapped.bytes) == bytes)
      // A part read on its own gives back the pages it shares with its neighbours too.
      #expect(mapped.release((page + 7)..<(2 * page + 9), rounding: .outward) == 3 * page)
      #expect(mapped.range(of: UnsafeRawBufferPointer(rebasing: mapped.bytes[(page + 7)..<(2 * page + 9)])) == (page + 7)..<(2 * page + 9))
      #expect(Array(mapped.bytes) == bytes)
    }
  }

  @Test func rangesAreRoundedToPagesInwardOrOutward() throws {
    let folder = TemporaryFolder()
    let path = folder.path("bytes")
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    TemporaryFolder.writeBytes(path, [UInt8](repeating: 1, count: 3 * page + 10))
    let mapped = try OpenFile(path: path, writable: false).map(populate: false)
    #expect(mapped.pages(within: 1..<(2 * page + 1), rounding: .inward) == page..<(2 * page))
    #expect(mapped.pages(within: 1..<(2 * page + 1), rounding: .outward) == 0..<(3 * page))
    #expect(mapped.pages(within: 1..<(page - 1), rounding: .inward) == nil)
    // Never past the file's end, nor before its start.
    #expect(mapped.pages(within: (3 * page)..<(10 * page), rounding: .outward) == (3 * page)..<(3 * page + 10))
    #expect(mapped.pages(within: -5..<3, rounding: .outward) == 0..<page)
  }
}
