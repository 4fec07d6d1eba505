import CanonicalJSON
import Ed25519
import Foundation
import IssuerCore
import LinkedData
import VerifiableCredentials

/// Ed25519, JCS, both Data Integrity suites, the status list and RDF canonicalization, each on one core.
struct PrimitiveBenchmarks {
    let stopwatch: Stopwatch
    let quick: Bool
    let report: BenchmarkReport
    let typical: (signed: JSONValue, unsigned: JSONValue)
    let key: Ed25519PrivateKey
    let verificationMethod: String

    /// The eddsa-jcs-2022 credential signed here, which the Python reference must reproduce.
    func jcsSigned() throws -> JSONValue {
        try DataIntegrity().addProof(
            to: typical.unsigned, suite: EdDSAJCS2022(), options: .init(verificationMethod: verificationMethod, created: Self.created), key: key)
    }

    static let created = DateTimeStamp.parse("2026-11-23T09:00:00Z")!

    private var scale: Int { quick ? 1 : 4 }

    /// Runs every primitive and reports it; returns eddsa-jcs-2022 sign and verify rates for the Python comparison.
    func run() throws -> (signPerSecond: Double, verifyPerSecond: Double) {
        let message = [UInt8]((0..<64).map { UInt8($0) })
        let publicKey = key.publicKey
        let rawSignature = try key.signature(for: message)

        report.section("Primitives (one core)")
        let sign = try stopwatch.secondsPerIteration(iterations: 500 * scale) { keep(try key.signature(for: message)) }
        report.add("ed25519.sign_per_s", 1 / sign, "ops/s", note: "64-byte message")
        let verify = stopwatch.secondsPerIteration(iterations: 500 * scale) { keep(publicKey.isValidSignature(rawSignature, for: message)) }
        report.add("ed25519.verify_per_s", 1 / verify, "ops/s", note: "64-byte message")

        let credentialBytes = typical.unsigned.canonicalBytes
        let jcs = stopwatch.secondsPerIteration(iterations: 500 * scale) { keep(typical.unsigned.canonicalBytes) }
        report.add("jcs.canonicalize_us", jcs * 1e6, "µs", note: "typical certificate credential, \(credentialBytes.count) bytes")
        let parse = try stopwatch.secondsPerIteration(iterations: 500 * scale) { keep(try JSONValue.parse(bytes: credentialBytes)) }
        report.add("json.parse_us", parse * 1e6, "µs", note: "same credential")

        let integrity = DataIntegrity()
        let jcsSigned = try jcsSigned()
        let jcsProof = try integrity.proofs(of: jcsSigned)[0]
        let jcsSign = try stopwatch.secondsPerIteration(iterations: 300 * scale) { keep(try self.jcsSigned()) }
        report.add("jcs.sign_per_s", 1 / jcsSign, "ops/s", note: "eddsa-jcs-2022, typical credential")
        let verifyPair = try stopwatch.sideBySide(
            iterations: 300 * scale, { keep(publicKey.isValidSignature(rawSignature, for: message)) },
            { try integrity.verifyProof(jcsProof, of: jcsSigned, publicKey: publicKey) })
        report.add("jcs.verify_per_s", 1 / verifyPair.second, "ops/s", note: "eddsa-jcs-2022, typical credential")
        report.add(
            "jcs.verify_overhead_vs_raw_ed25519", verifyPair.ratio, "×",
            note: "whole verify ÷ bare Ed25519 verify of 64 bytes, timed side by side; target ≤ 1.10")

        try RDFCBenchmarks(
            stopwatch: stopwatch, quick: quick, report: report, typical: typical, key: key, verificationMethod: verificationMethod
        ).run()

        try statusList()
        try canonicalization()
        return (1 / jcsSign, 1 / verifyPair.second)
    }

    private func statusList() throws {
        var list = BitstringStatusList(entries: BitstringStatusList.minimumEntries)
        // A list in use: one credential in a hundred revoked, at random indexes as the allocator places them.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<(BitstringStatusList.minimumEntries / 100) {
            try list.setStatus(1, at: Int.random(in: 0..<BitstringStatusList.minimumEntries, using: &generator))
        }
        let encoded = list.encodedList
        let encode = stopwatch.secondsPerIteration(iterations: 10 * scale) { keep(list.encodedList) }
        report.add("status_list.encode_ms", encode * 1e3, "ms", note: "131,072 entries, 1% set; \(encoded.utf8.count) bytes encoded")
        let decode = try stopwatch.secondsPerIteration(iterations: 10 * scale) { keep(try BitstringStatusList(encodedList: encoded)) }
        report.add("status_list.decode_ms", decode * 1e3, "ms", note: "131,072 entries")
    }

    /// The largest tests of the W3C RDF canonicalization suite, read from the checkout (the bench runs from its root).
    private func canonicalization() throws {
        let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent("Tests/LinkedDataTests/Fixtures/w3c-rdf-canon/rdfc10")
        guard let largest = try? String(contentsOf: folder.appendingPathComponent("test060-in.nq"), encoding: .utf8),
            let clique = try? String(contentsOf: folder.appendingPathComponent("test074-in.nq"), encoding: .utf8)
        else {
            report.notMeasured("rdfc.largest_test_ms", "ms", reason: "run from the checkout's root: the rdf-canon fixtures were not found")
            return
        }
        let canonicalizer = RDFCanonicalizer()
        let largestTime = try stopwatch.secondsPerIteration(iterations: 20 * scale) { keep(try canonicalizer.canonicalize(nquads: largest)) }
        report.add("rdfc.largest_test_ms", largestTime * 1e3, "ms", note: "rdf-canon test060, the largest approved positive test (\(largest.utf8.count) bytes)")
        let refusal = stopwatch.secondsPerIteration(iterations: 2) { keep(try? canonicalizer.canonicalize(nquads: clique)) }
        report.add("rdfc.poison_clique_refusal_ms", refusal * 1e3, "ms", note: "test074, the largest file: a 10-node clique the work budget must refuse")
    }
}
