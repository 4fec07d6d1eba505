import Foundation
import IssuerCore
import SQLiteStore
import Testing

/// Several store instances on one file, as when the CLI runs beside `attest serve`.
@Suite("SQLite file shared between stores")
struct SQLiteSharingTests {
    let scratch: TemporaryDirectory

    init() throws {
        scratch = try TemporaryDirectory()
    }

    @Test func twoStoresOnOneFileSeeEachOthersWrites() async throws {
        let first = try SQLiteIssuerStore(path: scratch.file("attest.sqlite"))
        let second = try SQLiteIssuerStore(path: scratch.file("attest.sqlite"))
        try await first.write { try Samples.seed(in: $0) }
        #expect(try await second.read { try $0.completion(id: "cmp-1") } == Samples.completion("cmp-1"))

        try await second.write { try $0.insertCredential(Samples.credential("cred-1", revocationIndex: 9)) }
        #expect(try await first.read { try $0.isStatusIndexTaken(list: "revocation-1", index: 9) })
        // The rules hold across instances: the first store cannot reuse what the second took.
        await #expect(throws: IssuerError(.duplicate, "a status index of credential cred-2 is taken")) {
            try await first.write {
                try $0.insertCredential(Samples.credential("cred-2", learner: 2, revocationIndex: 9, suspensionIndex: 1))
            }
        }
    }

    @Test func concurrentWritesFromManyTasksLoseNothing() async throws {
        let stores = [
            try SQLiteIssuerStore(path: scratch.file("attest.sqlite")), try SQLiteIssuerStore(path: scratch.file("attest.sqlite")),
            try SQLiteIssuerStore(path: scratch.file("attest.sqlite")),
        ]
        let writers = 60
        try await withThrowingTaskGroup(of: Void.self) { group in
            for number in 1...writers {
                let store = stores[number % stores.count]
                group.addTask {
                    // Read-then-write in one transaction: the audit sequence depends on what is
                    // already there, so a lost or interleaved write would leave a gap or a clash.
                    try await store.write { transaction in
                        try transaction.saveLearner(Samples.learner(number))
                        try transaction.insertCompletion(Samples.completion("cmp-\(number)", learner: number, receivedAt: Double(number)))
                        let next = (try transaction.lastAuditEntry()?.sequence ?? 0) + 1
                        try transaction.appendAuditEntry(Samples.auditEntry(next))
                    }
                }
            }
            try await group.waitForAll()
        }
        try await stores[0].read { reading throws in
            #expect(try reading.completions(state: nil).map(\.id) == (1...writers).map { "cmp-\($0)" })
            #expect(try reading.auditEntries(from: 1, limit: 1_000).map(\.sequence) == Array(1...writers))
        }
    }
}
