import Foundation
import GRDB
import IssuerCore
import SQLiteStore
import Testing

/// The staff console's learner search and review queue read the same from every store: words
/// typed match the beginnings of names, addresses and LMS ids, pages come from the store, and the
/// index follows every change of a learner.
@Suite("Learner search and review queue")
struct LearnerDirectoryStoreTests {
    static let people: [(String, String, String, String?)] = [
        ("ana", "Ana Lima", "alima@oldmail.example", nil),
        ("bruno", "Bruno Lima Costa", "b.costa@example.net", "Bruno Costa"),
        ("chloe", "Chloé Durand", "chloe@example.org", nil),
        ("dmitri", "Dmitri Ivanov", "dmitri@site.example", "Dima Ivanov"),
        ("zoe", "Zoë Åkesson", "zoe@example.org", nil),
    ]

    func seeded(_ kind: StoreKind, in scratch: TemporaryDirectory) async throws -> any IssuerStore {
        let store = try kind.makeStore(in: scratch)
        try await store.write { transaction in
            try Samples.seed(learners: 1, in: transaction)
            for (number, person) in Self.people.enumerated() {
                try transaction.saveLearner(
                    Learner(
                        id: "lrn-\(person.0)", externalID: "u-\(100 + number)", email: person.2, legalName: person.1,
                        preferredName: person.3))
            }
        }
        return store
    }

    func search(_ store: any IssuerStore, _ text: String, limit: Int = 50, offset: Int = 0) async throws -> [String] {
        try await store.read { try $0.learners(matching: LearnerSearchText(text), limit: limit, offset: offset).map(\.id) }
    }

    @Test(arguments: StoreKind.allCases)
    func searchMatchesBeginningsOfNamesAddressesAndLMSIDs(kind: StoreKind) async throws {
        let scratch = try TemporaryDirectory()
        let store = try await seeded(kind, in: scratch)
        #expect(try await search(store, "lima") == ["lrn-ana", "lrn-bruno"])
        #expect(try await search(store, "Lim") == ["lrn-ana", "lrn-bruno"])
        #expect(try await search(store, "ana lima") == ["lrn-ana"])
        #expect(try await search(store, "alima@oldmail.example") == ["lrn-ana"])
        #expect(try await search(store, "u-103") == ["lrn-dmitri"])
        #expect(try await search(store, "dima") == ["lrn-dmitri"], "the preferred name is searched too")
        #expect(try await search(store, "chloe") == ["lrn-chloe"], "accents do not matter")
        #expect(try await search(store, "ÅKESSON") == ["lrn-zoe"])
        #expect(try await search(store, "ZOË") == ["lrn-zoe", "lrn-1"], "the sample learner is a Zoë too")
        #expect(try await search(store, "ima") == [], "words match from their beginning only")
        #expect(try await search(store, "\"lima\" OR ana* NEAR(") == [], "search syntax is taken as words, all required")
    }

    @Test(arguments: StoreKind.allCases)
    func everyLearnerIsListedByCertificateNameInPages(kind: StoreKind) async throws {
        let scratch = try TemporaryDirectory()
        let store = try await seeded(kind, in: scratch)
        let all = try await search(store, "  ")
        #expect(all == ["lrn-ana", "lrn-bruno", "lrn-chloe", "lrn-dmitri", "lrn-zoe", "lrn-1"])
        #expect(try await search(store, "", limit: 2, offset: 2) == ["lrn-chloe", "lrn-dmitri"])
        #expect(try await search(store, "example", limit: 2, offset: 1) == ["lrn-bruno", "lrn-chloe"])
        #expect(try await search(store, "oldmail") == ["lrn-ana"])
    }

    @Test(arguments: StoreKind.allCases)
    func theIndexFollowsChangedLearners(kind: StoreKind) async throws {
        let scratch = try TemporaryDirectory()
        let store = try await seeded(kind, in: scratch)
        try await store.write { transaction in
            var ana = try #require(try transaction.learner(id: "lrn-ana"))
            ana.email = "ana@newmail.example"
            ana.preferredName = "Ana Souza"
            try transaction.saveLearner(ana)
        }
        #expect(try await search(store, "newmail") == ["lrn-ana"])
        #expect(try await search(store, "souza") == ["lrn-ana"])
        #expect(try await search(store, "oldmail") == [], "the old address no longer finds her")
        #expect(try await search(store, "lima") == ["lrn-ana", "lrn-bruno"], "her legal name still does")
    }

