import Foundation
import TestSupport
import Testing

@testable import Zlib

/// The bounded inflater over zlib: every format, the limit, and damaged or hostile input.
@Suite("zlib: bounded inflate")
struct BoundedInflaterTests {
    static let text = Array(String(repeating: "A status list is almost all zero bytes. ", count: 2000).utf8)

    @Test("round trip through each format", arguments: [DeflateFormat.raw, .zlib, .gzip])
    func roundTrip(format: DeflateFormat) throws {
        for input in [[], [0x41], Self.text, [UInt8](repeating: 0, count: 1 << 20)] as [[UInt8]] {
            let compressed = Deflater.deflate(input, format: format)
            #expect(try BoundedInflater.inflate(compressed, format: format, limit: input.count) == input)
        }
    }

    @Test("Python's zlib reads our zlib and raw output, and we read its output")
    func pythonZlib() throws {
        let script = """
            import sys, zlib
            data = bytes.fromhex(sys.argv[1]); raw = bytes.fromhex(sys.argv[2])
            assert zlib.decompress(data) == raw and zlib.decompress(bytes.fromhex(sys.argv[3]), -15) == raw
            print(zlib.compress(raw, 9).hex())
            """
        let input = Array(Self.text.prefix(5000))
        let hex = { (bytes: [UInt8]) in bytes.map { String(format: "%02x", $0) }.joined() }
        let result = try ExternalTool.run([
            "python3", "-c", script, hex(Deflater.deflate(input, format: .zlib)), hex(input), hex(Deflater.deflate(input, format: .raw)),
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let python = try #require(Self.bytes(hex: result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(try BoundedInflater.inflate(python, format: .zlib, limit: input.count) == input)
    }

    @Test("stops at the limit: exactly the limit is fine, one byte less is refused", arguments: [DeflateFormat.raw, .zlib, .gzip])
    func limit(format: DeflateFormat) throws {
        let compressed = Deflater.deflate([UInt8](repeating: 7, count: 10_000), format: format)
        #expect(try BoundedInflater.inflate(compressed, format: format, limit: 10_000).count == 10_000)
        let error = #expect(throws: ZlibError.self) { try BoundedInflater.inflate(compressed, format: format, limit: 9_999) }
        #expect(error?.code == .tooLarge)
    }

    @Test("a bomb (1 GiB of zeros in about 1 MiB) is refused at a 16 MiB limit", .timeLimit(.minutes(1)))
    func bomb() throws {
        // 1 GiB of zeros as 1,024 concatenated gzip members of one MiB each: cheap to build, huge to inflate.
        let oneMemberGzip = Deflater.deflate([UInt8](repeating: 0, count: 1 << 20), format: .gzip)
        let members = [[UInt8]](repeating: oneMemberGzip, count: 1024).flatMap { $0 }
        #expect(members.count < 2 << 20)
        let error = #expect(throws: ZlibError.self) { try BoundedInflater.inflate(members, format: .gzip, limit: 16 << 20) }
        #expect(error?.code == .tooLarge)
    }

    @Test("zlib data: bytes after the end of the stream are ignored, as PDF readers do")
    func zlibTrailingBytes() throws {
        let compressed = Deflater.deflate(Self.text, format: .zlib) + Array("\r\nendstream".utf8)
        #expect(try BoundedInflater.inflate(compressed, format: .zlib, limit: 1 << 20) == Self.text)
    }

    @Test("gzip data: concatenated members are read, trailing bytes refused")
    func gzipMembers() throws {
        let joined = Deflater.deflate(Array("status ".utf8), format: .gzip) + Deflater.deflate(Array("list".utf8), format: .gzip)
        #expect(try BoundedInflater.inflate(joined, format: .gzip, limit: 100) == Array("status list".utf8))
        for trailing in [[0], Array("garbage".utf8)] as [[UInt8]] {
            #expect(throws: ZlibError.self) { try BoundedInflater.inflate(joined + trailing, format: .gzip, limit: 100) }
        }
    }

    @Test("every truncation is refused as truncated or corrupt", arguments: [DeflateFormat.raw, .zlib, .gzip])
    func truncation(format: DeflateFormat) {
        let complete = Deflater.deflate(Array(Self.text.prefix(3000)), format: format)
        for length in 0..<complete.count {
            let error = #expect(throws: ZlibError.self, "prefix of \(length) bytes") {
                try BoundedInflater.inflate(Array(complete.prefix(length)), format: format, limit: 1 << 20)
            }
            #expect(error?.code == .truncated || error?.code == .corrupt)
        }
    }

    @Test("random bytes as DEFLATE data end in an error or in bounded output, never a crash")
    func randomDeflate() {
        var generator = SeededGenerator(seed: 99)
        for round in 0..<3000 {
            let length = Int.random(in: 0..<200, using: &generator)
            let input = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            do {
                let output = try BoundedInflater.inflate(input, format: .raw, limit: 1 << 16)
                #expect(output.count <= 1 << 16, "round \(round)")
            } catch {
                #expect([.corrupt, .truncated, .tooLarge].contains(error.code), "round \(round)")
            }
        }
    }

    @Test("refuses malformed DEFLATE: block type 3, stored length mismatch, a distance before the start, bad symbols")
    func malformedDeflate() {
        var reservedType = DeflateBitWriter()
        reservedType.write(1, bits: 1)
        reservedType.write(3, bits: 2)
        var storedMismatch = DeflateBitWriter()
        storedMismatch.write(1, bits: 8)  // BFINAL, stored, padding
        storedMismatch.write(5, bits: 16)
        storedMismatch.write(0xFFFF, bits: 16)  // should be ~5
        var distanceTooFar = DeflateBitWriter()
        distanceTooFar.write(1, bits: 1)
        distanceTooFar.write(1, bits: 2)  // fixed Huffman
        distanceTooFar.writeCode(1, length: 7)  // symbol 257: length 3
        distanceTooFar.writeCode(0, length: 5)  // distance 1, but nothing was written yet
        distanceTooFar.writeCode(0, length: 7)  // end of block
        var unusedLengthSymbol = DeflateBitWriter()
        unusedLengthSymbol.write(1, bits: 1)
        unusedLengthSymbol.write(1, bits: 2)
        unusedLengthSymbol.writeCode(0xC0 + 286 - 280, length: 8)  // symbol 286 does not exist
        var unusedDistanceSymbol = DeflateBitWriter()
        unusedDistanceSymbol.write(1, bits: 1)
        unusedDistanceSymbol.write(1, bits: 2)
        unusedDistanceSymbol.writeCode(0x30 + 0x41, length: 8)  // literal "A"
        unusedDistanceSymbol.writeCode(1, length: 7)  // length 3
        unusedDistanceSymbol.writeCode(30, length: 5)  // distance symbol 30 does not exist
        let streams = [reservedType, storedMismatch, distanceTooFar, unusedLengthSymbol, unusedDistanceSymbol]
        for (number, var stream) in streams.enumerated() {
            let deflate = stream.finish()
            let error = #expect(throws: ZlibError.self, "stream \(number)") {
                try BoundedInflater.inflate(deflate + [0, 0, 0, 0], format: .raw, limit: 1000)
            }
            #expect(error?.code == .corrupt, "stream \(number)")
        }
    }

