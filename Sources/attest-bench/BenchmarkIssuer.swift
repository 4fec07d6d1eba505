import CanonicalJSON
import Ed25519
import Foundation
import IssuerCore
import VerifiableCredentials

/// An issuer, its signing key and one program on a store: the same set-up as the IssuerCore tests,
/// with the real clock (the burst measures real time) and the system's randomness.
struct BenchmarkIssuer {
    /// A key made for benchmarks only (32 bytes of 3): it signs nothing anyone should trust.
    static let benchmarkOnlySeed = [UInt8](repeating: 3, count: 32)
    static let keyID = "key-1"

    let key: Ed25519PrivateKey
    let issuer: IssuerProfile
    let environment: IssuerEnvironment

    init(store: any IssuerStore, documents: (any CertificateDocumentMaker)?) async throws {
        let key = try Ed25519PrivateKey(seed: Self.benchmarkOnlySeed)
        let created = Date().addingTimeInterval(-86_400)
        let issuer = IssuerProfile(
            did: try IssuerProfile.didWeb(forBaseURL: "https://certs.example.org"), name: "Example Safety Training",
            baseURL: "https://certs.example.org", email: "certs@example.org", createdAt: created)
        self.key = key
        self.issuer = issuer
        environment = IssuerEnvironment(
            store: store, now: { Date() }, random: SystemRandomSource(), keys: InMemoryKeyProvider(keys: [Self.keyID: key]), documents: documents)
        try await store.write { transaction in
            try transaction.saveIssuer(issuer)
            try transaction.saveSigningKey(
                SigningKeyRecord(id: Self.keyID, publicKeyMultibase: Multikey.encode(key.publicKey), fileName: "\(Self.keyID).pem", createdAt: created))
            try transaction.saveProgram(Self.program)
        }
    }

    /// The program of the IssuerCore tests: three modules, a score and a time threshold, review triggers.
    static let program = Program(
        id: "working-at-height-2",
        achievement: Achievement(name: "Working at Height — Level 2", description: "Safe work on ladders and scaffolds.", criteria: "All modules and 80%."),
        branding: IssuerCore.Branding(organisation: "Example Safety Training", signatoryName: "Dr. Amira Haddad", signatoryTitle: "Head of Training"),
        validity: ISODuration("P3Y"),
        rules: CompletionRules(
            requiredModules: ["ladders", "scaffolds", "harness"], minimumScore: 80, minimumMinutes: 120,
            review: ReviewTriggers(scoreWithin: 2, exemptModules: true, nameMismatch: true)))

    /// Names in the scripts a cohort brings: Latin with diacritics, Arabic, CJK.
    private static let names = ["Zoë Åkesson", "Mohammed Al-Farsi", "李小龍", "Ana María Pérez-Ñúñez", "Ólafur Þórðarson", "Σοφία Παπαδοπούλου"]

    /// The `index`-th learner's completion: every module, score 92, three hours, an hour ago.
    static func event(_ index: Int, batch: String) -> CompletionEvent {
        let completedAt = Date().addingTimeInterval(-3_600)
        return CompletionEvent(
            source: "lms-bench", eventID: "\(batch)-evt-\(index)", programID: program.id,
            learner: LearnerDetails(externalID: "\(batch)-u-\(index)", email: "learner\(index)@example.org", legalName: names[index % names.count]),
            completedAt: completedAt, score: 92, minutes: 180,
            modules: ["ladders", "scaffolds", "harness"].map { ModuleCompletion(id: $0, completedAt: completedAt) })
    }

    var pipeline: IssuancePipeline { IssuancePipeline(environment: environment, actor: "bench") }

    /// The verification method the issuer signs with.
    var verificationMethod: String { "\(issuer.did)#\(Self.keyID)" }

    /// The issuer's DID document, as `attest-verify --trust` reads it.
    func didDocumentJSON() async throws -> String {
        let keys = try await environment.store.read { try $0.signingKeys() }
        return try issuer.didDocument(keys: keys).json.serialized(pretty: true)
    }

    /// A typical certificate credential, as the pipeline builds it: issued once through an
    /// in-memory pipeline (no documents), then returned signed (eddsa-rdfc-2022) and without its proof.
    static func typicalCredential() async throws -> (signed: JSONValue, unsigned: JSONValue) {
        let bench = try await BenchmarkIssuer(store: InMemoryIssuerStore(), documents: nil)
        guard case .issued(_, let credentialID) = try await bench.pipeline.intake(event(0, batch: "typical")) else {
            throw ProcessRunner.Failure(description: "the typical completion was not issued")
        }
        let record = try await bench.pipeline.finish(credentialID: credentialID)
        let signed = try JSONValue.parse(bytes: [UInt8](record.credentialJSON ?? Data()))
        guard var unsigned = signed.objectValue else { throw ProcessRunner.Failure(description: "the credential is not an object") }
        unsigned["proof"] = nil
        return (signed, .object(unsigned))
    }
}
