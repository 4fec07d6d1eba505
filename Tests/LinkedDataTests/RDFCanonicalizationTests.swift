import CanonicalJSON
import Foundation
import LinkedData
import Testing

/// One entry of the W3C RDFC-1.0 test manifest.
struct RDFCanonTestCase: CustomTestStringConvertible, Sendable {
    let id: String
    let type: String
    let action: String
    let result: String?
    let complexity: String
    let hashAlgorithm: String?
    var testDescription: String { id }

    static let all: [RDFCanonTestCase] = {
        guard let manifest = try? Fixtures.json("w3c-rdf-canon/manifest.jsonld") else { return [] }
        return (manifest["entries"]?.arrayValue ?? []).map { entry in
            RDFCanonTestCase(
                id: entry["id"]?.stringValue ?? "?", type: entry["type"]?.stringValue ?? "?",
                action: entry["action"]?.stringValue ?? "", result: entry["result"]?.stringValue,
                complexity: entry["computationalComplexity"]?.stringValue ?? "low",
                hashAlgorithm: entry["hashAlgorithm"]?.stringValue)
        }
    }()

    /// The work limit rdf-canonize's runner gives each complexity class.
    var canonicalizer: RDFCanonicalizer {
        let factor = ["low": 0, "medium": 2, "high": 3][complexity] ?? 1
        return RDFCanonicalizer(hashAlgorithm: hashAlgorithm == "SHA384" ? .sha384 : .sha256, maxWorkFactor: factor)
    }
}

@Suite("W3C RDFC-1.0 test suite")
struct RDFCanonicalizationTests {
    @Test("the manifest has all 86 entries") func manifestLoaded() {
        #expect(RDFCanonTestCase.all.count == 86)
    }

    @Test("canonical N-Quads, map and negative tests", arguments: RDFCanonTestCase.all)
    func canonicalize(_ testCase: RDFCanonTestCase) throws {
        let input = try Fixtures.text("w3c-rdf-canon/" + testCase.action)
        switch testCase.type {
        case "rdfc:RDFC10EvalTest":
            let expected = try Fixtures.text("w3c-rdf-canon/" + testCase.result!)
            let canonical = try testCase.canonicalizer.canonicalize(nquads: input)
            #expect(canonical.nquads == expected)
        case "rdfc:RDFC10MapTest":
            let expected = try Fixtures.json("w3c-rdf-canon/" + testCase.result!)
            let canonical = try testCase.canonicalizer.canonicalize(nquads: input)
            let expectedMap = (expected.objectValue ?? [:]).reduce(into: [String: String]()) { $0[$1.key] = $1.value.stringValue }
            #expect(canonical.issuedIdentifiers == expectedMap)
        case "rdfc:RDFC10NegativeEvalTest":
            let started = ContinuousClock.now
            #expect(throws: LinkedDataError.self) { try testCase.canonicalizer.canonicalize(nquads: input) }
            do {
                _ = try testCase.canonicalizer.canonicalize(nquads: input)
            } catch {
                #expect(error.code == LinkedDataError.poisonGraphCode)
            }
            #expect(ContinuousClock.now - started < .seconds(20))
        default:
            Issue.record("unknown test type \(testCase.type)")
        }
    }
}
