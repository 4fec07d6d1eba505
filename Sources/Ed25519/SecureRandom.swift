internal import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's CSPRNG (seeded by the OS).
public enum SecureRandom {
    /// `count` random bytes.
    ///
    /// - Warning: Traps if OpenSSL's generator cannot produce output; continuing with weak
    ///   randomness would be worse than stopping.
    public static func bytes(count: Int) -> [UInt8] {
        precondition(count >= 0, "a byte count cannot be negative")
        var bytes = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return bytes }
        let status = bytes.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32($0.count)) }
        guard status == 1 else {
            let messages = OpenSSLErrorQueue.drain().joined(separator: "; ")
            preconditionFailure("OpenSSL's random generator failed: \(messages)")
        }
        return bytes
    }
}

/// A `RandomNumberGenerator` backed by ``SecureRandom``, for `Int.random(in:using:)` and
/// `shuffled(using:)` where the choice must be unpredictable (status-list indexes, tokens).
public struct SecureRandomNumberGenerator: RandomNumberGenerator, Sendable {
    /// A generator; it has no state of its own, so any number of them may be made.
    public init() {}

    /// 64 random bits.
    public mutating func next() -> UInt64 {
        SecureRandom.bytes(count: 8).reduce(0) { ($0 << 8) | UInt64($1) }
    }
}
