/// CRC-32 as gzip (RFC 1952 §8) and zlib compute it: the reflected IEEE 802.3 polynomial
/// 0xEDB88320, initial value and final XOR 0xFFFFFFFF.
struct CRC32 {
    private static let table: [UInt32] = (0..<256).map { byte in
        var value = UInt32(byte)
        for _ in 0..<8 { value = value & 1 == 1 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1 }
        return value
    }

    private var register: UInt32 = 0xFFFF_FFFF

    init() {}

    /// Feeds more bytes into the running checksum.
    mutating func update(_ bytes: ArraySlice<UInt8>) {
        var crc = register
        for byte in bytes { crc = Self.table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        register = crc
    }

    /// The checksum of everything fed so far.
    var value: UInt32 { register ^ 0xFFFF_FFFF }

    /// The checksum of `bytes` in one call.
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes[...])
        return crc.value
    }
}
