import Foundation
import IssuerCore
import Testing

/// The console's figures per program read the same from every store: credentials not replaced
/// by a reissue, held and rejected completions, the newest issue date; programs without any are absent.
@Suite("Program counts")
struct ProgramCountsStoreTests {
    let scratch: TemporaryDirectory

    init() throws {
        scratch = try TemporaryDirectory()
    }

    @Test(arguments: StoreKind.allCases)
    func countsCredentialsHeldAndRejectedPerProgram(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        #expect(try await store.read { try $0.programCountsIfCounted() } == [:])
        try await store.write { transaction in
            try Samples.seed(learners: 3, in: transaction)
            try transaction.saveProgram(Samples.program("first-aid"))
            try transaction.saveProgram(Samples.program("unused"))
            try transaction.insertCredential(Samples.credential("v1", state: .superseded, revocationIndex: 1))
            var newer = Samples.credential("v2", state: .revoked, revocationIndex: 2)
            newer.issuedAt = Samples.date(500)
            try transaction.insertCredential(newer)
            try transaction.insertCredential(Samples.credential("c-3", learner: 2, program: "first-aid", revocationIndex: 3))
            try transaction.insertCompletion(Samples.completion("cmp-2", learner: 2, state: .held))
            try transaction.insertCompletion(Samples.completion("cmp-3", learner: 3, state: .rejected))
            try transaction.insertCompletion(Samples.completion("cmp-4", learner: 3, state: .rejected))
        }
        let counts = try #require(try await store.read { try $0.programCountsIfCounted() })
        #expect(counts["working-at-height"] == ProgramCounts(issued: 1, held: 1, rejected: 2, lastIssuedAt: Samples.date(500)))
        #expect(counts["first-aid"] == ProgramCounts(issued: 1, lastIssuedAt: Samples.date(20)))
        #expect(counts["unused"] == nil)
        #expect(counts.count == 2)
    }
}
