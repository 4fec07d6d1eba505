import Ed25519
import Foundation
import IssuerCore
import VerifiableCredentials

/// An issuer on an in-memory store at a fixed time with seeded randomness, as IssuerCoreTests has
/// it, for the tests that need the real drawing maker.
struct IssuerFixture {
    static let start = DateTimeStamp.parse("2026-11-23T09:00:00Z")!
    let store = InMemoryIssuerStore()
    let key: Ed25519PrivateKey
    let environment: IssuerEnvironment
    let issuer: IssuerProfile

    init(seed: UInt64 = 1, program: Program = IssuerFixture.program) async throws {
        key = try Ed25519PrivateKey(seed: [UInt8](repeating: 3, count: 32))
        environment = IssuerEnvironment(
            store: store, now: { Self.start }, random: SeededRandomSource(seed: seed), keys: InMemoryKeyProvider(keys: ["key-1": key]))
        issuer = IssuerProfile(
            did: try IssuerProfile.didWeb(forBaseURL: "https://certs.example.org"), name: "Example Safety Training",
            baseURL: "https://certs.example.org", email: "certs@example.org", createdAt: Self.start)
        let key = self.key
        let issuer = self.issuer
        try await store.write { transaction in
            try transaction.saveIssuer(issuer)
            try transaction.saveSigningKey(
                SigningKeyRecord(
                    id: "key-1", publicKeyMultibase: Multikey.encode(key.publicKey), fileName: "key-1.pem", createdAt: Self.start))
            try transaction.saveProgram(program)
        }
    }

    static let program = Program(
        id: "working-at-height-2",
        achievement: Achievement(
            name: "Working at Height — Level 2", description: "Safe work on ladders and scaffolds.", criteria: "All modules and 80%."),
        validity: ISODuration("P3Y"),
        rules: CompletionRules(
            requiredModules: ["ladders", "scaffolds", "harness"], minimumScore: 80, minimumMinutes: 120,
            review: ReviewTriggers(scoreWithin: 2, exemptModules: true, nameMismatch: true)))

    func pipeline(actor: String = "test") -> IssuancePipeline { IssuancePipeline(environment: environment, actor: actor) }

    static func event(
        id: String = "evt-1", learner: String = "u-1", name: String = "Zoë Åkesson", email: String = "zoe@example.org", score: Double? = 92,
        minutes: Double? = 180, completedAt: Date = start
    ) -> CompletionEvent {
        CompletionEvent(
            source: "lms-test", eventID: id, programID: "working-at-height-2",
            learner: LearnerDetails(externalID: learner, email: email, legalName: name, profileName: nil),
            completedAt: completedAt, score: score, minutes: minutes,
            modules: ["ladders", "scaffolds", "harness"].map { ModuleCompletion(id: $0, completedAt: completedAt) })
    }
}
