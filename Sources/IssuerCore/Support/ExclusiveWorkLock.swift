/// Work that must run on one instance at a time when several `attest serve` share a database (the
/// compliance scheduler): each instance asks its lock before each round of the work, and only the
/// holder does it. The holder keeps the lock until it releases it or its process dies; then
/// another instance gets it the next time it asks, so the work moves within one round.
///
/// Implementations: ``InProcessExclusiveWorkLock`` for one instance (SQLite, in memory), and
/// `PostgresExclusiveWorkLock` (an advisory lock on a connection of its own) for PostgreSQL.
public protocol ExclusiveWorkLock: Sendable {
    /// Whether this instance holds the work named `name` now: `true` when it already did or has
    /// just taken it, `false` when another instance holds it. Ask before each round of the work.
    /// - Throws: ``IssuerError`` `storeUnavailable` when the lock cannot be asked (the database is
    ///   unreachable); the caller then skips the round, as if another instance held it.
    func tryAcquire(_ name: String) async throws -> Bool
    /// Gives up the work named `name` if this instance holds it (a clean shutdown), so another
    /// instance takes it at once rather than when this process ends.
    func release(_ name: String) async throws
}
