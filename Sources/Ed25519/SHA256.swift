internal import COpenSSL

/// SHA-256 (FIPS 180-4), the hash of the Data Integrity `eddsa-*-2022` suites.
public enum SHA256 {
    /// The 32-byte SHA-256 digest of `data`.
    public static func hash(_ data: some Collection<UInt8>) -> [UInt8] {
        MessageDigest.hash(data, algorithm: EVP_sha256())
    }
}
