import Ed25519
import Synchronization

/// Randomness as a parameter: the operating system's CSPRNG in production, a seeded sequence in
/// tests so that ids and status indexes are reproducible.
public protocol RandomSource: Sendable {
    /// 64 random bits.
    func next() -> UInt64
}

extension RandomSource {
    /// A uniform integer in `0..<upperBound` (rejection sampling, no modulo bias).
    public func uniform(below upperBound: Int) -> Int {
        precondition(upperBound > 0)
        let bound = UInt64(upperBound)
        let limit = UInt64.max - UInt64.max % bound
        while true {
            let value = next()
            if value < limit { return Int(value % bound) }
        }
    }

    /// A random identifier of `length` Crockford base-32 digits (5 bits each).
    public func identifier(length: Int) -> String {
        let digits = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        return String((0..<length).map { _ in digits[uniform(below: 32)] })
    }
}

/// OpenSSL's CSPRNG.
public struct SystemRandomSource: RandomSource {
    /// The system source.
    public init() {}
    public func next() -> UInt64 {
        var generator = SecureRandomNumberGenerator()
        return generator.next()
    }
}

/// A reproducible sequence (SplitMix64) for tests. Thread-safe.
public final class SeededRandomSource: RandomSource {
    private let state: Mutex<UInt64>

    /// A sequence from a seed.
    public init(seed: UInt64) {
        state = Mutex(seed)
    }

    public func next() -> UInt64 {
        state.withLock { state in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
