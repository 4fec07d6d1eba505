/// The advisory locks the store takes, in PostgreSQL's two-key form: a class (one per use, below)
/// and `hashtext(...)` of what is locked (the schema's name, or the schema and a work name), so
/// several issuers in one database, each in its own schema, never wait for one another. (The
/// migrations' lock is the one-key form, `PostgresMigrator.advisoryLockKey`, a key space of its own.)
enum PostgresAdvisoryLock {
    /// Write transactions take turns per schema: the audit chain's single head and the status
    /// lists' counters make nearly every two writes conflict anyway, and taking turns up front costs
    /// one round trip where a `SERIALIZABLE` abort costs the whole transaction again.
    static let writerClass: Int32 = 0x6174_7701
    /// Exclusive work across instances (``PostgresExclusiveWorkLock``): one holder per name.
    static let exclusiveWorkClass: Int32 = 0x6174_7702
}
