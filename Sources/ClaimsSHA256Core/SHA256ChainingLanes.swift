/// The chaining words H0...H7 of as many messages as `Lanes` has lanes, lane i holding message
/// i's: what every lane width keeps between blocks. Inlinable and generic, so each lane code
/// gets its own copy, compiled with that code's flags.
public struct SHA256ChainingLanes<Lanes: SIMD> where Lanes.Scalar == UInt32 {
  public var h0: Lanes, h1: Lanes, h2: Lanes, h3: Lanes, h4: Lanes, h5: Lanes, h6: Lanes, h7: Lanes

  /// Every lane at the initial hash value.
  @inlinable
  public init() {
    let initial = sha256InitialHashValue
    (h0, h1, h2, h3) = (Lanes(repeating: initial.0), Lanes(repeating: initial.1),
      Lanes(repeating: initial.2), Lanes(repeating: initial.3))
    (h4, h5, h6, h7) = (Lanes(repeating: initial.4), Lanes(repeating: initial.5),
      Lanes(repeating: initial.6), Lanes(repeating: initial.7))
  }

  /// Writes lane `lane`'s eight words (its digest) to `words`, then puts the initial hash value
  /// back in that lane for its next message.
  @inlinable
  public mutating func finish(lane: Int, into words: UnsafeMutablePointer<UInt32>) {
    words[0] = h0[lane]; words[1] = h1[lane]; words[2] = h2[lane]; words[3] = h3[lane]
    words[4] = h4[lane]; words[5] = h5[lane]; words[6] = h6[lane]; words[7] = h7[lane]
    let initial = sha256InitialHashValue
    h0[lane] = initial.0; h1[lane] = initial.1; h2[lane] = initial.2; h3[lane] = initial.3
    h4[lane] = initial.4; h5[lane] = initial.5; h6[lane] = initial.6; h7[lane] = initial.7
  }
}
