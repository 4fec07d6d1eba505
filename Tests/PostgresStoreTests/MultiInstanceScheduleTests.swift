import Ed25519
import Foundation
import IssuerCore
import Synchronization
import Testing
import VerifiableCredentials

@testable import PostgresStore

/// Issue 19 points 6 and 7 with several instances: two `WorkScheduler`s on two stores over one
/// PostgreSQL schema tick at the same moments (no lock between them, the worst case), and each
/// delayed issuance, follow-up and expiry notice still happens once.
@Suite("Scheduled work on several PostgreSQL instances")
struct MultiInstanceScheduleTests {
    static let start = DateTimeStamp.parse("2026-11-23T09:00:00Z")!
    static let program: Program = {
        var program = Program(
            id: "working-at-height-2",
            achievement: Achievement(name: "Working at Height", description: "Safe work on ladders.", criteria: "All modules."),
            validity: ISODuration("P1Y"), rules: CompletionRules(requiredModules: ["ladders"]))
        program.issuanceDelay = ISODuration("PT48H")
        program.followUps = [FollowUp(after: ISODuration("P7D")!, from: .issuance, event: "testimonial.request")]
        return program
    }()

    /// A clock both instances share, moved by hand.
    final class SharedClock: Sendable {
        private let current = Mutex(MultiInstanceScheduleTests.start)
        var now: Date { current.withLock { $0 } }
        func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }
    }

    @Test func twoInstancesRacingDoEachPieceOfWorkOnce() async throws {
        let first = try await TestPostgres.freshDatabase()
        let second = try PostgresStoreDatabase(location: first.location, schema: first.schema, maximumConnections: 4)
        let sealer = SecretSealer(key: Array(repeating: 1, count: 32))!
        let stores = [
            try await PostgresIssuerStore(database: first, sealer: sealer), try await PostgresIssuerStore(database: second, sealer: sealer),
        ]
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 3, count: 32))
        try await stores[0].write { transaction in
            try transaction.saveIssuer(
                IssuerProfile(
                    did: "did:web:certs.example.org", name: "Example", baseURL: "https://certs.example.org", createdAt: Self.start))
            try transaction.saveSigningKey(
                SigningKeyRecord(
                    id: "key-1", publicKeyMultibase: Multikey.encode(key.publicKey), fileName: "key-1.pem", createdAt: Self.start))
            try transaction.saveProgram(Self.program)
        }
        let clock = SharedClock()
        let schedulers = stores.enumerated().map { number, store in
            WorkScheduler(
                environment: IssuerEnvironment(
                    store: store, now: { clock.now }, random: SeededRandomSource(seed: UInt64(number + 1)),
                    keys: InMemoryKeyProvider(keys: ["key-1": key])),
                interval: .seconds(60))
        }
        func race() async -> [WorkScheduler.Tick] {
            await withTaskGroup(of: WorkScheduler.Tick.self) { group in
                for _ in 0..<3 { for scheduler in schedulers { group.addTask { await scheduler.tick() } } }
                return await group.reduce(into: []) { $0.append($1) }
            }
        }
        func outbox(_ event: OutboxEvent) async throws -> Int {
            try await stores[1].read { try $0.outboxMessages(state: nil) }.filter { $0.event == event }.count
        }
        let pipeline = IssuancePipeline(environment: schedulers[0].environment, actor: "lms")
        for number in 1...3 {
            let outcome = try await pipeline.intake(
                CompletionEvent(
                    source: "lms", eventID: "evt-\(number)", programID: Self.program.id,
                    learner: LearnerDetails(externalID: "u-\(number)", email: "l\(number)@example.org", legalName: "Learner \(number)"),
                    completedAt: Self.start, modules: [ModuleCompletion(id: "ladders", completedAt: Self.start)]))
            guard case .scheduled = outcome else { Issue.record("expected scheduled, got \(outcome)"); return }
        }
        clock.advance(by: 48 * 3600)
        let issuing = await race()
        #expect(issuing.flatMap(\.issuedCredentialIDs).count == 3)
        #expect(
            try await stores[1].read { try $0.credentialSummaries(filter: CredentialFilter()) }.filter { $0.state == .active }.count == 3)
        #expect(try await outbox(.credentialIssued) == 6)  // an email and a webhook each, once

        clock.advance(by: 7 * 86_400)
        let following = await race()
        #expect(following.map(\.done).reduce(0, +) == 3)
        #expect(try await outbox(.credentialFollowUp) == 3)

        let validUntil = ISODuration("P1Y")!.added(to: Self.start)
        clock.advance(by: validUntil.addingTimeInterval(-7 * 86_400).timeIntervalSince(clock.now))
        _ = await race()
        #expect(try await outbox(.credentialExpiring) == 18)  // 90, 30 and 7 days: an email and a webhook each
        #expect(try await outbox(.credentialExpired) == 0)
        clock.advance(by: 7 * 86_400)
        _ = await race()
        #expect(try await outbox(.credentialExpired) == 3)
        #expect(try await outbox(.credentialExpiring) == 18)
        try await TestPostgres.drop(first)
        await second.closeIdleConnections()
    }
}
