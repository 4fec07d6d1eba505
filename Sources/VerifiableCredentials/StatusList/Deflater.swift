/// A small DEFLATE compressor (RFC 1951): greedy LZ77 over a 32 KiB window with hash chains,
/// written as one fixed-Huffman block, or as stored blocks when that would be smaller.
///
/// A status list is almost all zero bytes, which LZ77 turns into a few hundred length-258 copies;
/// dynamic Huffman tables would save little there. Output is deterministic: the same input
/// always gives the same bytes.
enum Deflater {
    private static let windowSize = 32768
    private static let minimumMatch = 3
    private static let maximumMatch = 258
    /// How many earlier positions with the same 3-byte hash to try; bounds the work per byte.
    private static let maximumChain = 64
    private static let hashBits = 15

    /// Compresses `input` into a complete DEFLATE stream.
    static func deflate(_ input: [UInt8]) -> [UInt8] {
        let fixed = deflateWithFixedCodes(input)
        let storedSize = input.count + 5 * max(1, (input.count + 65534) / 65535)
        return fixed.count <= storedSize ? fixed : deflateStored(input)
    }

    /// Stored blocks of at most 65,535 bytes each (RFC 1951 §3.2.4): never more than 5 bytes of
    /// overhead per block, which is the fallback for incompressible input.
    private static func deflateStored(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count + 5 * (input.count / 65535 + 1))
        var start = 0
        repeat {
            let length = min(65535, input.count - start)
            let isFinal = start + length == input.count
            output.append(isFinal ? 1 : 0)
            output += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8 & 0xFF)]
            output += input[start..<start + length]
            start += length
        } while start < input.count
        return output
    }

    private static func deflateWithFixedCodes(_ input: [UInt8]) -> [UInt8] {
        var writer = DeflateBitWriter(reservingCapacity: input.count / 8 + 64)
        writer.write(1, bits: 1)  // BFINAL: this is the only block
        writer.write(1, bits: 2)  // BTYPE 01: fixed Huffman codes
        let hashMask = (1 << hashBits) - 1
        let windowMask = windowSize - 1
        var head = [Int32](repeating: -1, count: 1 << hashBits)
        var previous = [Int32](repeating: -1, count: windowSize)
        func hash(_ position: Int) -> Int {
            (Int(input[position]) << 10 ^ Int(input[position + 1]) << 5 ^ Int(input[position + 2])) & hashMask
        }
        func insert(_ position: Int) {
            guard position + minimumMatch <= input.count else { return }
            let key = hash(position)
            previous[position & windowMask] = head[key]
            head[key] = Int32(position)
        }

        var position = 0
        while position < input.count {
            var bestLength = 0
            var bestDistance = 0
            let longestPossible = min(maximumMatch, input.count - position)
            if longestPossible >= minimumMatch {
                var candidate = Int(head[hash(position)])
                var chain = maximumChain
                // A chain slot is overwritten once its position leaves the window, so stop there.
                while candidate >= 0, position - candidate <= windowSize, chain > 0 {
                    if input[candidate + bestLength] == input[position + bestLength] {
                        var length = 0
                        while length < longestPossible && input[candidate + length] == input[position + length] { length += 1 }
                        if length > bestLength {
                            (bestLength, bestDistance) = (length, position - candidate)
                            if length == longestPossible { break }
                        }
                    }
                    let next = Int(previous[candidate & windowMask])
                    guard next < candidate else { break }
                    candidate = next
                    chain -= 1
                }
            }
            if bestLength >= minimumMatch {
                writeLength(bestLength, to: &writer)
                writeDistance(bestDistance, to: &writer)
                for inserted in position..<position + bestLength { insert(inserted) }
                position += bestLength
            } else {
                writeLiteralLength(Int(input[position]), to: &writer)
                insert(position)
                position += 1
            }
        }
        writeLiteralLength(256, to: &writer)
        return writer.finish()
    }

    /// The fixed literal/length code of RFC 1951 §3.2.6.
    private static func writeLiteralLength(_ symbol: Int, to writer: inout DeflateBitWriter) {
        switch symbol {
        case 0...143: writer.writeCode(0x30 + symbol, length: 8)
        case 144...255: writer.writeCode(0x190 + symbol - 144, length: 9)
        case 256...279: writer.writeCode(symbol - 256, length: 7)
        default: writer.writeCode(0xC0 + symbol - 280, length: 8)
        }
    }

    private static func writeLength(_ length: Int, to writer: inout DeflateBitWriter) {
        // The last base not above `length`; 258 thus gets its own symbol 285, never 284 plus 31.
        let index = DeflateTables.lengthBase.lastIndex { $0 <= length }!
        writeLiteralLength(257 + index, to: &writer)
        writer.write(length - DeflateTables.lengthBase[index], bits: DeflateTables.lengthExtraBits[index])
    }

    private static func writeDistance(_ distance: Int, to writer: inout DeflateBitWriter) {
        let index = DeflateTables.distanceBase.lastIndex { $0 <= distance }!
        writer.writeCode(index, length: 5)
        writer.write(distance - DeflateTables.distanceBase[index], bits: DeflateTables.distanceExtraBits[index])
    }
}
