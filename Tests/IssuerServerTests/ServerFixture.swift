import CertificateDocuments
import Ed25519
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import SQLiteStore
import Synchronization
import TestSupport
import Testing
import VerifiableCredentials

/// An issuer on a temporary SQLite file with a fixed, settable clock and seeded randomness, set
/// up like `IssuerCoreTests/IssuerFixture`, and the server over it.
struct ServerFixture {
    static let start = DateTimeStamp.parse("2026-11-23T09:00:00Z")!
    let directory: URL
    let store: SQLiteIssuerStore
    let clock = FixedClock(start)
    let key: Ed25519PrivateKey
    let environment: IssuerEnvironment
    let issuer: IssuerProfile
    let server: IssuerServer

    init(documents: Bool = false, seed: UInt64 = 1) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("attest-server-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteIssuerStore(path: directory.appendingPathComponent("attest.sqlite").path)
        key = try Ed25519PrivateKey(seed: [UInt8](repeating: 3, count: 32))
        let clock = self.clock
        environment = IssuerEnvironment(
            store: store, now: { clock.now }, random: SeededRandomSource(seed: seed), keys: InMemoryKeyProvider(keys: ["key-1": key]),
            documents: documents ? CertificateDocumentRenderer() : nil)
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
            try transaction.saveProgram(Self.program)
        }
        var configuration = IssuerServer.Configuration()
        configuration.metricsToken = Self.metricsToken
        server = try IssuerServer(environment: environment, issuer: issuer, configuration: configuration)
    }

    /// The token `/metrics` asks the fixture's server for, and the header that carries it.
    static let metricsToken = "metrics-token-for-tests"
    static let metricsAuthorization: HTTPFields = [.authorization: "Bearer \(metricsToken)"]

    static let program = Program(
        id: "working-at-height-2",
        achievement: Achievement(
            name: "Working at Height — Level 2", description: "Safe work on ladders and scaffolds.", criteria: "All modules and 80%."),
        validity: ISODuration("P3Y"),
        rules: CompletionRules(
            requiredModules: ["ladders", "scaffolds", "harness"], minimumScore: 80, minimumMinutes: 120,
            review: ReviewTriggers(scoreWithin: 2, exemptModules: true, nameMismatch: true)))

    static func event(id: String = "evt-1", learner: String = "u-1", name: String = "Zoë Åkesson", score: Double = 92) -> CompletionEvent {
        CompletionEvent(
            source: "lms-test", eventID: id, programID: "working-at-height-2",
            learner: LearnerDetails(externalID: learner, email: "\(learner)@example.org", legalName: name),
            completedAt: start, score: score, minutes: 180,
            modules: ["ladders", "scaffolds", "harness"].map { ModuleCompletion(id: $0, completedAt: start) })
    }

    /// Issues a credential to a new learner and returns its record.
    func issue(id: String = "evt-1", learner: String = "u-1", name: String = "Zoë Åkesson") async throws -> CredentialRecord {
        let pipeline = IssuancePipeline(environment: environment, actor: "test")
        guard case .issued(_, let credentialID) = try await pipeline.intake(Self.event(id: id, learner: learner, name: name)) else {
            throw IssuerError(.invalidState, "the event was not issued")
        }
        let record = try await pipeline.finish(credentialID: credentialID)
        // Every credential these tests issue is held to 1EdTech's Open Badges 3.0 schema (issue 21).
        let signed = try #require(record.credentialJSON, "credential \(credentialID) was finished without its JSON")
        let problems = try OpenBadgesSchemaCheck.problems(in: [credentialID: Array(signed)])
        #expect(problems.isEmpty, "\(problems)")
        return record
    }

    func changes() -> CredentialChanges { CredentialChanges(environment: environment, actor: "test") }

    /// Runs `body` against the server's router, without a socket.
    func test<T>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let app = Application(router: server.router())
        return try await app.test(.router, body)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// A clock tests move by hand.
final class FixedClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
