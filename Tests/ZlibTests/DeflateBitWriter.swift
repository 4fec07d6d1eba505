/// Packs bits into bytes for a DEFLATE stream, least significant bit of each byte first, so tests
/// can write malformed streams bit by bit.
struct DeflateBitWriter {
    private(set) var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var bufferedBits = 0

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

    /// The start of a final dynamic-Huffman block (RFC 1951 §3.2.7): the counts, then the
    /// code-length code's lengths (`codeLengthLengths[symbol]`) in the order the format sends them.
    mutating func startDynamicBlock(literalLengthCount: Int, distanceCount: Int, codeLengthLengths: [Int: Int]) {
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        let sent = (order.lastIndex { codeLengthLengths[$0, default: 0] > 0 } ?? 0) + 1
        write(1, bits: 1)  // BFINAL
        write(2, bits: 2)  // BTYPE 10: dynamic Huffman codes
        write(literalLengthCount - 257, bits: 5)
        write(distanceCount - 1, bits: 5)
        write(max(4, sent) - 4, bits: 4)
        for symbol in order.prefix(max(4, sent)) { write(codeLengthLengths[symbol, default: 0], bits: 3) }
    }
}
