import CanonicalJSON
import Foundation
import Testing

@testable import VerifiableCredentials

/// One entry of `encoded-lists.json`.
struct EncodedListVector: CustomTestStringConvertible, Sendable {
    let source: String
    let encodedList: String
    let uncompressedBytes: Int
    let lengthBits: Int
    let setIndices: [Int]
    let meetsMinimum: Bool

    var testDescription: String { source }

    static func all() throws -> [EncodedListVector] {
        let file = try Fixture.json("w3c-vc-bitstring-status-list/encoded-lists.json")
        return try #require(file["lists"]?.arrayValue).map { list in
            EncodedListVector(
                source: list["source"]?.stringValue ?? "?", encodedList: list["encodedList"]?.stringValue ?? "",
                uncompressedBytes: Int(list["uncompressedBytes"]?.numberValue ?? -1),
                lengthBits: Int(list["lengthBits"]?.numberValue ?? -1),
                setIndices: (list["setIndicesMsbFirst"]?.arrayValue ?? []).compactMap { $0.numberValue.map(Int.init) },
                meetsMinimum: list["meetsMinimum131072"]?.boolValue ?? false)
        }
    }
}

@Suite("BitstringStatusList: bits, encoding, decoding")
struct BitstringStatusListTests {
    @Test("every vector list decodes to exactly its length and set indexes (MSB-first)", arguments: try EncodedListVector.all())
    func decodesVector(vector: EncodedListVector) throws {
        let list = try BitstringStatusList(encodedList: vector.encodedList)
        #expect(list.bitCount == vector.uncompressedBytes * 8)
        #expect(list.count == vector.lengthBits)
        #expect(list.meetsMinimumLength == vector.meetsMinimum)
        #expect(list.indexesWithNonZeroStatus() == vector.setIndices)
        for index in vector.setIndices { #expect(try list.status(at: index) == 1) }
    }

    @Test("the LSB-first legacy list does not show index 50000 as set; the MSB-first one does")
    func bitOrder() throws {
        let vectors = try EncodedListVector.all().filter { $0.source.contains("encodedList100KWith50KthRevoked") }
        try #require(vectors.count == 2)
        let statuses = try vectors.map { try BitstringStatusList(encodedList: $0.encodedList).status(at: 50_000) }
        #expect(statuses.sorted() == [0, 1])
        let legacy = try #require(vectors.first { $0.source.contains("legacy") })
        #expect(try BitstringStatusList(encodedList: legacy.encodedList).status(at: 50_000) == 0)
        #expect(try BitstringStatusList(encodedList: legacy.encodedList).status(at: 50_007) == 1)
    }

    @Test("a new list is all zero, has the minimum size and encodes with the multibase 'u' prefix")
    func newList() throws {
        let list = BitstringStatusList()
        #expect(list.count == 131_072)
        #expect(list.bitCount == 131_072)
        #expect(list.indexesWithNonZeroStatus().isEmpty)
        #expect(list.encodedList.hasPrefix("uH4sI"))
        #expect(try BitstringStatusList(encodedList: list.encodedList) == list)
    }

    @Test("round trip: random indexes set, encoded, decoded; nothing else set", arguments: [1 as UInt64, 2, 3])
    func roundTrip(seed: UInt64) throws {
        var generator = StatusListTestSupport.SeededGenerator(seed: seed)
        var list = BitstringStatusList()
        let indexes = Set((0..<500).map { _ in Int.random(in: 0..<131_072, using: &generator) })
        for index in indexes { try list.setStatus(1, at: index) }
        let decoded = try BitstringStatusList(encodedList: list.encodedList)
        #expect(decoded.indexesWithNonZeroStatus() == indexes.sorted())
        #expect(decoded == list)
        #expect(list.encodedList == decoded.encodedList, "encoding is deterministic")
    }

    @Test("uncompressedBits round-trips the stored form; entry 0 is the top bit of byte 0")
    func uncompressedBits() throws {
        var list = BitstringStatusList()
        try list.setStatus(1, at: 0)
        try list.setStatus(1, at: 15)
        #expect(list.uncompressedBits.count == 16_384)
        #expect(Array(list.uncompressedBits.prefix(2)) == [0x80, 0x01])
        #expect(BitstringStatusList(uncompressedBits: list.uncompressedBits) == list)
        #expect(BitstringStatusList(uncompressedBits: [0x40]).indexesWithNonZeroStatus() == [1])
    }

    @Test("Python's base64 and gzip read our encodedList with the same bits set")
    func pythonReadsOurList() throws {
        var list = BitstringStatusList()
        for index in [0, 7, 8, 94_567, 131_071] { try list.setStatus(1, at: index) }
        let script = """
            import base64, gzip, sys
            text = sys.stdin.read().strip()
            assert text[0] == "u"
            bits = gzip.decompress(base64.urlsafe_b64decode(text[1:] + "=" * (-len(text[1:]) % 4)))
            print(len(bits), [i for i in range(len(bits) * 8) if bits[i // 8] & (0x80 >> (i % 8))])
            """
        let output = try StatusListTestSupport.runSucceeding(["python3", "-c", script], input: Array(list.encodedList.utf8))
        #expect(String(decoding: output, as: UTF8.self) == "16384 [0, 7, 8, 94567, 131071]\n")
    }

    @Test("statusSize 2: values 0...3 per entry, packed most significant bit first")
    func twoBitStatuses() throws {
        var list = BitstringStatusList(entries: 131_072, statusSize: 2)
        #expect(list.bitCount == 262_144)
        try list.setStatus(2, at: 0)
        try list.setStatus(3, at: 5)
        try list.setStatus(1, at: 131_071)
        let decoded = try BitstringStatusList(encodedList: list.encodedList, statusSize: 2)
        #expect(try decoded.status(at: 0) == 2)
        #expect(try decoded.status(at: 5) == 3)
        #expect(try decoded.status(at: 131_071) == 1)
        #expect(try decoded.status(at: 1) == 0)
        #expect(decoded.indexesWithNonZeroStatus() == [0, 5, 131_071])
        // Entry 0 = 0b10 → byte 0 starts 10; entry 5 = 0b11 → bits 10 and 11 → byte 1 = 0b0011_0000.
        let oneBit = try BitstringStatusList(encodedList: list.encodedList)
        #expect(oneBit.indexesWithNonZeroStatus() == [0, 10, 11, 262_143])
        try list.setStatus(0, at: 5)
        #expect(try list.status(at: 5) == 0)
    }

    @Test("entries that span bytes, and bits after the last whole entry, with statusSize 3")
    func threeBitEntries() throws {
        // 16 bits = 5 entries of 3 bits + 1 spare bit. Entry 2 covers bits 6–8, across two bytes.
        let list = BitstringStatusList(uncompressedBits: [0b0000_0011, 0b0000_0001], statusSize: 3)
        #expect(list.count == 5)
        #expect(try list.status(at: 2) == 0b110)
        #expect(list.indexesWithNonZeroStatus() == [2])
        #expect(throws: CredentialError.self) { try list.status(at: 5) }
    }

    @Test("index or value out of range → RANGE_ERROR", arguments: [-1, 131_072, Int.max])
    func rangeError(index: Int) throws {
        var list = BitstringStatusList()
        #expect(throws: CredentialError(.rangeError, "status list index \(index) is outside the list's 131072 entries")) {
            try list.status(at: index)
        }
        let error = #expect(throws: CredentialError.self) { try list.setStatus(1, at: index) }
        #expect(error?.code == .rangeError)
        let valueError = #expect(throws: CredentialError.self) { try list.setStatus(2, at: 0) }
        #expect(valueError?.code == .rangeError)
    }

