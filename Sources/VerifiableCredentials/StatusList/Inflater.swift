/// A DEFLATE decompressor (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// It refuses anything malformed instead of guessing: reserved block types, bad stored-block
/// lengths, impossible Huffman codes, symbols outside the alphabet, distances reaching before the
/// start of the stream, and input that ends early. Output stops at a caller-given limit.
enum Inflater {
    static func corrupt(_ what: String) -> CredentialError {
        CredentialError(Gzip.invalidCode, "the DEFLATE data is corrupt: it contains \(what)")
    }

    /// The order in which a dynamic block sends the code-length code's lengths (RFC 1951 §3.2.7).
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    // The fixed codes of RFC 1951 §3.2.6; they are complete, so building them cannot fail.
    private static let fixedLiteralLength = try! HuffmanDecoder(
        lengths: ArraySlice(
            Array(repeating: 8, count: 144) + Array(repeating: 9, count: 112) + Array(repeating: 7, count: 24)
                + Array(repeating: 8, count: 8)),
        allowsIncomplete: false)
    private static let fixedDistance = try! HuffmanDecoder(lengths: ArraySlice(Array(repeating: 5, count: 32)), allowsIncomplete: false)

    /// Inflates one DEFLATE stream that starts at `input[offset]`, appending to `output`.
    /// - Returns: the offset of the first byte after the stream.
    static func inflate(_ input: [UInt8], from offset: Int, into output: inout InflateOutput) throws(CredentialError) -> Int {
        var reader = DeflateBitReader(input, byteOffset: offset)
        let streamStart = output.count
        var isFinalBlock = false
        while !isFinalBlock {
            isFinalBlock = reader.read(1) == 1
            let blockType = reader.read(2)
            guard !reader.overran else { throw truncated }
            switch blockType {
            case 0:
                try inflateStoredBlock(&reader, into: &output)
            case 1:
                try inflateCodes(&reader, fixedLiteralLength, fixedDistance, into: &output, streamStart: streamStart)
            case 2:
                let (literalLength, distance) = try readDynamicCodes(&reader)
                try inflateCodes(&reader, literalLength, distance, into: &output, streamStart: streamStart)
            default:
                throw corrupt("the reserved block type 3")
            }
        }
        reader.alignToByte()
        return reader.byteOffset
    }

    private static var truncated: CredentialError {
        CredentialError(Gzip.invalidCode, "the DEFLATE data ends before its last block does; it is truncated")
    }

    private static func inflateStoredBlock(_ reader: inout DeflateBitReader, into output: inout InflateOutput) throws(CredentialError) {
        guard let header = reader.readBytes(4) else { throw truncated }
        let length = Int(header[header.startIndex]) | Int(header[header.startIndex + 1]) << 8
        let complement = Int(header[header.startIndex + 2]) | Int(header[header.startIndex + 3]) << 8
        guard length == complement ^ 0xFFFF else { throw corrupt("a stored block whose length and its complement disagree") }
        guard let bytes = reader.readBytes(length) else { throw truncated }
        try output.append(contentsOf: bytes)
    }

    private static func readDynamicCodes(_ reader: inout DeflateBitReader) throws(CredentialError) -> (HuffmanDecoder, HuffmanDecoder) {
        let literalLengthCount = reader.read(5) + 257
        let distanceCount = reader.read(5) + 1
        let codeLengthCount = reader.read(4) + 4
        guard literalLengthCount <= 286, distanceCount <= 30 else { throw corrupt("more length or distance codes than exist") }
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for position in 0..<codeLengthCount { codeLengthLengths[codeLengthOrder[position]] = reader.read(3) }
        guard !reader.overran else { throw truncated }
        let codeLengthDecoder = try HuffmanDecoder(lengths: codeLengthLengths[...], allowsIncomplete: false)

        let total = literalLengthCount + distanceCount
        var lengths: [Int] = []
        lengths.reserveCapacity(total)
        while lengths.count < total {
            let symbol = try codeLengthDecoder.decode(&reader)
            var repeated: Int
            var count: Int
            switch symbol {
            case 0...15:
                lengths.append(symbol)
                continue
            case 16:
                guard let previous = lengths.last else { throw corrupt("a repeat of the previous code length at the very start") }
                (repeated, count) = (previous, 3 + reader.read(2))
            case 17: (repeated, count) = (0, 3 + reader.read(3))
            default: (repeated, count) = (0, 11 + reader.read(7))
            }
            guard count <= total - lengths.count else { throw corrupt("code lengths repeated past the end of the table") }
            lengths.append(contentsOf: repeatElement(repeated, count: count))
        }
        guard !reader.overran else { throw truncated }
        guard lengths[256] > 0 else { throw corrupt("a block without an end-of-block code") }
        let literalLength = try HuffmanDecoder(lengths: lengths[0..<literalLengthCount], allowsIncomplete: true)
        let distance = try HuffmanDecoder(lengths: lengths[literalLengthCount...], allowsIncomplete: true)
        return (literalLength, distance)
    }

    private static func inflateCodes(
        _ reader: inout DeflateBitReader, _ literalLength: HuffmanDecoder, _ distanceCode: HuffmanDecoder,
        into output: inout InflateOutput, streamStart: Int
    ) throws(CredentialError) {
        while true {
            let symbol = try literalLength.decode(&reader)
            if symbol < 256 {
                try output.append(UInt8(symbol))
            } else if symbol == 256 {
                guard !reader.overran else { throw truncated }
                return
            } else {
                let lengthIndex = symbol - 257
                guard lengthIndex < DeflateTables.lengthBase.count else { throw corrupt("the unused length symbol \(symbol)") }
                let length = DeflateTables.lengthBase[lengthIndex] + reader.read(DeflateTables.lengthExtraBits[lengthIndex])
                let distanceSymbol = try distanceCode.decode(&reader)
                guard distanceSymbol < DeflateTables.distanceBase.count else {
                    throw corrupt("the unused distance symbol \(distanceSymbol)")
                }
                let distance = DeflateTables.distanceBase[distanceSymbol] + reader.read(DeflateTables.distanceExtraBits[distanceSymbol])
                guard !reader.overran else { throw truncated }
                guard distance <= output.count - streamStart else { throw corrupt("a distance reaching before the start of the data") }
                try output.copy(distance: distance, length: length)
            }
            guard !reader.overran else { throw truncated }
        }
    }
}
