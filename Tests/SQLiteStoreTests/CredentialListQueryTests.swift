import Foundation
import IssuerCore
import SQLiteStore
import Testing

/// The console's credentials list: filters, newest first, pages after a position, in every store.
@Suite("Credential list queries")
struct CredentialListQueryTests {
    /// Where a file store keeps its file; removed when the test ends.
    let scratch: TemporaryDirectory

    init() throws {
        scratch = try TemporaryDirectory()
    }

    /// Seven credentials: learners 1…4, two programs, four states, issued an hour apart (`c1` first).
    static func seed(_ store: any IssuerStore) async throws {
        try await store.write { transaction in
            try Samples.seed(learners: 4, in: transaction)
            try transaction.saveProgram(Samples.program("first-aid"))
            let plan: [(String, Int, String, CredentialState)] = [
                ("c1", 1, "working-at-height", .active), ("c2", 2, "working-at-height", .revoked),
                ("c3", 3, "working-at-height", .active), ("c4", 1, "first-aid", .suspended),
                ("c5", 2, "first-aid", .active), ("c6", 3, "first-aid", .pending), ("c7", 4, "working-at-height", .active),
            ]
            for (offset, (id, learner, program, state)) in plan.enumerated() {
                var record = Samples.credential(id, learner: learner, program: program, state: state, revocationIndex: offset + 1)
                record.issuedAt = Samples.date(Double(offset) * 3_600)
                if state == .pending { (record.credentialJSON, record.pdf, record.png) = (nil, nil, nil) }
                try transaction.insertCredential(record)
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func filtersAndPages(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await Self.seed(store)
        func ids(_ query: CredentialListQuery) async throws -> [String] {
            try await store.read { try $0.credentialList(query).map(\.id) }
        }
        func count(_ query: CredentialListQuery) async throws -> Int {
            try await store.read { try $0.credentialListCount(query) }
        }
        #expect(try await ids(CredentialListQuery()) == ["c7", "c6", "c5", "c4", "c3", "c2", "c1"])
        #expect(try await count(CredentialListQuery()) == 7)
        #expect(try await ids(CredentialListQuery(programID: "first-aid")) == ["c6", "c5", "c4"])
        #expect(try await ids(CredentialListQuery(state: .active)) == ["c7", "c5", "c3", "c1"])
        #expect(try await ids(CredentialListQuery(programID: "working-at-height", state: .active)) == ["c7", "c3", "c1"])
        #expect(try await count(CredentialListQuery(programID: "working-at-height", state: .active)) == 3)
        // Issued between: from c2's hour (inclusive) to c5's (exclusive).
        #expect(
            try await ids(CredentialListQuery(issuedFrom: Samples.date(3_600), issuedBefore: Samples.date(4 * 3_600)))
                == ["c4", "c3", "c2"])
        // The learner by id, by email in another case, and by the reporting system's id.
        #expect(try await ids(CredentialListQuery(learner: "lrn-1")) == ["c4", "c1"])
        #expect(try await ids(CredentialListQuery(learner: "LEARNER2@Example.org")) == ["c5", "c2"])
        #expect(try await ids(CredentialListQuery(learner: "lms-user-3")) == ["c6", "c3"])
        #expect(try await ids(CredentialListQuery(learner: "nobody")) == [])
        #expect(try await count(CredentialListQuery(learner: "lms-user-3")) == 2)
        // Pages of three, each after the last position of the one before.
        let first = try await store.read { try $0.credentialList(CredentialListQuery(limit: 3)) }
        #expect(first.map(\.id) == ["c7", "c6", "c5"])
        let second = try await store.read { try $0.credentialList(CredentialListQuery(after: first.last!.position, limit: 3)) }
        #expect(second.map(\.id) == ["c4", "c3", "c2"])
        let third = try await store.read { try $0.credentialList(CredentialListQuery(after: second.last!.position, limit: 3)) }
        #expect(third.map(\.id) == ["c1"])
        #expect(try await ids(CredentialListQuery(state: .active, after: first.last!.position, limit: 3)) == ["c3", "c1"])
    }

    @Test(arguments: StoreKind.allCases)
    func rowsCarryTheLearnerAndWhetherThereIsAPDF(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        try await Self.seed(store)
        let rows = try await store.read { try $0.credentialList(CredentialListQuery(learner: "lms-user-3")) }
        let pending = try #require(rows.first)
        #expect(pending.id == "c6" && pending.state == .pending && !pending.hasPDF)
        #expect(pending.learnerName == Samples.learner(3).certificateName)
        #expect(pending.learnerEmail == "learner3@example.org")
        #expect(pending.issuedAt == Samples.date(5 * 3_600))
        let active = try #require(rows.last)
        #expect(active.id == "c3" && active.hasPDF && active.programID == "working-at-height")
        #expect(active.validUntil == Samples.date(94_672_800))
    }
}
