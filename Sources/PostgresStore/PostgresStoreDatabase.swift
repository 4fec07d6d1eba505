import Foundation
import IssuerCore
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization
import ThreadPools

/// A PostgreSQL database holding one issuer, and the transactions a store runs on it
/// (``PostgresIssuerStore`` is the `IssuerStore` built on them).
///
/// ## Synchronous store protocols on an asynchronous driver
/// ``IssuerCore/IssuerStore`` hands a transaction to a synchronous closure. Each transaction runs
/// whole — connect or reuse a connection, `BEGIN`, the closure, `COMMIT` — on one thread of this
/// database's own ``ThreadPools/BoundedThreadPool``, and every query inside waits on its future
/// there (``PostgresSession``). The caller's task waits suspended, holding no thread of the shared
/// Swift concurrency pool; the pool's threads block on purpose, and only on socket I/O done by
/// NIO's event loops, which are other threads. The pool's thread count is also the most
/// connections this process opens, and idle connections are kept for the next transaction.
///
/// ## Isolation
/// Writers take turns, as SQLite's single writer does, across every instance on the database: each
/// write transaction holds the schema's writer lock (a session advisory lock, see
/// `PostgresAdvisoryLock`) from before `BEGIN` until after `COMMIT`, and a connection that dies
/// gives it back. Nearly every write appends to the audit chain, whose single head makes any two
/// concurrent writes conflict anyway; waiting for the lock costs one round trip where a conflict
/// would cost the whole transaction again. Writes also run `SERIALIZABLE`, the safety net for
/// anything that writes without the lock: where SQLite relied on its single writer (status index
/// allocation, the audit chain's head, outbox claims, "is this event new?"), PostgreSQL aborts one
/// of two transactions that could not have run one after the other, with SQLSTATE `40001`, and the
/// whole transaction is run again from `BEGIN` (up to ``maximumAttempts`` times). The closure must
/// therefore do nothing but database work, which is what the store protocols allow. Reads run
/// `REPEATABLE READ READ ONLY`: one consistent snapshot, never blocking writers. The schema's
/// constraints (unique keys, the audit triggers) hold on their own, whatever the isolation.
public final class PostgresStoreDatabase: Sendable {
    /// How many times a transaction is tried when PostgreSQL reports a serialization conflict.
    public static let maximumAttempts = 10
    /// Seconds a session may sit idle inside a transaction before PostgreSQL ends it, releasing the
    /// writer lock of an instance that stopped answering mid-transaction.
    public static let idleInTransactionTimeout: Double = 60
    /// Seconds a statement waits for a lock (the writer lock, a row) before the transaction fails
    /// with ``IssuerCore/IssuerError`` `storeUnavailable` rather than hanging.
    public static let lockTimeout: Double = 30

    /// Where the database is (its description never shows the password).
    public let location: PostgresLocation
    /// The schema the store's tables live in (`public` unless told otherwise; tests use one per test).
    public let schema: String

    /// The advisory lock that makes writers take turns: (``PostgresAdvisoryLock/writerClass``, `hashtext(schema)`).
    private var writerLockKey: [PostgresData] {
        [PostgresData(int32: PostgresAdvisoryLock.writerClass), PostgresData(string: schema)]
    }

    private let threads: BoundedThreadPool
    private let idleConnections = Mutex<[PostgresConnection]>([])
    private let nextConnectionID = Mutex(0)
    private let logger = Logger(label: "attest.postgres")

    /// A database at `location`, with the store's tables in `schema`, and at most `maximumConnections`
    /// transactions at once (more wait for a connection). Nothing is opened until the first transaction.
    /// - Throws: ``IssuerCore/IssuerError`` `storeUnavailable` when `schema` is not a plain lower-case name.
    public init(location: PostgresLocation, schema: String = "public", maximumConnections: Int = 8) throws {
        guard schema.range(of: "^[a-z_][a-z0-9_]{0,62}$", options: .regularExpression) != nil else {
            throw IssuerError(.storeUnavailable, "the schema name \(schema) is not a plain lower-case PostgreSQL name")
        }
        self.location = location
        self.schema = schema
        threads = BoundedThreadPool(
            name: "attest-postgres", threadCount: maximumConnections, maximumWaiting: nil, workerMarker: "attest.postgres.worker")
    }