    @Test("Huffman codes: over-subscribed and incomplete sets refused, a lone distance code or none tolerated")
    func huffmanCodeSets() throws {
        // Over-subscribed code-length code: three codes of length 1.
        var overSubscribedCodeLengths = DeflateBitWriter()
        overSubscribedCodeLengths.startDynamicBlock(literalLengthCount: 257, distanceCount: 1, codeLengthLengths: [16: 1, 17: 1, 18: 1])
        // Incomplete code-length code: one code of length 1.
        var incompleteCodeLengths = DeflateBitWriter()
        incompleteCodeLengths.startDynamicBlock(literalLengthCount: 257, distanceCount: 1, codeLengthLengths: [1: 1])
        // Over-subscribed literal/length code: 257 codes of length 1 (the code-length code: 1 -> "0", 18 -> "1").
        var overSubscribedLiterals = DeflateBitWriter()
        overSubscribedLiterals.startDynamicBlock(literalLengthCount: 257, distanceCount: 1, codeLengthLengths: [1: 1, 18: 1])
        for _ in 0..<258 { overSubscribedLiterals.writeCode(0, length: 1) }
        for (number, var stream) in [overSubscribedCodeLengths, incompleteCodeLengths, overSubscribedLiterals].enumerated() {
            let deflate = stream.finish()
            let error = #expect(throws: ZlibError.self, "stream \(number)") {
                try BoundedInflater.inflate(deflate + [0, 0, 0, 0], format: .raw, limit: 1000)
            }
            #expect(error?.code == .corrupt, "stream \(number)")
        }
        // "A" and end-of-block as the only literal/length codes, and one distance code of length 1, or none.
        for distanceLength in [1, 0] {
            var block = DeflateBitWriter()
            // Code-length code: 0 -> "0", 1 -> "10", 18 -> "11".
            block.startDynamicBlock(literalLengthCount: 257, distanceCount: 1, codeLengthLengths: [0: 1, 1: 2, 18: 2])
            block.writeCode(3, length: 2)
            block.write(65 - 11, bits: 7)  // 65 zeros: symbols 0...64
            block.writeCode(2, length: 2)  // "A": length 1
            block.writeCode(3, length: 2)
            block.write(127, bits: 7)  // 138 zeros
            block.writeCode(3, length: 2)
            block.write(52 - 11, bits: 7)  // 52 zeros: up to symbol 255
            block.writeCode(2, length: 2)  // end of block: length 1
            block.writeCode(distanceLength == 1 ? 2 : 0, length: distanceLength == 1 ? 2 : 1)
            block.writeCode(0, length: 1)  // "A"
            block.writeCode(1, length: 1)  // end of block
            #expect(try BoundedInflater.inflate(block.finish(), format: .raw, limit: 10) == [0x41], "distance length \(distanceLength)")
        }
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16) }
            .reduce(into: [UInt8]?([])) { result, byte in
                guard let byte else { return result = nil }
                result?.append(byte)
            }
    }
}

/// SplitMix64: a tiny seeded generator, so "random" test data is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
