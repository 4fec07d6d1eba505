import Foundation
import IssuerCore
import SQLiteStore
import Testing

/// Rules every `IssuerStore` holds, SQLite and in-memory alike: updates that break a uniqueness
/// rule, rows that name what is not stored, and a stable order for equal timestamps.
@Suite("IssuerStore strict rules")
struct IssuerStoreStrictRuleTests {
    let scratch: TemporaryDirectory

    init() throws {
        scratch = try TemporaryDirectory()
    }

    /// Runs `check` for either store: both must hold the rule (no known-issue excuse any more).
    func expectRule(_ kind: StoreKind, _ check: () async throws -> Void) async throws {
        try await check()
    }

    @Test(arguments: StoreKind.allCases)
    func anUpdateCannotMakeASecondCurrentCredential(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.write { transaction in
            try Samples.seed(in: transaction)
            try transaction.insertCredential(Samples.credential("cred-1", state: .superseded, revocationIndex: 1))
            try transaction.insertCredential(Samples.credential("cred-2", revocationIndex: 2))
        }
        try await expectRule(kind) {
            await #expect(throws: IssuerError(.duplicate, "learner lrn-1 already holds a credential for working-at-height")) {
                try await store.write { try $0.updateCredential(Samples.credential("cred-1", state: .active, revocationIndex: 1)) }
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anUpdateCannotMoveOntoATakenStatusIndex(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.write { transaction in
            try Samples.seed(in: transaction)
            try transaction.insertCredential(Samples.credential("cred-1", revocationIndex: 1))
            try transaction.insertCredential(Samples.credential("cred-2", learner: 2, revocationIndex: 2))
        }
        try await expectRule(kind) {
            await #expect(throws: IssuerError(.duplicate, "a status index of credential cred-2 is taken")) {
                try await store.write {
                    try $0.updateCredential(Samples.credential("cred-2", learner: 2, revocationIndex: 1, suspensionIndex: 2))
                }
            }
        }
        // Keeping its own indexes is no conflict.
        try await store.write { try $0.updateCredential(Samples.credential("cred-2", learner: 2, state: .suspended, revocationIndex: 2)) }
    }

    @Test(arguments: StoreKind.allCases)
    func aCredentialMustNameAStoredLearnerProgramAndCompletion(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.write { try Samples.seed(in: $0) }
        try await expectRule(kind) {
            await #expect(throws: IssuerError(.notFound, "credential cred-1 names learner lrn-404, who is not stored")) {
                try await store.write { try $0.insertCredential(Samples.credential("cred-1", learner: 404, revocationIndex: 1)) }
            }
            await #expect(throws: IssuerError(.notFound, "credential cred-1 names program first-aid, which is not stored")) {
                try await store.write { try $0.insertCredential(Samples.credential("cred-1", program: "first-aid", revocationIndex: 1)) }
            }
            await #expect(throws: IssuerError(.notFound, "credential cred-1 names completion cmp-404, which is not stored")) {
                try await store.write { try $0.insertCredential(Samples.credential("cred-1", completion: "cmp-404", revocationIndex: 1)) }
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aCompletionMustNameAStoredLearner(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await expectRule(kind) {
            await #expect(throws: IssuerError(.notFound, "completion cmp-1 names learner lrn-1, who is not stored")) {
                try await store.write { try $0.insertCompletion(Samples.completion("cmp-1")) }
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func equalTimestampsListInIdOrder(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        let ids = ["c", "a", "e", "b", "d"]
        try await store.write { transaction in
            try transaction.saveLearner(Samples.learner(1))
            for id in ids {
                try transaction.insertCompletion(Samples.completion("cmp-\(id)", receivedAt: 5))
                try transaction.saveOutboxMessage(Samples.outboxMessage("out-\(id)", createdAt: 5))
                var key = Samples.signingKey(1)
                key.id = "key-\(id)"
                try transaction.saveSigningKey(key)
            }
        }
        try await expectRule(kind) {
            try await store.read { reading throws in
                #expect(try reading.completions(state: nil).map(\.id) == ids.sorted().map { "cmp-\($0)" })
                #expect(try reading.outboxMessages(state: nil).map(\.id) == ids.sorted().map { "out-\($0)" })
                #expect(try reading.signingKeys().map(\.id) == ids.sorted().map { "key-\($0)" })
            }
        }
    }
}
