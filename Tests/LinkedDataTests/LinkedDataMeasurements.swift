import CanonicalJSON
import LinkedData
import Testing

/// Throughput of the signing path, printed for the record (issue 3, item 7); run in release
/// mode for meaningful numbers: `swift test -c release --filter LinkedDataMeasurements`.
/// Nothing here asserts a time: the machine decides those.
@Suite("Measurements (printed, not asserted)", .serialized)
struct LinkedDataMeasurements {
    @Test("Open Badges credential: JSON-LD → RDF → RDFC-1.0 → SHA-256")
    func openBadgesCredential() throws {
        let credential = try #require(try Fixtures.json("1edtech-openbadges-v3p0/ob-eddsa-rdfc-2022-vector.json")["unsignedCredential"])
        let processor = JSONLDProcessor()
        let expected = try processor.canonicalNQuads(credential)  // warms the context cache
        let iterations = 200
        let started = ContinuousClock.now
        for _ in 0..<iterations {
            let nquads = try processor.canonicalNQuads(credential)
            _ = HashAlgorithm.sha256.hash(Array(nquads.utf8))
        }
        let perDocument = (ContinuousClock.now - started) / iterations
        let microseconds = Double(perDocument.components.attoseconds) / 1e12 + Double(perDocument.components.seconds) * 1e6
        print("MEASURE Open Badges credential canonicalize+hash: \(Int(microseconds)) µs each, \(Int(1e6 / microseconds)) per second")
        #expect(try processor.canonicalNQuads(credential) == expected)
    }

    @Test("the largest RDFC-1.0 test inputs")
    func largestCanonTests() throws {
        for number in ["060", "074", "044"] {
            let input = try Fixtures.text("w3c-rdf-canon/rdfc10/test\(number)-in.nq")
            let started = ContinuousClock.now
            let result = Result { try RDFCanonicalizer().canonicalize(nquads: input) }
            let outcome = (try? result.get()) != nil ? "canonicalized" : "refused"
            print("MEASURE rdf-canon test\(number) (\(input.utf8.count) bytes): \(outcome) in \(ContinuousClock.now - started)")
        }
    }
}
