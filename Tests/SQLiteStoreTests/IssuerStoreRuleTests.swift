import Foundation
import IssuerCore
import SQLiteStore
import Testing

/// The uniqueness rules of ``IssuerStore``: refused by every store, with the same message, and
/// without disturbing the rest of the transaction.
@Suite("IssuerStore rules")
struct IssuerStoreRuleTests {
    /// Where a file store keeps its file; removed when the test ends.
    let scratch: TemporaryDirectory

    init() throws {
        scratch = try TemporaryDirectory()
    }

    @Test(arguments: StoreKind.allCases)
    func aReplayedEventIsRefused(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.write { try Samples.seed(in: $0) }
        // Same source and event id under a new completion id: a replay.
        await #expect(throws: IssuerError(.duplicate, "event event-cmp-1 from lms is already stored")) {
            try await store.write { try $0.insertCompletion(Samples.completion("cmp-2", eventID: "event-cmp-1")) }
        }
        // The same event id from another source is a different event.
        var otherSource = Samples.completion("cmp-3", eventID: "event-cmp-1", receivedAt: 11)
        otherSource.event.source = "csv:march.csv"
        try await store.write { [otherSource] in try $0.insertCompletion(otherSource) }
        #expect(try await store.read { try $0.completions(state: nil).map(\.id) } == ["cmp-1", "cmp-3"])
    }

    @Test(arguments: StoreKind.allCases)
    func aSecondCurrentCredentialIsRefusedUntilTheFirstIsSuperseded(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.write { transaction in
            try Samples.seed(in: transaction)
            try transaction.insertCredential(Samples.credential("cred-1", revocationIndex: 1))
        }
        for state in [CredentialState.pending, .active, .suspended, .revoked] {
            await #expect(throws: IssuerError(.duplicate, "learner lrn-1 already holds a credential for working-at-height")) {
                try await store.write { try $0.insertCredential(Samples.credential("cred-2", state: state, revocationIndex: 2)) }
            }
        }
        // Another program or another learner is fine; so is a reissue once the old one is superseded.
        try await store.write { transaction in
            try transaction.saveProgram(Samples.program("first-aid"))
            try transaction.insertCredential(Samples.credential("cred-2", program: "first-aid", revocationIndex: 2))
            try transaction.insertCredential(Samples.credential("cred-3", learner: 2, revocationIndex: 3))
            var old = try #require(try transaction.credential(id: "cred-1"))
            old.state = .superseded
            old.supersededBy = "cred-4"
            try transaction.updateCredential(old)
            var new = Samples.credential("cred-4", revocationIndex: 4)
            new.supersedes = "cred-1"
            try transaction.insertCredential(new)
        }
        let current = try await store.read { try $0.currentCredential(learnerID: "lrn-1", programID: "working-at-height") }
        #expect(current?.id == "cred-4")
        #expect(current?.supersedes == "cred-1")
    }

    @Test(arguments: StoreKind.allCases)
    func aTakenCredentialIdOrStatusIndexIsRefused(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.write { transaction in
            try Samples.seed(in: transaction)
            try transaction.insertCredential(Samples.credential("cred-1", revocationIndex: 100, suspensionIndex: 200))
        }
        await #expect(throws: IssuerError(.duplicate, "credential id cred-1 is taken")) {
            try await store.write { try $0.insertCredential(Samples.credential("cred-1", learner: 2, revocationIndex: 1)) }
        }
        await #expect(throws: IssuerError(.duplicate, "a status index of credential cred-2 is taken")) {
            try await store.write {
                try $0.insertCredential(Samples.credential("cred-2", learner: 2, revocationIndex: 100, suspensionIndex: 1))
            }
        }
        await #expect(throws: IssuerError(.duplicate, "a status index of credential cred-2 is taken")) {
            try await store.write {
                try $0.insertCredential(Samples.credential("cred-2", learner: 2, revocationIndex: 1, suspensionIndex: 200))
            }
        }
        // The same number in the other purpose's list is another entry.
        try await store.write {
            try $0.insertCredential(Samples.credential("cred-2", learner: 2, revocationIndex: 200, suspensionIndex: 100))
        }
        #expect(try await store.read { try $0.credentials(filter: CredentialFilter()).count } == 2)
    }

    @Test(arguments: StoreKind.allCases)
    func auditEntriesFollowTheLastOneWithoutGaps(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        await #expect(throws: IssuerError(.duplicate, "audit entry 2 does not follow 0")) {
            try await store.write { try $0.appendAuditEntry(Samples.auditEntry(2)) }
        }
        try await store.write { try $0.appendAuditEntry(Samples.auditEntry(1)) }
        await #expect(throws: IssuerError(.duplicate, "audit entry 1 does not follow 1")) {
            try await store.write { try $0.appendAuditEntry(Samples.auditEntry(1)) }
        }
        await #expect(throws: IssuerError(.duplicate, "audit entry 3 does not follow 1")) {
            try await store.write { try $0.appendAuditEntry(Samples.auditEntry(3)) }
        }
        try await store.write { transaction in
            for sequence in 2...5 { try transaction.appendAuditEntry(Samples.auditEntry(sequence)) }
        }
        try await store.read { reading throws in
            #expect(try reading.lastAuditEntry()?.sequence == 5)
            #expect(try reading.auditEntries(from: 1, limit: 100) == (1...5).map(Samples.auditEntry))
            #expect(try reading.auditEntries(from: 3, limit: 2) == [Samples.auditEntry(3), Samples.auditEntry(4)])
            #expect(try reading.auditEntries(from: 6, limit: 2).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aLearnerExternalIdBelongsToOneLearner(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.write { try $0.saveLearner(Samples.learner(1)) }
        var impostor = Samples.learner(2)
        impostor.externalID = "lms-user-1"
        await #expect(throws: IssuerError(.duplicate, "a learner with external id lms-user-1 exists")) {
            try await store.write { [impostor] in try $0.saveLearner(impostor) }
        }
        #expect(try await store.read { try $0.learner(externalID: "lms-user-1")?.id } == "lrn-1")
    }

    @Test(arguments: StoreKind.allCases)
    func aThrownErrorRollsBackTheWholeTransaction(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.write { try $0.saveIssuer(Samples.issuer) }
        await #expect(throws: DeliberateFailure()) {
            try await store.write { transaction in
                var renamed = Samples.issuer
                renamed.name = "Renamed"
                try transaction.saveIssuer(renamed)
                try transaction.saveSigningKey(Samples.signingKey(1))
                try transaction.saveProgram(Samples.program())
                try transaction.saveLearner(Samples.learner(1))
                try transaction.insertCompletion(Samples.completion("cmp-1"))
                try transaction.insertCredential(Samples.credential("cred-1", revocationIndex: 1))
                try transaction.saveStatusList(Samples.statusList(.revocation))
                try transaction.appendAuditEntry(Samples.auditEntry(1))
                try transaction.saveOutboxMessage(Samples.outboxMessage("out-1", createdAt: 1))
                throw DeliberateFailure()
            }
        }
        try await store.read { reading throws in
            #expect(try reading.issuer() == Samples.issuer)
            #expect(try reading.signingKeys().isEmpty)
            #expect(try reading.programs().isEmpty)
            #expect(try reading.learner(id: "lrn-1") == nil)
            #expect(try reading.completions(state: nil).isEmpty)
            #expect(try reading.credentials(filter: CredentialFilter()).isEmpty)
            #expect(try reading.isStatusIndexTaken(list: "revocation-1", index: 1) == false)
            #expect(try reading.statusLists(purpose: nil).isEmpty)
            #expect(try reading.lastAuditEntry() == nil)
            #expect(try reading.outboxMessages(state: nil).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aRefusedWriteCaughtInsideTheTransactionLeavesTheRestToCommit(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        let refusal = try await store.write { transaction -> IssuerError? in
            try Samples.seed(in: transaction)
            var refusal: IssuerError?
            do {
                try transaction.insertCompletion(Samples.completion("cmp-2", eventID: "event-cmp-1"))
            } catch let error as IssuerError {
                refusal = error
            }
            try transaction.insertCompletion(Samples.completion("cmp-3", receivedAt: 11))
            return refusal
        }
        #expect(refusal == IssuerError(.duplicate, "event event-cmp-1 from lms is already stored"))
        #expect(try await store.read { try $0.completions(state: nil).map(\.id) } == ["cmp-1", "cmp-3"])
    }
}
