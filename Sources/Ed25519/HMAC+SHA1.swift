internal import COpenSSL

extension HMAC {
    /// The 20-byte HMAC-SHA1 of `message` under `key`: what TOTP (RFC 6238) authenticator apps
    /// compute by default. HMAC-SHA1 is still a sound MAC; use ``sha256(key:message:)`` elsewhere.
    public static func sha1(key: [UInt8], message: [UInt8]) -> [UInt8] {
        mac(EVP_sha1(), length: 20, key: key, message: message)
    }

    /// The 64-byte HMAC-SHA512 of `message` under `key` (RFC 6238's third algorithm).
    public static func sha512(key: [UInt8], message: [UInt8]) -> [UInt8] {
        mac(EVP_sha512(), length: 64, key: key, message: message)
    }

    private static func mac(_ algorithm: OpaquePointer?, length expected: Int, key: [UInt8], message: [UInt8]) -> [UInt8] {
        var mac = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = key.withNonNilBaseAddress { keyBase, keyCount in
            message.withNonNilBaseAddress { messageBase, messageCount in
                mac.withUnsafeMutableBufferPointer { macBuffer in
                    COpenSSL.HMAC(algorithm, keyBase, Int32(keyCount), messageBase, messageCount, macBuffer.baseAddress, &length)
                }
            }
        }
        guard result != nil, Int(length) == expected else {
            let messages = OpenSSLErrorQueue.drain().joined(separator: "; ")
            preconditionFailure("OpenSSL could not compute an HMAC: \(messages)")
        }
        return Array(mac.prefix(Int(length)))
    }
}
