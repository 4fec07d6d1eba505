/// Reads a DEFLATE stream's bits: least significant bit of each byte first (RFC 1951 §3.1.1).
///
/// Bits past the end of the input read as zero, so a Huffman lookup may peek its widest code near
/// the end; callers check `overran` after each step and refuse a truncated stream instead of
/// trusting invented bits.
struct DeflateBitReader {
    private let bytes: [UInt8]
    /// The next bit to read, counted from the start of `bytes`.
    private(set) var bitPosition: Int

    init(_ bytes: [UInt8], byteOffset: Int) {
        self.bytes = bytes
        self.bitPosition = byteOffset * 8
    }

    /// Whether any consumed bit lay beyond the input.
    var overran: Bool { bitPosition > bytes.count * 8 }

    /// The offset of the byte holding the next bit; after `alignToByte()`, the next whole byte.
    var byteOffset: Int { bitPosition >> 3 }

    /// The next `count` (at most 24) bits without consuming them, the first in the lowest position.
    func peek(_ count: Int) -> UInt32 {
        let index = bitPosition >> 3
        var word: UInt32 = 0
        if index + 4 <= bytes.count {
            word = UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24
        } else {
            for offset in 0..<4 where index + offset < bytes.count { word |= UInt32(bytes[index + offset]) << UInt32(8 * offset) }
        }
        return (word >> UInt32(bitPosition & 7)) & ((1 << UInt32(count)) - 1)
    }

    /// Consumes `count` bits.
    mutating func skip(_ count: Int) {
        bitPosition += count
    }

    /// Reads `count` (at most 24) bits as an integer, the first bit least significant.
    mutating func read(_ count: Int) -> Int {
        let value = peek(count)
        bitPosition += count
        return Int(value)
    }

    /// Drops the rest of the current byte, as stored blocks and the end of a stream require.
    mutating func alignToByte() {
        bitPosition = (bitPosition + 7) & ~7
    }

    /// Reads `count` whole bytes from the next byte boundary; `nil` when the input ends first.
    mutating func readBytes(_ count: Int) -> ArraySlice<UInt8>? {
        alignToByte()
        let start = bitPosition >> 3
        guard start <= bytes.count, count <= bytes.count - start else { return nil }
        bitPosition += count * 8
        return bytes[start..<start + count]
    }
}