    @Test(
        "garbage is refused with MALFORMED_VALUE_ERROR",
        arguments: [
            "", "u", "u!!!!", "uH4sI+/==", "zH4sIAAAAAAAAA", "uAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAB",
        ])
    func garbage(encodedList: String) {
        let error = #expect(throws: CredentialError.self) { try BitstringStatusList(encodedList: encodedList) }
        #expect(error?.code == .malformedValueError)
    }

    @Test("a gzip bomb in encodedList is refused quickly", .timeLimit(.minutes(1)))
    func bomb() throws {
        let script = "import gzip, sys; sys.stdout.buffer.write(gzip.compress(bytes(100 * 1024 * 1024), 9, mtime=0))"
        let bomb = try StatusListTestSupport.runSucceeding(["python3", "-c", script])
        let encoded = "u" + Base64URL.encode(bomb)
        let error = #expect(throws: CredentialError.self) { try BitstringStatusList(encodedList: encoded) }
        #expect(error?.code == .malformedValueError)
        #expect(error?.reason.contains("limit") == true)
        // The limit is a parameter: a small one refuses even the minimum list.
        let minimum = BitstringStatusList().encodedList
        #expect(throws: CredentialError.self) { try BitstringStatusList(encodedList: minimum, maximumBytes: 16_383) }
        #expect(try BitstringStatusList(encodedList: minimum, maximumBytes: 16_384).count == 131_072)
    }
}
