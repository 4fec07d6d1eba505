import IssuerCore
import Testing

/// The one-instance lock (SQLite, in memory): a name is held by one holder until it releases it.
@Suite("In-process exclusive work lock")
struct InProcessExclusiveWorkLockTests {
    @Test func oneHolderAtATimeUntilReleased() async throws {
        let registry = InProcessExclusiveWorkLock.Registry()
        let first = InProcessExclusiveWorkLock(registry: registry)
        let second = InProcessExclusiveWorkLock(registry: registry)
        #expect(try await first.tryAcquire("compliance-scheduler"))
        #expect(try await first.tryAcquire("compliance-scheduler"), "the holder keeps it")
        #expect(try await second.tryAcquire("compliance-scheduler") == false)
        #expect(try await second.tryAcquire("another-job"), "each name is its own lock")
        try await second.release("compliance-scheduler")
        #expect(try await first.tryAcquire("compliance-scheduler"), "only the holder can release")
        try await first.release("compliance-scheduler")
        #expect(try await second.tryAcquire("compliance-scheduler"))
        #expect(try await InProcessExclusiveWorkLock(registry: InProcessExclusiveWorkLock.Registry()).tryAcquire("compliance-scheduler"))
    }
}
