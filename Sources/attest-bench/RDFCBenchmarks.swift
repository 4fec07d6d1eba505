import CanonicalJSON
import Ed25519
import Foundation
import VerifiableCredentials

/// eddsa-rdfc-2022 sign and verify on a set of distinct credentials of the pipeline's shape, and
/// verify timed side by side with a bare Ed25519 verify.
///
/// The credentials differ in every value that differs between two learners (id, name, email
/// hash, status indexes, dates, proof time), so a cache keyed by a document's content cannot
/// answer the second round from the first: what is timed is the work a verifier does on a
/// credential it has not seen.
struct RDFCBenchmarks {
    let stopwatch: Stopwatch
    let quick: Bool
    let report: BenchmarkReport
    let typical: (signed: JSONValue, unsigned: JSONValue)
    let key: Ed25519PrivateKey
    let verificationMethod: String

    /// How many distinct credentials the loops cycle through.
    static let variantCount = 64

    private var scale: Int { quick ? 1 : 4 }

    /// Measures and reports `rdfc.sign_per_s`, `rdfc.verify_per_s` and `rdfc.verify_overhead_vs_raw_ed25519`.
    func run() throws {
        let unsigned = Self.variants(of: typical.unsigned, count: Self.variantCount)
        let signed = try Self.sign(unsigned, key: key, verificationMethod: verificationMethod)
        let integrity = DataIntegrity()
        let proofs = try signed.map { try integrity.proofs(of: $0)[0] }
        let publicKey = key.publicKey
        var signIndex = 0
        let sign = try stopwatch.secondsPerIteration(iterations: 100 * scale) {
            let index = signIndex % unsigned.count
            signIndex += 1
            keep(
                try integrity.addProof(
                    to: unsigned[index], suite: EdDSARDFC2022(), options: Self.options(index, verificationMethod), key: key))
        }
        report.add(
            "rdfc.sign_per_s", 1 / sign, "ops/s", note: "eddsa-rdfc-2022, \(unsigned.count) distinct Open Badges credentials in turn")

        let message = [UInt8]((0..<64).map { UInt8($0) })
        let rawSignature = try key.signature(for: message)
        var verifyIndex = 0
        let pair = try stopwatch.sideBySide(
            iterations: 100 * scale, { keep(publicKey.isValidSignature(rawSignature, for: message)) },
            {
                let index = verifyIndex % signed.count
                verifyIndex += 1
                try integrity.verifyProof(proofs[index], of: signed[index], publicKey: publicKey)
            })
        report.add("rdfc.verify_per_s", 1 / pair.second, "ops/s", note: "eddsa-rdfc-2022, the same \(signed.count) credentials in turn")
        report.add(
            "rdfc.verify_overhead_vs_raw_ed25519", pair.ratio, "×",
            note: "whole verify ÷ bare Ed25519 verify of 64 bytes, timed side by side; target ≤ 2.0")
    }

    /// The proof options of the `index`-th credential: one second apart, as a cohort is signed.
    static func options(_ index: Int, _ verificationMethod: String) -> DataIntegrity.ProofOptions {
        .init(verificationMethod: verificationMethod, created: PrimitiveBenchmarks.created.addingTimeInterval(Double(index)))
    }

    /// Every variant signed with eddsa-rdfc-2022.
    static func sign(_ unsigned: [JSONValue], key: Ed25519PrivateKey, verificationMethod: String) throws -> [JSONValue] {
        try unsigned.enumerated().map { index, credential in
            try DataIntegrity().addProof(to: credential, suite: EdDSARDFC2022(), options: options(index, verificationMethod), key: key)
        }
    }

    /// `count` credentials like `typical`, each with its own id, learner, email hash, status
    /// indexes and dates.
    static func variants(of typical: JSONValue, count: Int) -> [JSONValue] {
        let names = ["Zoë Åkesson", "Mohammed Al-Farsi", "李小龍", "Ana María Pérez-Ñúñez", "Ólafur Þórðarson", "Σοφία Παπαδοπούλου"]
        return (0..<count).map { index in
            guard var credential = typical.objectValue else { return typical }
            let code = String(format: "B%07d", index)
            credential["id"] = .string("https://certs.example.org/c/\(code)")
            credential["validFrom"] = .string(DateTimeStamp.format(PrimitiveBenchmarks.created.addingTimeInterval(Double(index))))
            if var subject = credential["credentialSubject"]?.objectValue {
                subject["name"] = .string("\(names[index % names.count]) \(index)")
                if var identifiers = subject["identifier"]?.arrayValue, var first = identifiers.first?.objectValue {
                    first["identityHash"] = .string("sha256$" + Hex.encode(SHA256.hash(Array("learner\(index)@example.org\(code)".utf8))))
                    first["salt"] = .string(code)
                    identifiers[0] = .object(first)
                    subject["identifier"] = .array(identifiers)
                }
                credential["credentialSubject"] = .object(subject)
            }
            if let entries = credential["credentialStatus"]?.arrayValue {
                credential["credentialStatus"] = .array(
                    entries.enumerated().map { offset, entry in
                        guard var object = entry.objectValue, let list = object["statusListCredential"]?.stringValue else { return entry }
                        let statusIndex = String((index * 7_919 + offset * 65_537) % 131_072)
                        object["statusListIndex"] = .string(statusIndex)
                        object["id"] = .string("\(list)#\(statusIndex)")
                        return .object(object)
                    })
            }
            return .object(credential)
        }
    }
}
