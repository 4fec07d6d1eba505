internal import COpenSSL

/// One-shot OpenSSL digests, shared by ``SHA256`` and ``SHA384``.
enum MessageDigest {
    /// The digest of `data` with OpenSSL's `algorithm` (an `EVP_MD`).
    static func hash(_ data: some Collection<UInt8>, algorithm: OpaquePointer) -> [UInt8] {
        // Hashing in one piece needs contiguous bytes; copy only collections that are not.
        if let digest = data.withContiguousStorageIfAvailable({ hash(buffer: $0, algorithm: algorithm) }) {
            return digest
        }
        return Array(data).withUnsafeBufferPointer { hash(buffer: $0, algorithm: algorithm) }
    }

    private static func hash(buffer: UnsafeBufferPointer<UInt8>, algorithm: OpaquePointer) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        var placeholder: UInt8 = 0
        let status = withUnsafeMutablePointer(to: &placeholder) { placeholderPointer in
            digest.withUnsafeMutableBufferPointer { digestBuffer in
                // EVP_Digest wants a real pointer even for empty input.
                EVP_Digest(
                    buffer.baseAddress ?? UnsafePointer(placeholderPointer), buffer.count,
                    digestBuffer.baseAddress, &length, algorithm, nil)
            }
        }
        // Hashing memory we hold cannot fail short of OpenSSL being unusable.
        guard status == 1 else {
            let messages = OpenSSLErrorQueue.drain().joined(separator: "; ")
            preconditionFailure("OpenSSL could not compute a digest: \(messages)")
        }
        return Array(digest.prefix(Int(length)))
    }
}
