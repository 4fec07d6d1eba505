import Foundation
import IssuerCore
import SQLiteStore
import Testing

/// Every record goes in and comes back identical, in every store.
@Suite("IssuerStore round trips")
struct IssuerStoreRoundTripTests {
    /// Where a file store keeps its file; removed when the test ends.
    let scratch: TemporaryDirectory

    init() throws {
        scratch = try TemporaryDirectory()
    }

    @Test(arguments: StoreKind.allCases)
    func anEmptyStoreHasNothing(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.read { reading throws in
            #expect(try reading.issuer() == nil)
            #expect(try reading.signingKeys().isEmpty)
            #expect(try reading.programs().isEmpty)
            #expect(try reading.program(id: "working-at-height") == nil)
            #expect(try reading.learner(id: "lrn-1") == nil)
            #expect(try reading.learner(externalID: "lms-user-1") == nil)
            #expect(try reading.completion(id: "cmp-1") == nil)
            #expect(try reading.completion(source: "lms", eventID: "event-cmp-1") == nil)
            #expect(try reading.completions(state: nil).isEmpty)
            #expect(try reading.credential(id: "cred-1") == nil)
            #expect(try reading.currentCredential(learnerID: "lrn-1", programID: "working-at-height") == nil)
            #expect(try reading.credentials(filter: CredentialFilter()).isEmpty)
            #expect(try reading.isStatusIndexTaken(list: "revocation-1", index: 0) == false)
            #expect(try reading.statusLists(purpose: nil).isEmpty)
            #expect(try reading.lastAuditEntry() == nil)
            #expect(try reading.auditEntries(from: 1, limit: 10).isEmpty)
            #expect(try reading.outboxMessages(state: nil).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func everyRecordReadsBackIdentical(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        let credential = Samples.credential("cred-1", revocationIndex: 70_001, suspensionIndex: 12)
        let completion = Samples.completion("cmp-1", state: .held)
        let outbox = Samples.outboxMessage("out-1", createdAt: 40, state: .failed)
        try await store.write { transaction in
            try transaction.saveIssuer(Samples.issuer)
            try transaction.saveSigningKey(Samples.signingKey(1, retiredAt: Samples.date(99.5)))
            try transaction.saveProgram(Samples.program())
            try transaction.saveLearner(Samples.learner(1))
            try transaction.insertCompletion(completion)
            try transaction.insertCredential(credential)
            try transaction.saveStatusList(Samples.statusList(.revocation))
            try transaction.appendAuditEntry(Samples.auditEntry(1))
            try transaction.saveOutboxMessage(outbox)
        }
        try await store.read { reading throws in
            #expect(try reading.issuer() == Samples.issuer)
            #expect(try reading.signingKeys() == [Samples.signingKey(1, retiredAt: Samples.date(99.5))])
            #expect(try reading.program(id: "working-at-height") == Samples.program())
            #expect(try reading.programs() == [Samples.program()])
            #expect(try reading.learner(id: "lrn-1") == Samples.learner(1))
            #expect(try reading.learner(externalID: "lms-user-1") == Samples.learner(1))
            #expect(try reading.completion(id: "cmp-1") == completion)
            #expect(try reading.completion(source: "lms", eventID: "event-cmp-1") == completion)
            #expect(try reading.credential(id: "cred-1") == credential)
            #expect(try reading.currentCredential(learnerID: "lrn-1", programID: "working-at-height") == credential)
            #expect(try reading.isStatusIndexTaken(list: "revocation-1", index: 70_001))
            #expect(try reading.isStatusIndexTaken(list: "suspension-1", index: 12))
            #expect(try reading.isStatusIndexTaken(list: "revocation-1", index: 12) == false)
            #expect(try reading.isStatusIndexTaken(list: "suspension-1", index: 70_001) == false)
            #expect(try reading.statusList(id: "revocation-1") == Samples.statusList(.revocation))
            #expect(try reading.lastAuditEntry() == Samples.auditEntry(1))
            #expect(try reading.outboxMessages(state: nil) == [outbox])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func savesReplaceByIdAndUpdatesChangeInPlace(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.write { try Samples.seed(in: $0) }

        var issuer = Samples.issuer
        issuer.name = "Example Academy Ltd"
        issuer.email = nil
        let retired = Samples.signingKey(1, retiredAt: Samples.date(50))
        let program = Samples.program(version: 2)
        var learner = Samples.learner(1)
        learner.email = "new@example.org"
        learner.preferredName = "Zo"
        var completion = Samples.completion("cmp-1", state: .held)
        completion.state = .issued
        completion.reviewedBy = "alice"
        completion.reviewNote = "name checked against ID"
        completion.reviewedAt = Samples.date(60.75)
        var credential = Samples.credential("cred-1", state: .pending, revocationIndex: 5)
        var list = Samples.statusList(.suspension, allocated: 1)
        var message = Samples.outboxMessage("out-1", createdAt: 1)

        try await store.write { [credential] transaction in
            try transaction.insertCredential(credential)
            try transaction.saveStatusList(Samples.statusList(.suspension))
            try transaction.saveOutboxMessage(Samples.outboxMessage("out-1", createdAt: 1))
        }
        credential.state = .revoked
        credential.stateReason = "issued in error"
        credential.pdf = nil
        list.bits[0] = 0xFF
        message.state = .sent
        message.attempts = 1
        try await store.write { [issuer, learner, completion, credential, list, message] transaction in
            try transaction.saveIssuer(issuer)
            try transaction.saveSigningKey(retired)
            try transaction.saveSigningKey(Samples.signingKey(2))
            try transaction.saveProgram(program)
            try transaction.saveLearner(learner)
            try transaction.updateCompletion(completion)
            try transaction.updateCredential(credential)
            try transaction.saveStatusList(list)
            try transaction.saveOutboxMessage(message)
        }
        try await store.read { [issuer, learner, completion, credential, list, message] reading throws in
            #expect(try reading.issuer() == issuer)
            #expect(try reading.signingKeys() == [retired, Samples.signingKey(2)])
            #expect(try reading.programs() == [program])
            #expect(try reading.learner(id: "lrn-1") == learner)
            #expect(try reading.completion(id: "cmp-1") == completion)
            #expect(try reading.credential(id: "cred-1") == credential)
            #expect(try reading.credentials(filter: CredentialFilter()) == [credential])
            #expect(try reading.statusLists(purpose: nil) == [list])
            #expect(try reading.outboxMessages(state: nil) == [message])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func updatingWhatIsNotStoredIsNotFound(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await store.write { try Samples.seed(in: $0) }
        await #expect(throws: IssuerError(.notFound, "completion cmp-404")) {
            try await store.write { try $0.updateCompletion(Samples.completion("cmp-404")) }
        }
        await #expect(throws: IssuerError(.notFound, "credential cred-404")) {
            try await store.write { try $0.updateCredential(Samples.credential("cred-404", revocationIndex: 1)) }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func readsInsideAWriteSeeItsOwnWrites(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        let seen = try await store.write { transaction in
            try Samples.seed(in: transaction)
            try transaction.insertCredential(Samples.credential("cred-1", revocationIndex: 3))
            return (
                try transaction.completion(source: "lms", eventID: "event-cmp-1")?.id, try transaction.credential(id: "cred-1")?.id,
                try transaction.isStatusIndexTaken(list: "revocation-1", index: 3)
            )
        }
        #expect(seen.0 == "cmp-1")
        #expect(seen.1 == "cred-1")
        #expect(seen.2)
    }
}
