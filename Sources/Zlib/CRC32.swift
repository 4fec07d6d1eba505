internal import CZlib

/// CRC-32 as gzip (RFC 1952 §8) and zlib compute it: the reflected IEEE 802.3 polynomial.
public enum CRC32 {
    /// The checksum of `bytes`.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            var crc = crc32(0, nil, 0)
            var start = 0
            // zlib takes a 32-bit length; feed larger inputs in pieces.
            while start < buffer.count {
                let length = min(buffer.count - start, Int(UInt32.max))
                crc = crc32(crc, buffer.baseAddress! + start, UInt32(length))
                start += length
            }
            return UInt32(truncatingIfNeeded: crc)
        }
    }
}
