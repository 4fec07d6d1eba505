import Foundation
import IssuerCore
import SQLiteStore
import Testing

/// Filters and orders of the listing queries.
@Suite("IssuerStore queries")
struct IssuerStoreQueryTests {
    /// Where a file store keeps its file; removed when the test ends.
    let scratch: TemporaryDirectory

    init() throws {
        scratch = try TemporaryDirectory()
    }

    @Test(arguments: StoreKind.allCases)
    func credentialFiltersCombineAndKeepInsertionOrder(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.write { transaction in
            try Samples.seed(learners: 3, in: transaction)
            try transaction.saveProgram(Samples.program("first-aid"))
            // Inserted in an order that is neither id order nor date order.
            try transaction.insertCredential(Samples.credential("c-9", learner: 2, revocationIndex: 9))
            try transaction.insertCredential(Samples.credential("c-1", learner: 1, state: .revoked, revocationIndex: 1))
            try transaction.insertCredential(
                Samples.credential("c-5", learner: 1, program: "first-aid", state: .suspended, revocationIndex: 5))
            try transaction.insertCredential(
                Samples.credential("c-3", learner: 3, program: "first-aid", state: .pending, revocationIndex: 3))
        }
        func ids(_ filter: CredentialFilter) async throws -> [String] {
            try await store.read { try $0.credentials(filter: filter).map(\.id) }
        }
        #expect(try await ids(CredentialFilter()) == ["c-9", "c-1", "c-5", "c-3"])
        #expect(try await ids(CredentialFilter(learnerID: "lrn-1")) == ["c-1", "c-5"])
        #expect(try await ids(CredentialFilter(programID: "first-aid")) == ["c-5", "c-3"])
        #expect(try await ids(CredentialFilter(learnerID: "lrn-1", programID: "first-aid")) == ["c-5"])
        #expect(try await ids(CredentialFilter(states: [.active, .pending])) == ["c-9", "c-3"])
        #expect(try await ids(CredentialFilter(states: [])) == [])
        #expect(try await ids(CredentialFilter(programID: "working-at-height", states: [.revoked, .active])) == ["c-9", "c-1"])
        #expect(try await ids(CredentialFilter(limit: 2)) == ["c-9", "c-1"])
        #expect(try await ids(CredentialFilter(states: [.suspended, .pending, .revoked], limit: 2)) == ["c-1", "c-5"])
        #expect(try await ids(CredentialFilter(learnerID: "lrn-404")) == [])
    }

    @Test(arguments: StoreKind.allCases)
    func theCurrentCredentialIsTheNewestThatIsNotSuperseded(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.write { transaction in
            try Samples.seed(in: transaction)
            try transaction.insertCredential(Samples.credential("v1", state: .superseded, revocationIndex: 1))
            try transaction.insertCredential(Samples.credential("v2", state: .superseded, revocationIndex: 2))
        }
        #expect(try await store.read { try $0.currentCredential(learnerID: "lrn-1", programID: "working-at-height") } == nil)
        try await store.write { try $0.insertCredential(Samples.credential("v3", state: .revoked, revocationIndex: 3)) }
        #expect(try await store.read { try $0.currentCredential(learnerID: "lrn-1", programID: "working-at-height")?.id } == "v3")
        #expect(try await store.read { try $0.currentCredential(learnerID: "lrn-2", programID: "working-at-height") } == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func completionsFilterByStateInOrderOfReceipt(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.write { transaction in
            try transaction.saveLearner(Samples.learner(1))
            try transaction.insertCompletion(Samples.completion("cmp-c", state: .held, receivedAt: 30))
            try transaction.insertCompletion(Samples.completion("cmp-a", state: .issued, receivedAt: 50))
            try transaction.insertCompletion(Samples.completion("cmp-b", state: .held, receivedAt: 10))
            try transaction.insertCompletion(Samples.completion("cmp-d", state: .rejected, receivedAt: 20))
        }
        try await store.read { reading throws in
            #expect(try reading.completions(state: nil).map(\.id) == ["cmp-b", "cmp-d", "cmp-c", "cmp-a"])
            #expect(try reading.completions(state: .held).map(\.id) == ["cmp-b", "cmp-c"])
            #expect(try reading.completions(state: .issued).map(\.id) == ["cmp-a"])
            #expect(try reading.completions(state: .rejected).map(\.id) == ["cmp-d"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func outboxMessagesFilterByStateInOrderOfCreation(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.write { transaction in
            try transaction.saveOutboxMessage(Samples.outboxMessage("out-a", createdAt: 30))
            try transaction.saveOutboxMessage(Samples.outboxMessage("out-b", createdAt: 10, state: .sent))
            try transaction.saveOutboxMessage(Samples.outboxMessage("out-c", createdAt: 20))
            try transaction.saveOutboxMessage(Samples.outboxMessage("out-d", createdAt: 0.000_001, state: .failed))
        }
        try await store.read { reading throws in
            #expect(try reading.outboxMessages(state: nil).map(\.id) == ["out-d", "out-b", "out-c", "out-a"])
            #expect(try reading.outboxMessages(state: .pending).map(\.id) == ["out-c", "out-a"])
            #expect(try reading.outboxMessages(state: .failed).map(\.id) == ["out-d"])
            #expect(try reading.outboxMessage(id: "out-b") == Samples.outboxMessage("out-b", createdAt: 10, state: .sent))
            #expect(try reading.outboxMessage(id: "out-z") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func statusListsFilterByPurposeInIdOrder(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.write { transaction in
            try transaction.saveStatusList(Samples.statusList(.suspension, number: 1))
            try transaction.saveStatusList(Samples.statusList(.revocation, number: 2))
            try transaction.saveStatusList(Samples.statusList(.revocation, number: 1))
        }
        try await store.read { reading throws in
            #expect(try reading.statusLists(purpose: nil).map(\.id) == ["revocation-1", "revocation-2", "suspension-1"])
            #expect(try reading.statusLists(purpose: .revocation).map(\.id) == ["revocation-1", "revocation-2"])
            #expect(try reading.statusLists(purpose: .suspension) == [Samples.statusList(.suspension, number: 1)])
            #expect(try reading.statusList(id: "revocation-3") == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func signingKeysListInOrderOfCreation(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.write { transaction in
            try transaction.saveSigningKey(Samples.signingKey(3))
            try transaction.saveSigningKey(Samples.signingKey(1, retiredAt: Samples.date(2)))
            try transaction.saveSigningKey(Samples.signingKey(2, retiredAt: Samples.date(3)))
        }
        #expect(try await store.read { try $0.signingKeys().map(\.id) } == ["key-1", "key-2", "key-3"])
    }
}