    deinit {
        for connection in idleConnections.withLock({ $0 }) { Self.close(connection) }
    }

    /// Runs `work` in one `SERIALIZABLE` read-write transaction, again from the start on a
    /// serialization conflict; an error thrown by `work` rolls everything back.
    /// - Throws: what `work` throws; ``IssuerCore/IssuerError`` `storeUnavailable` when the database
    ///   cannot be reached or refuses the transaction (with PostgreSQL's message, never the SQL).
    func write<T: Sendable>(_ work: (PostgresSession) throws -> T) async throws -> T {
        try await transaction(begin: "BEGIN ISOLATION LEVEL SERIALIZABLE", takingWriterLock: true, work)
    }

    /// Runs `work` against one consistent snapshot (`REPEATABLE READ READ ONLY`).
    func read<T: Sendable>(_ work: (PostgresSession) throws -> T) async throws -> T {
        try await transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", work)
    }

    /// Runs `work` outside any transaction `BEGIN`s here (migrations manage their own).
    func withSession<T: Sendable>(_ work: (PostgresSession) throws -> T) async throws -> T {
        try await transaction(begin: nil, work)
    }

    /// Runs `work` outside any transaction on the calling thread, blocking it until done: only
    /// for what must happen synchronously (a store made by a synchronous test helper), and never
    /// on an event loop. Everything else goes through the pool.
    func withSessionBlocking<T>(_ work: (PostgresSession) throws -> T) throws -> T {
        do {
            return try runOnce(begin: nil, work).get()
        } catch let failure as PostgresFailure {
            throw IssuerError(.storeUnavailable, "the database refused the transaction: \(failure.message)")
        }
    }

    private func transaction<T: Sendable>(
        begin: String?, takingWriterLock: Bool = false, _ work: (PostgresSession) throws -> T
    ) async throws -> T {
        try await withoutActuallyEscaping(work) { work in
            for attempt in 1...Self.maximumAttempts {
                // The closure is only ever called while this function waits for it, so handing it to a
                // pool thread is safe although the store protocols' closures are not escaping. The
                // pool thread takes it out of the box and drops it before this task resumes, as
                // `withoutActuallyEscaping` requires.
                let box = WorkBox(work)
                let outcome: Result<T, any Error>
                do {
                    outcome = try await threads.run {
                        box.run { work in self.runOnce(begin: begin, takingWriterLock: takingWriterLock, work) }
                    }
                } catch {
                    throw IssuerError(.storeUnavailable, "no thread is free for a database transaction")
                }
                switch outcome {
                case .success(let value): return value
                case .failure(let failure as PostgresFailure) where failure.isRetryable && attempt < Self.maximumAttempts: continue
                case .failure(let failure as PostgresFailure):
                    throw IssuerError(.storeUnavailable, "the database refused the transaction: \(failure.message)")
                case .failure(let error): throw error
                }
            }
            throw IssuerError(.storeUnavailable, "the database transaction kept conflicting with others")
        }
    }

