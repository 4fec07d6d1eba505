internal import COpenSSL

/// Whether `a` and `b` hold the same bytes, in time that does not depend on where they differ.
///
/// Use it for MACs and tokens. Lengths are compared openly: they are not secret.
public func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    guard !a.isEmpty else { return true }
    return a.withUnsafeBytes { aBytes in
        b.withUnsafeBytes { bBytes in
            CRYPTO_memcmp(aBytes.baseAddress, bBytes.baseAddress, aBytes.count) == 0
        }
    }
}
