import Foundation
import Testing
import Zlib

@testable import VerifiableCredentials

/// Inputs of different character: incompressible, text, runs of zeros, status-list-like, tiny.
enum GzipSample: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case empty, oneByte, random64KiB, random1MiB, text256KiB, zeros64KiB, zeros1MiB, sparseBits16KiB

    var testDescription: String { rawValue }

    var bytes: [UInt8] {
        switch self {
        case .empty: []
        case .oneByte: [0x41]
        case .random64KiB: StatusListTestSupport.randomBytes(65_536, seed: 1)
        case .random1MiB: StatusListTestSupport.randomBytes(1 << 20, seed: 2)
        case .text256KiB: StatusListTestSupport.text(262_144, seed: 3)
        case .zeros64KiB: [UInt8](repeating: 0, count: 65_536)
        case .zeros1MiB: [UInt8](repeating: 0, count: 1 << 20)
        case .sparseBits16KiB:
            // A 131,072-entry status list with about 1% of entries set.
            (0..<16_384).map { UInt8(truncatingIfNeeded: $0 % 97 == 0 ? 1 << ($0 % 8) : 0) }
        }
    }
}

@Suite("gzip and DEFLATE (RFC 1952, RFC 1951)")
struct GzipTests {
    private static let pythonGzip = """
        import gzip, io, sys
        level = int(sys.argv[1])
        buffer = io.BytesIO()
        with gzip.GzipFile(filename="sample.bin", mode="wb", fileobj=buffer, compresslevel=level, mtime=0) as output:
            output.write(sys.stdin.buffer.read())
        sys.stdout.buffer.write(buffer.getvalue())
        """

    @Test("inflates what the real gzip makes at levels 1, 6 and 9", arguments: GzipSample.allCases, [1, 6, 9])
    func inflatesGzipOutput(sample: GzipSample, level: Int) throws {
        let original = sample.bytes
        let compressed = try StatusListTestSupport.runSucceeding(["gzip", "-c", "-n", "-\(level)"], input: original)
        #expect(try Gzip.decompress(compressed, maximumBytes: 1 << 24) == original)
    }

    @Test(
        "inflates what Python's gzip makes, stored (level 0) and level 9, with a file name header", arguments: GzipSample.allCases, [0, 9])
    func inflatesPythonOutput(sample: GzipSample, level: Int) throws {
        let original = sample.bytes
        let compressed = try StatusListTestSupport.runSucceeding(["python3", "-c", Self.pythonGzip, String(level)], input: original)
        #expect(compressed[3] & 0x08 != 0, "Python should have written FNAME")
        #expect(try Gzip.decompress(compressed, maximumBytes: 1 << 24) == original)
    }

    @Test("gzip -d and Python accept what we make", arguments: GzipSample.allCases)
    func othersInflateOurOutput(sample: GzipSample) throws {
        let original = sample.bytes
        let compressed = Gzip.compress(original)
        #expect(try StatusListTestSupport.runSucceeding(["gzip", "-d", "-c"], input: compressed) == original)
        let python = "import gzip, sys; sys.stdout.buffer.write(gzip.decompress(sys.stdin.buffer.read()))"
        #expect(try StatusListTestSupport.runSucceeding(["python3", "-c", python], input: compressed) == original)
        #expect(try Gzip.decompress(compressed, maximumBytes: 1 << 24) == original)
    }

    @Test("our output is deterministic: modification time 0, OS 255, same bytes every time")
    func deterministic() {
        let original = GzipSample.text256KiB.bytes
        let first = Gzip.compress(original)
        #expect(first == Gzip.compress(original))
        #expect(Array(first[0..<10]) == [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF])
    }

    @Test("compresses a status list well: 16 KiB of zeros in under 200 bytes; random data grows by < 0.1%")
    func compressionRatio() {
        #expect(Gzip.compress([UInt8](repeating: 0, count: 16_384)).count < 200)
        let random = GzipSample.random64KiB.bytes
        #expect(Gzip.compress(random).count < random.count + random.count / 1000 + 18)
    }

    @Test("concatenated members decompress to the concatenation (RFC 1952 §2.2)")
    func multipleMembers() throws {
        let first = Array("status ".utf8)
        let second = Array("list".utf8)
        let joined = Gzip.compress(first) + (try StatusListTestSupport.runSucceeding(["gzip", "-c", "-n"], input: second))
        #expect(try Gzip.decompress(joined, maximumBytes: 100) == first + second)
    }

