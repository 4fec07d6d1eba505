internal import COpenSSL

/// SHA-384 (FIPS 180-4), for suites and canonicalization tests that use it.
public enum SHA384 {
    /// The 48-byte SHA-384 digest of `data`.
    public static func hash(_ data: some Collection<UInt8>) -> [UInt8] {
        MessageDigest.hash(data, algorithm: EVP_sha384())
    }
}
