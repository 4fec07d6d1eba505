import CanonicalJSON
import Foundation
import LinkedData
import Testing

/// One entry of the W3C JSON-LD 1.1 API test manifests (expand and toRdf), and how to run it.
struct JSONLDTestCase: CustomTestStringConvertible, Sendable {
    static let suiteBase = "https://w3c.github.io/json-ld-api/tests/"

    let manifest: String
    let id: String
    let types: [String]
    let input: String
    let expect: String?
    let expectErrorCode: String?
    let options: JSONObject
    let requires: String?
    var testDescription: String { manifest + id }

    var isNegative: Bool { types.contains("jld:NegativeEvaluationTest") }
    var isSyntaxOnly: Bool { types.contains("jld:PositiveSyntaxTest") }

    /// Why this test is not run, or `nil` to run it. Every reason is a rule, not a test id.
    var skipReason: String? {
        if options["specVersion"] == "json-ld-1.0" { return "specVersion json-ld-1.0: applies only to JSON-LD 1.0 processors" }
        return nil
    }

    static func load(_ manifest: String) -> [JSONLDTestCase] {
        guard let document = try? Fixtures.json("w3c-json-ld-api/\(manifest)-manifest.jsonld") else { return [] }
        return (document["sequence"]?.arrayValue ?? []).map { entry in
            JSONLDTestCase(
                manifest: manifest, id: entry["@id"]?.stringValue ?? "?",
                types: entry["@type"]?.asArray.compactMap(\.stringValue) ?? [],
                input: entry["input"]?.stringValue ?? "", expect: entry["expect"]?.stringValue,
                expectErrorCode: entry["expectErrorCode"]?.stringValue, options: entry["option"]?.objectValue ?? [:],
                requires: entry["requires"]?.stringValue)
        }
    }

    static let expand = load("expand")
    static let toRdf = load("toRdf")

    /// The outcome of running one test.
    enum Outcome: Equatable {
        case passed
        case failed(String)
        case skipped(String)
    }

    func processor() throws -> JSONLDProcessor {
        var processorOptions = JSONLDOptions()
        if let mode = options["processingMode"]?.stringValue { processorOptions.processingMode = mode }
        if let path = options["expandContext"]?.stringValue {
            processorOptions.expandContext = try Fixtures.json("w3c-json-ld-api/" + path)
        }
        if options["produceGeneralizedRdf"] == true { processorOptions.produceGeneralizedRdf = true }
        if let direction = options["rdfDirection"]?.stringValue {
            processorOptions.rdfDirection = JSONLDOptions.RDFDirection(rawValue: direction)
        }
        return JSONLDProcessor(documentLoader: SuiteDocumentLoader(), options: processorOptions)
    }

    var base: String { options["base"]?.stringValue ?? Self.suiteBase + input }

    func run() -> Outcome {
        if let skipReason { return .skipped(skipReason) }
        do {
            let document = try Fixtures.json("w3c-json-ld-api/" + input)
            let processor = try self.processor()
            if manifest == "expand" {
                let expanded = try processor.expand(document, base: base)
                if isNegative { return .failed("expected error \(expectErrorCode ?? "?"), got a result") }
                let expected = try Fixtures.json("w3c-json-ld-api/" + expect!)
                return JSONLDComparison.equal(expanded, expected)
                    ? .passed : .failed("expanded:\n\(expanded.serialized())\nexpected:\n\(expected.serialized())")
            }
            let dataset = try processor.toRDF(document, base: base)
            if isNegative { return .failed("expected error \(expectErrorCode ?? "?"), got a result") }
            if isSyntaxOnly {
                // No -out.nq upstream: compare the text with the hand-written canonical N-Quads.
                guard let expected = NTriplesLiteralExpectations.nquads[id] else { return .failed("no expected N-Quads for \(id)") }
                let actual = dataset.nquads
                return actual == expected ? .passed : .failed("got:\n\(actual)expected:\n\(expected)")
            }
            let expected = try NQuads.parse(
                Fixtures.text("w3c-json-ld-api/" + expect!), allowGeneralized: options["produceGeneralizedRdf"] == true)
            return try Isomorphism.isomorphic(dataset, expected)
                ? .passed : .failed("got:\n\(dataset.nquads)expected:\n\(expected.nquads)")
        } catch let error as LinkedDataError {
            if isNegative {
                return error.code.description == expectErrorCode ? .passed : .failed("expected error \(expectErrorCode ?? "?"), got \(error)")
            }
            return .failed("unexpected error \(error)")
        } catch {
            return .failed("fixture problem: \(error)")
        }
    }
}

