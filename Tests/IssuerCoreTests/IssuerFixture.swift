import Ed25519
import Foundation
import IssuerCore
import Synchronization
import VerifiableCredentials

/// An issuer on an in-memory store with a fixed, settable clock and seeded randomness.
struct IssuerFixture {
    static let start = DateTimeStamp.parse("2026-11-23T09:00:00Z")!
    let store = InMemoryIssuerStore()
    let clock = TestClock(start)
    let key: Ed25519PrivateKey
    let environment: IssuerEnvironment
    let issuer: IssuerProfile

    init(seed: UInt64 = 1, program: Program = IssuerFixture.program) async throws {
        key = try Ed25519PrivateKey(seed: [UInt8](repeating: 3, count: 32))
        let clock = self.clock
        environment = IssuerEnvironment(
            store: store, now: { clock.now }, random: SeededRandomSource(seed: seed), keys: InMemoryKeyProvider(keys: ["key-1": key]))
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

    /// The same program, its credentials carrying a suspension status entry (so they can be suspended).
    static let suspendableProgram: Program = {
        var program = IssuerFixture.program
        program.statusPurpose = .suspension
        return program
    }()

    func pipeline(actor: String = "test") -> IssuancePipeline { IssuancePipeline(environment: environment, actor: actor) }

    static func event(
        id: String = "evt-1", learner: String = "u-1", name: String = "Zoë Åkesson", email: String = "zoe@example.org", score: Double? = 92,
        minutes: Double? = 180, modules: [ModuleCompletion]? = nil, profileName: String? = nil, completedAt: Date = start
    ) -> CompletionEvent {
        CompletionEvent(
            source: "lms-test", eventID: id, programID: "working-at-height-2",
            learner: LearnerDetails(externalID: learner, email: email, legalName: name, profileName: profileName),
            completedAt: completedAt, score: score, minutes: minutes,
            modules: modules ?? ["ladders", "scaffolds", "harness"].map { ModuleCompletion(id: $0, completedAt: completedAt) })
    }

    /// A verifier that knows the issuer's DID document, judging at the fixture's clock.
    func verifier() async throws -> Verifier {
        let keys = try await store.read { try $0.signingKeys() }
        let document = try issuer.didDocument(keys: keys)
        return Verifier(resolver: StaticDIDResolver(documents: [document]), trustedIssuers: [issuer.did], now: clock.now)
    }
}

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }
}
