/// Packs bits into bytes for a DEFLATE stream: least significant bit of each byte first.
struct DeflateBitWriter {
    private(set) var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var bufferedBits = 0

    init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Writes the low `count` bits of `value`, least significant first.
    mutating func write(_ value: Int, bits count: Int) {
        buffer |= UInt64(truncatingIfNeeded: value) << UInt64(bufferedBits)
        bufferedBits += count
        while bufferedBits >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            bufferedBits -= 8
        }
    }

    /// Writes a Huffman code, which DEFLATE sends most significant bit first.
    mutating func writeCode(_ code: Int, length: Int) {
        var reversed = 0
        var value = code
        for _ in 0..<length {
            reversed = reversed << 1 | value & 1
            value >>= 1
        }
        write(reversed, bits: length)
    }

    /// Pads the last byte with zero bits and returns everything written.
    mutating func finish() -> [UInt8] {
        if bufferedBits > 0 { write(0, bits: 8 - bufferedBits) }
        return bytes
    }
}
