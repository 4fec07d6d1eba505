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
        bytes.withUnsafeMutableBytes { fill($0) }
        return bytes
    }

    /// Overwrites `buffer` with random bytes.
    static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        guard RAND_bytes(base.assumingMemoryBound(to: UInt8.self), Int32(buffer.count)) == 1 else {
            let messages = OpenSSLErrorQueue.drain().joined(separator: "; ")
            preconditionFailure("OpenSSL's random generator failed: \(messages)")
        }
    }
}

/// A `RandomNumberGenerator` backed by ``SecureRandom``, for `Int.random(in:using:)` and
/// `shuffled(using:)` where the choice must be unpredictable (status-list indexes, tokens).
public struct SecureRandomNumberGenerator: RandomNumberGenerator, Sendable {
    /// A generator; it has no state of its own, so any number of them may be made.
    public init() {}

    /// 64 random bits.
    public mutating func next() -> UInt64 {
        var value: UInt64 = 0
        withUnsafeMutableBytes(of: &value) { SecureRandom.fill($0) }
        return value
    }
}
