import Ed25519
import Foundation
import IssuerCore
import Synchronization
import Testing
import VerifiableCredentials

@testable import PostgresStore

/// Issue 20 point 4, inside the store: three `PostgresIssuerStore`s on one schema (three
/// `attest serve` instances on one database), each with its own connections, run real
/// transactions at the same time, and what SQLite's single writer guaranteed still holds.
@Suite("Several instances on one PostgreSQL database")
struct MultiInstanceStoreTests {
    static let start = DateTimeStamp.parse("2026-11-23T09:00:00Z")!
    static let program = Program(
        id: "working-at-height-2",
        achievement: Achievement(name: "Working at Height", description: "Safe work on ladders.", criteria: "All modules and 80%."),
        validity: ISODuration("P3Y"),
        rules: CompletionRules(requiredModules: ["ladders"], minimumScore: 80))

    /// Three instances of one issuer: three stores, each on its own database object (its own
    /// connections and threads) over the same schema, each with its own pipeline and randomness.
    struct Instances {
        let stores: [PostgresIssuerStore]
        let pipelines: [IssuancePipeline]
        let key: Ed25519PrivateKey

        init(count: Int = 3) async throws {
            let first = try await TestPostgres.freshDatabase()
            let location = first.location
            var stores = [try await PostgresIssuerStore(database: first, sealer: SecretSealer(key: Array(repeating: 1, count: 32))!)]
            for _ in 1..<count {
                let database = try PostgresStoreDatabase(location: location, schema: first.schema, maximumConnections: 4)
                stores.append(try await PostgresIssuerStore(database: database, sealer: SecretSealer(key: Array(repeating: 1, count: 32))!))
            }
            key = try Ed25519PrivateKey(seed: [UInt8](repeating: 3, count: 32))
            let key = self.key
            let issuer = IssuerProfile(
                did: "did:web:certs.example.org", name: "Example Training", baseURL: "https://certs.example.org",
                createdAt: MultiInstanceStoreTests.start)
            try await stores[0].write { transaction in
                try transaction.saveIssuer(issuer)
                try transaction.saveSigningKey(
                    SigningKeyRecord(
                        id: "key-1", publicKeyMultibase: Multikey.encode(key.publicKey), fileName: "key-1.pem",
                        createdAt: MultiInstanceStoreTests.start))
                try transaction.saveProgram(MultiInstanceStoreTests.program)
            }
            self.stores = stores
            pipelines = stores.enumerated().map { number, store in
                IssuancePipeline(
                    environment: IssuerEnvironment(
                        store: store, now: { MultiInstanceStoreTests.start }, random: SeededRandomSource(seed: UInt64(number + 1)),
                        keys: InMemoryKeyProvider(keys: ["key-1": key])),
                    actor: "instance-\(number + 1)")
            }
        }

        func drop() async throws {
            try await TestPostgres.drop(stores[0].database)
            for store in stores.dropFirst() { await store.database.closeIdleConnections() }
        }
    }

    static func event(_ number: Int) -> CompletionEvent {
        CompletionEvent(
            source: "lms", eventID: "evt-\(number)", programID: program.id,
            learner: LearnerDetails(externalID: "u-\(number)", email: "learner\(number)@example.org", legalName: "Learner \(number)"),
            completedAt: start, score: 92, minutes: 60, modules: [ModuleCompletion(id: "ladders", completedAt: start)])
    }

