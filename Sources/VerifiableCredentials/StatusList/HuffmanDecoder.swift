/// A canonical Huffman code (RFC 1951 §3.2.2) turned into one lookup table indexed by the next
/// `maximumLength` input bits, so each symbol costs one peek and one table read.
struct HuffmanDecoder {
    /// `symbol << 4 | codeLength` for every bit pattern; 0 where no code matches.
    private let table: [UInt32]
    private let maximumLength: Int

    /// Builds the decoder from each symbol's code length (0 = symbol unused).
    ///
    /// Refuses over-subscribed length sets, which no real code has. Incomplete sets are refused
    /// too unless `allowsIncomplete`, and then only a lone code of length 1 (one distance used)
    /// or no code at all (no back-references), the two cases zlib accepts.
    init(lengths: ArraySlice<Int>, allowsIncomplete: Bool) throws(CredentialError) {
        var countOfLength = [Int](repeating: 0, count: 16)
        for length in lengths {
            guard (0...15).contains(length) else { throw Inflater.corrupt("a Huffman code length above 15") }
            countOfLength[length] += 1
        }
        countOfLength[0] = 0
        let codeCount = countOfLength.reduce(0, +)
        let longest = countOfLength.lastIndex { $0 > 0 } ?? 0
        var unusedCodes = 1
        for length in 1...15 {
            unusedCodes = unusedCodes * 2 - countOfLength[length]
            guard unusedCodes >= 0 else { throw Inflater.corrupt("an over-subscribed Huffman code") }
        }
        if unusedCodes > 0 {
            let tolerated = allowsIncomplete && (codeCount == 0 || (codeCount == 1 && longest == 1))
            guard tolerated else { throw Inflater.corrupt("an incomplete Huffman code") }
        }

        // First code of each length (RFC 1951 §3.2.2 step 2).
        var nextCode = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1...15 {
            code = (code + countOfLength[length - 1]) << 1
            nextCode[length] = code
        }
        var table = [UInt32](repeating: 0, count: 1 << longest)
        for (symbol, length) in zip(0..., lengths) where length > 0 {
            // Codes are sent most significant bit first but the reader delivers bits least
            // significant first, so the table is indexed by the reversed code.
            var reversed = 0
            var value = nextCode[length]
            for _ in 0..<length {
                reversed = reversed << 1 | value & 1
                value >>= 1
            }
            nextCode[length] += 1
            let entry = UInt32(symbol << 4 | length)
            var index = reversed
            while index < table.count {
                table[index] = entry
                index += 1 << length
            }
        }
        self.table = table
        self.maximumLength = longest
    }

    /// Reads one symbol.
    func decode(_ reader: inout DeflateBitReader) throws(CredentialError) -> Int {
        let entry = table[Int(reader.peek(maximumLength))]
        let length = Int(entry & 0xF)
        guard length > 0 else { throw Inflater.corrupt("a bit pattern that is no Huffman code") }
        reader.skip(length)
        return Int(entry >> 4)
    }
}
