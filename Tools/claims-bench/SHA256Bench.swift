// Placeholder until the SHA-256 benchmark lands.
func benchmarkSHA256(megabytes: Int) -> String { "sha256 benchmark: not yet written" }