/// Serves the test suite's own context files for `https://w3c.github.io/json-ld-api/tests/…`,
/// and nothing else.
struct SuiteDocumentLoader: DocumentLoader {
    func loadDocument(_ url: String) throws(LinkedDataError) -> RemoteDocument {
        guard url.hasPrefix(JSONLDTestCase.suiteBase) else { throw LinkedDataError.documentNotAvailable(url) }
        let path = "w3c-json-ld-api/" + url.dropFirst(JSONLDTestCase.suiteBase.count)
        guard let data = try? Data(contentsOf: Fixtures.url(path)), let document = try? JSONValue.parse(bytes: data) else {
            throw LinkedDataError.documentNotAvailable(url)
        }
        return RemoteDocument(documentURL: url, document: document)
    }
}

/// "JSON-LD object comparison": arrays are unordered except the values of `@list`.
enum JSONLDComparison {
    static func equal(_ lhs: JSONValue, _ rhs: JSONValue, ordered: Bool = false) -> Bool {
        switch (lhs, rhs) {
        case (.object(let left), .object(let right)):
            guard left.count == right.count else { return false }
            for (key, value) in left {
                guard let other = right[key], equal(value, other, ordered: key == "@list") else { return false }
            }
            return true
        case (.array(let left), .array(let right)):
            guard left.count == right.count else { return false }
            if ordered { return zip(left, right).allSatisfy { equal($0, $1) } }
            var remaining = right
            for item in left {
                guard let match = remaining.firstIndex(where: { equal(item, $0) }) else { return false }
                remaining.remove(at: match)
            }
            return true
        default:
            return lhs == rhs
        }
    }
}

/// Dataset isomorphism through RDFC-1.0, as jsonld.js's runner does. Blank-node predicates
/// (generalized RDF), which RDFC-1.0 does not relabel, are matched by trying each bijection.
enum Isomorphism {
    static func isomorphic(_ actual: RDFDataset, _ expected: RDFDataset) throws -> Bool {
        let canonicalizer = RDFCanonicalizer()
        let actualPredicates = blankPredicates(actual)
        let expectedPredicates = blankPredicates(expected)
        guard actualPredicates.count == expectedPredicates.count, actualPredicates.count <= 6 else { return false }
        let expectedText = try canonicalizer.canonicalize(
            renamingPredicates(expected, Dictionary(uniqueKeysWithValues: zip(expectedPredicates, expectedPredicates)))
        ).nquads
        for ordering in permutations(expectedPredicates) {
            let mapping = Dictionary(uniqueKeysWithValues: zip(actualPredicates, ordering))
            if try canonicalizer.canonicalize(renamingPredicates(actual, mapping)).nquads == expectedText { return true }
        }
        return false
    }

    private static func blankPredicates(_ dataset: RDFDataset) -> [String] {
        Array(Set(dataset.quads.compactMap { $0.predicate.blankNodeLabel })).sorted()
    }

    private static func renamingPredicates(_ dataset: RDFDataset, _ mapping: [String: String]) -> RDFDataset {
        RDFDataset(
            dataset.quads.map { quad in
                var renamed = quad
                if let label = quad.predicate.blankNodeLabel { renamed.predicate = .iri("urn:generalized-predicate:" + mapping[label]!) }
                return renamed
            })
    }

    private static func permutations(_ items: [String]) -> [[String]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index in
            var rest = items
            let first = rest.remove(at: index)
            return permutations(rest).map { [first] + $0 }
        }
    }
}
