internal import COpenSSL

/// HMAC (RFC 2104), for authenticating webhooks and similar shared-secret messages.
public enum HMAC {
    /// The 32-byte HMAC-SHA256 of `message` under `key`.
    ///
    /// - Warning: Compare a received MAC with ``constantTimeEquals(_:_:)``, never with `==`,
    ///   or the comparison time tells an attacker how many leading bytes were right.
    public static func sha256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var mac = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = key.withNonNilBaseAddress { keyBase, keyCount in
            message.withNonNilBaseAddress { messageBase, messageCount in
                mac.withUnsafeMutableBufferPointer { macBuffer in
                    COpenSSL.HMAC(
                        EVP_sha256(), keyBase, Int32(keyCount), messageBase, messageCount,
                        macBuffer.baseAddress, &length)
                }
            }
        }
        // HMAC over memory we hold cannot fail short of OpenSSL being unusable.
        guard result != nil, length == 32 else {
            let messages = OpenSSLErrorQueue.drain().joined(separator: "; ")
            preconditionFailure("OpenSSL could not compute HMAC-SHA256: \(messages)")
        }
        return Array(mac.prefix(Int(length)))
    }
}