    /// One try of a transaction, on a pool thread: blocks on every step. With `takingWriterLock`,
    /// the schema's writer lock is held from before `BEGIN` (so the snapshot sees every write that
    /// committed before it) until after `COMMIT`.
    private func runOnce<T>(
        begin: String?, takingWriterLock: Bool = false, _ work: (PostgresSession) throws -> T
    ) -> Result<T, any Error> {
        let connection: PostgresConnection
        do {
            connection = try takeConnection()
        } catch {
            return .failure(error)
        }
        let session = PostgresSession(connection: connection)
        var reusable = true
        defer {
            if reusable && !connection.isClosed {
                idleConnections.withLock { $0.append(connection) }
            } else {
                Self.close(connection)
            }
        }
        if takingWriterLock {
            do {
                try session.execute("SELECT pg_advisory_lock($1, hashtext($2))", writerLockKey)
            } catch {
                reusable = false
                return .failure(error)
            }
        }
        defer {
            // A lock that cannot be given back stays with the connection, which is then closed:
            // closing it releases the lock.
            if takingWriterLock && reusable {
                do { try session.execute("SELECT pg_advisory_unlock($1, hashtext($2))", writerLockKey) } catch { reusable = false }
            }
        }
        do {
            if let begin { try session.execute(begin) }
            let value = try work(session)
            // A statement that failed aborted the transaction even if `work` caught its error.
            if let failure = session.abortingFailure { throw failure }
            if begin != nil { try session.execute("COMMIT") }
            return .success(value)
        } catch {
            if let failure = error as? PostgresFailure, !failure.leavesConnectionUsable {
                reusable = false
            } else if begin != nil {
                do { try session.execute("ROLLBACK") } catch { reusable = false }
            }
            return .failure(error)
        }
    }

    /// An idle connection, or a new one with `search_path` set to ``schema``. Blocks.
    private func takeConnection() throws -> PostgresConnection {
        // A connection the server closed while it sat idle (a restart, a failover, an idle
        // timeout) is dropped here: postgres-nio never answers a query sent on a closed channel,
        // so using it would block this thread forever.
        while let idle = idleConnections.withLock({ $0.popLast() }) {
            if !idle.isClosed { return idle }
            Self.close(idle)
        }
        let id = nextConnectionID.withLock { value in
            value += 1
            return value
        }
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: location.configuration, id: id, logger: logger
            ).wait()
        } catch {
            throw IssuerError(
                .storeUnavailable, "cannot connect to the database \(location): \(location.tls.reasonConnecting(failedWith: error))")
        }
        do {
            let session = PostgresSession(connection: connection)
            try session.execute("SET search_path TO \(schema)")
            // An instance that stops answering in the middle of a transaction (a network partition,
            // a frozen VM) would hold the writer lock until TCP gave up, hours later: the server
            // ends such a session, which releases its locks; and a writer waits a bounded time.
            try session.execute("SET idle_in_transaction_session_timeout = \(Int(Self.idleInTransactionTimeout * 1000))")
            try session.execute("SET lock_timeout = \(Int(Self.lockTimeout * 1000))")
        } catch {
            Self.close(connection)
            throw error
        }
        return connection
    }
}

extension PostgresStoreDatabase {
    /// Closes every idle connection and waits until they are closed. Transactions may still run
    /// afterwards; they open new connections.
    public func closeIdleConnections() async {
        let connections = idleConnections.withLock { idle in
            defer { idle.removeAll() }
            return idle
        }
        for connection in connections { try? await connection.close() }
    }

    /// Starts closing `connection`, keeping it alive until it is closed (postgres-nio requires that).
    static func close(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }
}

/// A transaction's closure carried to a pool thread while its owner waits for the thread to finish
/// with it; ``run(_:)`` takes it out, so the box no longer holds it once the thread is done.
private final class WorkBox<T>: @unchecked Sendable {
    // @unchecked: `work` is set on the caller's task and taken on one pool thread, with the pool's
    // queue (a lock) between the two; the caller reads nothing back.
    private var work: ((PostgresSession) throws -> T)?

    init(_ work: @escaping (PostgresSession) throws -> T) {
        self.work = work
    }

    func run(_ body: ((PostgresSession) throws -> T) -> Result<T, any Error>) -> Result<T, any Error> {
        guard let work = work.take() else { return .failure(IssuerError(.storeUnavailable, "a transaction ran twice")) }
        return body(work)
    }
}