    @Test func theSameEventPostedToThreeInstancesAtOnceIsOneCompletion() async throws {
        let instances = try await Instances()
        for number in 1...5 {
            let outcomes = try await withThrowingTaskGroup(of: IntakeOutcome.self) { group in
                for pipeline in instances.pipelines { group.addTask { try await pipeline.intake(Self.event(number)) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let issued = outcomes.filter { if case .issued = $0 { true } else { false } }
            let duplicates = outcomes.filter { if case .duplicate = $0 { true } else { false } }
            #expect(issued.count == 1, "event \(number): \(outcomes)")
            #expect(duplicates.count == 2, "event \(number): \(outcomes)")
            #expect(Set(outcomes.map(\.completionID)).count == 1, "every instance answers with the one completion")
        }
        let counts = try await instances.stores[2].read { reading in
            (try reading.completions(state: nil).count, try reading.credentialSummaries(filter: CredentialFilter()).count)
        }
        #expect(counts == (5, 5))
        try await instances.drop()
    }

    /// The store-level race: three instances insert a completion for the same event at once; one is
    /// stored, the others are refused with the error SQLite gives (`duplicate`).
    @Test func aReplayedEventRacingOnThreeInstancesIsRefusedAsADuplicate() async throws {
        let instances = try await Instances()
        try await instances.stores[0].write { transaction in
            try transaction.saveLearner(Learner(id: "lrn-1", externalID: "u-1", email: "a@example.org", legalName: "Ada"))
        }
        let results = await withTaskGroup(of: Result<Void, IssuerError>.self) { group in
            for (number, store) in instances.stores.enumerated() {
                group.addTask {
                    do {
                        try await store.write { transaction in
                            try transaction.insertCompletion(
                                CompletionRecord(
                                    id: "cmp-\(number)", event: Self.event(1), learnerID: "lrn-1", receivedAt: Self.start, state: .issued,
                                    reasons: []))
                        }
                        return .success(())
                    } catch let error as IssuerError {
                        return .failure(error)
                    } catch {
                        return .failure(IssuerError(.storeUnavailable, "\(error)"))
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let refusals = results.compactMap { if case .failure(let error) = $0 { error } else { nil } }
        #expect(results.count - refusals.count == 1)
        #expect(refusals.map(\.code) == [.duplicate, .duplicate], "\(refusals)")
        #expect(refusals.allSatisfy { $0.reason.contains("already stored") })
        try await instances.drop()
    }

    /// 45 completions taken in at once across three instances: every status index is given once,
    /// the lists count exactly what was given, and the audit chain has one head and verifies.
    @Test func statusIndexesAreNeverGivenTwiceAndTheAuditChainNeverForks() async throws {
        let instances = try await Instances()
        let outcomes = try await withThrowingTaskGroup(of: IntakeOutcome.self) { group in
            for number in 0..<45 {
                let pipeline = instances.pipelines[number % 3]
                group.addTask { try await pipeline.intake(Self.event(number)) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.allSatisfy { if case .issued = $0 { true } else { false } }, "\(outcomes)")
        let (credentials, lists, audit) = try await instances.stores[1].read { reading in
            (
                try reading.credentialSummaries(filter: CredentialFilter()), try reading.statusLists(purpose: nil),
                try reading.auditEntries(from: 1, limit: 10_000)
            )
        }
        #expect(credentials.count == 45)
        let revocationEntries = Set(credentials.map { "\($0.revocationList)#\($0.revocationIndex)" })
        let suspensionEntries = Set(credentials.map { "\($0.suspensionList)#\($0.suspensionIndex)" })
        #expect(revocationEntries.count == 45, "no revocation index twice")
        #expect(suspensionEntries.count == 45, "no suspension index twice")
        for list in lists {
            let held = credentials.filter { $0.revocationList == list.id || $0.suspensionList == list.id }.count
            #expect(list.allocated == held, "\(list.id) counts what credentials hold")
        }
        let result = AuditChainVerifier(keys: ["key-1": instances.key.publicKey]).verify(audit)
        #expect(result.firstBroken == nil, "\(String(describing: result.firstBroken))")
        #expect(result.intactEntries == audit.count)
        #expect(audit.count >= 45)
        try await instances.drop()
    }

    /// Outbox workers on three instances, four each, claim 40 due rows at once the way
    /// `OutboxWorker.claim` does (read the row in a write transaction, check it is due, count the
    /// attempt and reserve it): each row is claimed by exactly one of them.
    @Test func eachOutboxRowIsClaimedByOneWorker() async throws {
        let instances = try await Instances()
        let ids = (0..<40).map { "msg-\($0)" }
        try await instances.stores[0].write { transaction in
            for id in ids {
                try transaction.saveOutboxMessage(
                    OutboxMessage(
                        id: id, channel: .email, event: .credentialIssued, subjectID: "cred-\(id)", recipient: "a@example.org",
                        createdAt: Self.start))
            }
        }
        let claims = try await withThrowingTaskGroup(of: [String].self) { group in
            for worker in 0..<12 {
                let store = instances.stores[worker % 3]
                group.addTask {
                    var claimed: [String] = []
                    for id in ids.shuffled() {
                        let now = Self.start.addingTimeInterval(1)
                        let won = try await store.write { transaction -> Bool in
                            guard var row = try transaction.outboxMessage(id: id), row.state == .pending,
                                (row.nextAttemptAt ?? row.createdAt) <= now
                            else { return false }
                            row.attempts += 1
                            row.nextAttemptAt = now.addingTimeInterval(300)
                            try transaction.saveOutboxMessage(row)
                            return true
                        }
                        if won { claimed.append(id) }
                    }
                    return claimed
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(claims.sorted() == ids.sorted(), "every row claimed, none twice")
        let attempts = try await instances.stores[2].read { try $0.outboxMessages(state: .pending).map(\.attempts) }
        #expect(attempts == Array(repeating: 1, count: 40))
        try await instances.drop()
    }

    /// The compliance scheduler's lock: one instance holds it, the others cannot take it; when the
    /// holder's connection goes (its process died), another takes it.
    @Test func exclusiveWorkIsHeldByOneInstanceAndMovesWhenItsHolderGoes() async throws {
        let instances = try await Instances()
        let first = PostgresExclusiveWorkLock(database: instances.stores[0].database)
        let second = PostgresExclusiveWorkLock(database: instances.stores[1].database)
        let third = PostgresExclusiveWorkLock(database: instances.stores[2].database)
        #expect(try await first.tryAcquire("compliance-scheduler"))
        #expect(try await first.tryAcquire("compliance-scheduler"), "the holder keeps it")
        #expect(try await second.tryAcquire("compliance-scheduler") == false)
        #expect(try await third.tryAcquire("compliance-scheduler") == false)
        #expect(try await second.tryAcquire("another-job"), "each name is its own lock")

        // Another issuer in the same database (another schema) has its own scheduler.
        let elsewhere = try await TestPostgres.freshDatabase()
        let otherIssuer = PostgresExclusiveWorkLock(database: elsewhere)
        #expect(try await otherIssuer.tryAcquire("compliance-scheduler"))

        await first.close()
        var taken = false
        let deadline = Date().addingTimeInterval(30)
        while !taken && Date() < deadline {
            taken = try await second.tryAcquire("compliance-scheduler")
            if !taken { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(taken, "the lock moved when its holder's connection closed")
        #expect(try await third.tryAcquire("compliance-scheduler") == false)
        #expect(try await first.tryAcquire("compliance-scheduler") == false, "the old holder reconnects as a follower")

        try await second.release("compliance-scheduler")
        #expect(try await third.tryAcquire("compliance-scheduler"), "a released lock is free at once")

        for lock in [first, second, third, otherIssuer] { await lock.close() }
        try await TestPostgres.drop(elsewhere)
        try await instances.drop()
    }

    /// `attest serve` asks one lock for two names at once (the compliance and the work scheduler):
    /// on a fresh lock both wait for the same connection, so one instance holds both names and no
    /// connection is left unclosed (a debug build traps on one: `attest serve` on PostgreSQL crashed
    /// at its first tick).
    @Test func twoNamesAskedAtOnceShareOneConnection() async throws {
        let instances = try await Instances()
        let lock = PostgresExclusiveWorkLock(database: instances.stores[0].database)
        let other = PostgresExclusiveWorkLock(database: instances.stores[1].database)
        async let compliance = lock.tryAcquire("compliance-scheduler")
        async let work = lock.tryAcquire("work-scheduler")
        #expect(try await (compliance, work) == (true, true))
        await lock.close()
        // Both names went with the one connection.
        var freed = false
        let deadline = Date().addingTimeInterval(30)
        while !freed && Date() < deadline {
            let compliance = try await other.tryAcquire("compliance-scheduler")
            let work = try await other.tryAcquire("work-scheduler")
            freed = compliance && work
            if !freed { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(freed)
        await other.close()
        try await instances.drop()
    }
}