    @Test("reads headers with an extra field, name, comment and header CRC, and refuses a wrong header CRC")
    func optionalHeaderFields() throws {
        let plain = Gzip.compress(Array("hello, status list".utf8))
        var header: [UInt8] = [0x1F, 0x8B, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 0xFF]
        header += [3, 0, 0x41, 0x42, 0x43]  // FEXTRA: length 3
        header += Array("name.bin".utf8) + [0]
        header += Array("a comment".utf8) + [0]
        let headerCRC = CRC32.checksum(header)
        let withFields = header + [UInt8(headerCRC & 0xFF), UInt8(headerCRC >> 8 & 0xFF)] + plain[10...]
        #expect(try Gzip.decompress(withFields, maximumBytes: 100) == Array("hello, status list".utf8))
        #expect(try StatusListTestSupport.runSucceeding(["gzip", "-d", "-c"], input: withFields) == Array("hello, status list".utf8))
        var badCRC = withFields
        badCRC[header.count] ^= 0xFF
        #expect(throws: CredentialError.self) { try Gzip.decompress(badCRC, maximumBytes: 100) }
    }

    @Test("refuses every truncation of a valid stream")
    func refusesTruncation() {
        let complete = Gzip.compress(GzipSample.text256KiB.bytes.prefix(3000).map { $0 })
        for length in 0..<complete.count {
            #expect(throws: CredentialError.self, "prefix of \(length) bytes") {
                try Gzip.decompress(Array(complete.prefix(length)), maximumBytes: 1 << 20)
            }
        }
    }

    @Test("refuses a wrong CRC-32, a wrong length, bad magic, another method, reserved flags and trailing bytes")
    func refusesDamage() throws {
        let valid = Gzip.compress(Array("the quick brown fox".utf8))
        let count = valid.count
        var damaged: [String: [UInt8]] = [:]
        damaged["CRC-32"] = valid.enumerated().map { $0.offset == count - 8 ? $0.element ^ 1 : $0.element }
        damaged["ISIZE"] = valid.enumerated().map { $0.offset == count - 4 ? $0.element ^ 1 : $0.element }
        damaged["magic"] = [0x1F, 0x8C] + valid[2...]
        damaged["method"] = [0x1F, 0x8B, 7] + valid[3...]
        damaged["reserved flags"] = [0x1F, 0x8B, 8, 0x20] + valid[4...]
        damaged["trailing byte"] = valid + [0]
        damaged["trailing garbage"] = valid + Array("garbage".utf8)
        damaged["not gzip at all"] = Array("H4sI this is text".utf8)
        for (name, bytes) in damaged {
            #expect(throws: CredentialError.self, "\(name)") { try Gzip.decompress(bytes, maximumBytes: 1000) }
        }
        let error = #expect(throws: CredentialError.self) { try Gzip.decompress(damaged["CRC-32"]!, maximumBytes: 1000) }
        #expect(error?.code == .invalidGzip)
    }

    @Test("stops at the size limit: exactly the limit is fine, one byte less is refused")
    func sizeLimit() throws {
        let compressed = Gzip.compress([UInt8](repeating: 7, count: 10_000))
        #expect(try Gzip.decompress(compressed, maximumBytes: 10_000).count == 10_000)
        let error = #expect(throws: CredentialError.self) { try Gzip.decompress(compressed, maximumBytes: 9_999) }
        #expect(error?.code == .gzipSizeLimitExceeded)
    }

    @Test("refuses a gzip bomb (100 MiB of zeros, made by Python) at the 16 MiB default", .timeLimit(.minutes(1)))
    func refusesBomb() throws {
        let script = "import gzip, sys; sys.stdout.buffer.write(gzip.compress(bytes(100 * 1024 * 1024), 9, mtime=0))"
        let bomb = try StatusListTestSupport.runSucceeding(["python3", "-c", script])
        #expect(bomb.count < 200_000)
        let error = #expect(throws: CredentialError.self) {
            try Gzip.decompress(bomb, maximumBytes: BitstringStatusList.defaultMaximumBytes)
        }
        #expect(error?.code == .gzipSizeLimitExceeded)
    }
}
