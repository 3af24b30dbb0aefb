/// What the `claims` process leaves to the operating system. A command's state at 10 M events
/// is millions of small allocations, which took seconds to free one by one just before the
/// process exited and the kernel took its memory back whole. The executable turns this on;
/// it is off for every other caller (the tests run many commands in one process).
public enum ProcessEnd {
  nonisolated(unsafe) public static var leavesMemoryToTheSystem = false
  nonisolated(unsafe) static var kept: [Any] = []

  /// Keeps `value` until the process exits, when on; an extra reference only, so a value that
  /// is not changed afterwards is not copied.
  public static func keep(_ value: Any) {
    if leavesMemoryToTheSystem { kept.append(value) }
  }
}
