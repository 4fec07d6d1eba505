import CanonicalJSON

/// The hash function RDFC-1.0 uses for blank-node hashes: SHA-256 by default, SHA-384 for suites
/// that ask for it.
public struct HashAlgorithm: Sendable {
    /// The algorithm's name as the RDFC-1.0 test manifest writes it (`SHA256`, `SHA384`).
    public let name: String
    private let digest: @Sendable ([UInt8]) -> [UInt8]

    /// A custom hash function (for example a hardware-accelerated SHA-256 from another library).
    public init(name: String, digest: @escaping @Sendable ([UInt8]) -> [UInt8]) {
        self.name = name
        self.digest = digest
    }

    /// SHA-256, the RDFC-1.0 default and the hash of `eddsa-rdfc-2022`.
    public static let sha256 = HashAlgorithm(name: "SHA256") { SHA2.sha256($0) }

    /// SHA-384, used by RDFC-1.0 for suites such as `ecdsa-rdfc-2019` with P-384.
    public static let sha384 = HashAlgorithm(name: "SHA384") { SHA2.sha384($0) }

    /// The digest of `bytes`.
    public func hash(_ bytes: [UInt8]) -> [UInt8] { digest(bytes) }

    /// The digest of the UTF-8 encoding of `text` as lowercase hexadecimal, as RDFC-1.0 compares hashes.
    public func hexHash(_ text: String) -> String { Hex.encode(digest(Array(text.utf8))) }
}
