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

    /// Whether the implementation gives the expected result (used for the printed counts).
    func passes() -> Bool {
        guard let input = try? Fixtures.text("w3c-rdf-canon/" + action) else { return false }
        let outcome = Result { () throws(LinkedDataError) in try canonicalizer.canonicalize(nquads: input) }
        switch (type, outcome) {
        case ("rdfc:RDFC10EvalTest", .success(let canonical)):
            return (try? Fixtures.text("w3c-rdf-canon/" + (result ?? ""))) == canonical.nquads
        case ("rdfc:RDFC10MapTest", .success(let canonical)):
            guard let expected = try? Fixtures.json("w3c-rdf-canon/" + (result ?? "")).objectValue else { return false }
            return canonical.issuedIdentifiers == expected.reduce(into: [String: String]()) { $0[$1.key] = $1.value.stringValue }
        case ("rdfc:RDFC10NegativeEvalTest", .failure(let error)):
            return error.code == .poisonGraph
        default:
            return false
        }
    }

    /// The work factor rdf-canonize's runner gives each complexity class.
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

    @Test("pass and fail counts per test type")
    func counts() {
        var passed: [String: Int] = [:]
        var failed: [String] = []
        for testCase in RDFCanonTestCase.all {
            if testCase.passes() { passed[testCase.type, default: 0] += 1 } else { failed.append(testCase.id) }
        }
        for (type, count) in passed.sorted(by: { $0.key < $1.key }) { print("RDFC-1.0 \(type): \(count) passed") }
        print("RDFC-1.0: \(passed.values.reduce(0, +)) passed, \(failed.count) failed, 0 skipped of \(RDFCanonTestCase.all.count)")
        #expect(failed.isEmpty, "failed: \(failed)")
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
            let error = #expect(throws: LinkedDataError.self) { try testCase.canonicalizer.canonicalize(nquads: input) }
            #expect(error?.code == .poisonGraph)
        default:
            Issue.record("unknown test type \(testCase.type)")
        }
    }
}

@Suite("RDFC-1.0 limits and hashing")
struct RDFCanonicalizationLimitTests {
    @Test("the default limits canonicalize the computable evil graphs", arguments: ["044", "045", "046"])
    func evilGraphsPass(_ number: String) throws {
        let input = try Fixtures.text("w3c-rdf-canon/rdfc10/test\(number)-in.nq")
        let expected = try Fixtures.text("w3c-rdf-canon/rdfc10/test\(number)-rdfc10.nq")
        #expect(try RDFCanonicalizer().canonicalize(nquads: input).nquads == expected)
    }

    @Test("the default limits refuse the poison clique with a clear error")
    func poisonGraphRefused() throws {
        let input = try Fixtures.text("w3c-rdf-canon/rdfc10/test074-in.nq")
        let started = ContinuousClock.now
        let error = #expect(throws: LinkedDataError.self) { try RDFCanonicalizer().canonicalize(nquads: input) }
        #expect(error?.code == .poisonGraph)
        #expect(error?.reason.contains("poison graph") == true)
        print("RDFC-1.0 refused the test074 poison graph after \(ContinuousClock.now - started)")
    }

    @Test("a tighter permutation budget refuses what the default allows")
    func permutationBudget() throws {
        let input = try Fixtures.text("w3c-rdf-canon/rdfc10/test044-in.nq")
        #expect(throws: LinkedDataError.self) { try RDFCanonicalizer(maxPermutations: 100).canonicalize(nquads: input) }
    }

    @Test("an empty dataset canonicalizes to nothing")
    func emptyDataset() throws {
        let canonical = try RDFCanonicalizer().canonicalize(RDFDataset())
        #expect(canonical.nquads.isEmpty)
        #expect(canonical.issuedIdentifiers.isEmpty)
    }

    @Test("isomorphic inputs with different labels and order give identical output")
    func labelIndependence() throws {
        let first = "_:x <http://e/p> _:y .\n_:y <http://e/q> \"v\" .\n"
        let second = "_:b7 <http://e/q> \"v\" .\n_:a1 <http://e/p> _:b7 .\n"
        let canonicalizer = RDFCanonicalizer()
        let canonicalFirst = try canonicalizer.canonicalize(nquads: first)
        #expect(canonicalFirst.nquads == (try canonicalizer.canonicalize(nquads: second).nquads))
        #expect(canonicalFirst.nquads == "_:c14n0 <http://e/p> _:c14n1 .\n_:c14n1 <http://e/q> \"v\" .\n")
    }
}

@Suite("RDFC-1.0 recursion bound")
struct RDFCanonicalizationRecursionTests {
    /// A ring of `count` blank nodes that no first-degree hash tells apart.
    static func ring(_ count: Int) -> String {
        (0..<count).map { "_:n\($0) <http://e/next> _:n\(($0 + 1) % count) .\n" }.joined()
    }

    @Test("a short ring canonicalizes")
    func shortRing() throws {
        let canonical = try RDFCanonicalizer().canonicalize(nquads: Self.ring(8))
        #expect(canonical.issuedIdentifiers.count == 8)
    }

    @Test("a ring deeper than the recursion bound is refused, not a stack overflow")
    func longRing() {
        let error = #expect(throws: LinkedDataError.self) {
            try RDFCanonicalizer(maxPermutations: .max).canonicalize(nquads: Self.ring(400))
        }
        #expect(error?.code == .poisonGraph)
        #expect(error?.reason.contains("recursed deeper than 128") == true)
    }
}