    @Test(arguments: StoreKind.allCases)
    func theReviewQueueFiltersByProgramAndAgeAndPagesOldestFirst(kind: StoreKind) async throws {
        let scratch = try TemporaryDirectory()
        let store = try kind.makeStore(in: scratch)
        try await store.write { transaction in
            try Samples.seed(learners: 2, in: transaction)
            for (number, offset) in [300.0, 100, 200, 400].enumerated() {
                try transaction.insertCompletion(Samples.completion("held-\(number)", state: .held, receivedAt: offset))
            }
            var other = Samples.completion("held-other", learner: 2, state: .held, receivedAt: 50)
            other.event.programID = "first-aid"
            try transaction.insertCompletion(other)
            try transaction.insertCompletion(Samples.completion("done", state: .rejected, receivedAt: 60))
        }
        func ids(_ filter: ReviewQueueFilter, limit: Int = 10, offset: Int = 0) async throws -> [String] {
            try await store.read { try $0.heldCompletions(filter, limit: limit, offset: offset).map(\.id) }
        }
        #expect(try await ids(ReviewQueueFilter()) == ["held-other", "held-1", "held-2", "held-0", "held-3"])
        #expect(try await ids(ReviewQueueFilter(programID: "working-at-height")) == ["held-1", "held-2", "held-0", "held-3"])
        #expect(try await ids(ReviewQueueFilter(programID: "working-at-height"), limit: 2, offset: 1) == ["held-2", "held-0"])
        let window = ReviewQueueFilter(receivedAtOrBefore: Samples.date(300), receivedAfter: Samples.date(100))
        #expect(try await ids(window) == ["held-2", "held-0"])
        #expect(try await store.read { try $0.heldCompletionCount(window) } == 2)
        #expect(try await store.read { try $0.heldCompletionCount(ReviewQueueFilter()) } == 5)
        #expect(try await store.read { try $0.heldCompletionCount(ReviewQueueFilter(programID: "none")) } == 0)
    }

    @Test func theSearchAndTheQueueUseIndexes() throws {
        // A real store's file, read back through GRDB so the plans are SQLite's own.
        let scratch = try TemporaryDirectory()
        let path = scratch.file("attest.sqlite")
        _ = try SQLiteIssuerStore(path: path)
        let database = try DatabaseQueue(path: path)
        try database.read { db in
            let search = try Row.fetchAll(
                db,
                sql: """
                    EXPLAIN QUERY PLAN SELECT learner.* FROM learner
                    WHERE learner.id IN (SELECT learnerID FROM learnerSearch WHERE learnerSearch MATCH '"ana"*')
                    ORDER BY lower(coalesce(learner.preferredName, learner.legalName)), learner.id LIMIT 10 OFFSET 0
                    """
            ).map { $0["detail"] as String }.joined(separator: "\n")
            #expect(search.contains("VIRTUAL TABLE INDEX"), "\(search)")
            let list = try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN SELECT * FROM learner ORDER BY lower(coalesce(preferredName, legalName)), id LIMIT 10"
            ).map { $0["detail"] as String }.joined(separator: "\n")
            #expect(list.contains("learner_by_certificate_name") && !list.contains("TEMP B-TREE"), "\(list)")
            let queue = try Row.fetchAll(
                db,
                sql: "EXPLAIN QUERY PLAN SELECT * FROM completion WHERE state = 'held' AND programID = ? ORDER BY receivedAt, id LIMIT 10",
                arguments: ["p"]
            ).map { $0["detail"] as String }.joined(separator: "\n")
            #expect(queue.contains("completion_held_by_program") && !queue.contains("TEMP B-TREE"), "\(queue)")
        }
    }
}
