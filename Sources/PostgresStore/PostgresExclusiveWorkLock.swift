import Foundation
import IssuerCore
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// The ``IssuerCore/ExclusiveWorkLock`` of instances sharing a PostgreSQL database: a session
/// advisory lock (`pg_try_advisory_lock`) per work name, held on a connection of its own. The lock
/// lives as long as that connection: when the process dies, or the connection drops, PostgreSQL
/// releases it and another instance takes the work the next time it asks.
///
/// ```swift
/// let lock = PostgresExclusiveWorkLock(database: database)
/// if try await lock.tryAcquire("compliance-scheduler") { await scheduler.tick() }
/// ```
///
/// Names are per schema: instances of two issuers in one database (each in its own schema) never
/// exclude each other.
public actor PostgresExclusiveWorkLock: ExclusiveWorkLock {
    private let location: PostgresLocation
    private let schema: String
    private var connection: PostgresConnection?
    private var connecting: Task<PostgresConnection, any Error>?
    private let logger = Logger(label: "attest.postgres.lock")

    /// A lock for the instances on `database` (nothing is opened until the first ``tryAcquire(_:)``).
    public init(database: PostgresStoreDatabase) {
        location = database.location
        schema = database.schema
    }

    /// Whether this instance holds `name`: already held on the live connection, or just taken. A
    /// dropped connection lost every lock it held, so it is reopened and the lock asked again.
    /// - Throws: ``IssuerCore/IssuerError`` `storeUnavailable` when the database cannot be reached.
    public func tryAcquire(_ name: String) async throws -> Bool {
        let connection = try await liveConnection()
        do {
            let rows = try await connection.query(
                """
                SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
                        AND classid = ($1::integer)::oid AND objid = (hashtext($2)::bigint & 4294967295)::oid AND objsubid = 2)
                    OR pg_try_advisory_lock($1, hashtext($2))
                """, key(name)
            ).get().rows
            return try rows.first?.decode(Bool.self) ?? false
        } catch {
            self.connection = nil
            Self.close(connection)
            throw IssuerError(.storeUnavailable, "cannot ask the database for the lock \(name): \(Self.message(error))")
        }
    }

    /// Gives up `name` if this instance holds it.
    public func release(_ name: String) async throws {
        guard let connection, !connection.isClosed else { return }
        do {
            // A session lock taken once is held once (tryAcquire never takes it twice), so one unlock frees it.
            _ = try await connection.query("SELECT pg_advisory_unlock($1, hashtext($2))", key(name)).get()
        } catch {
            self.connection = nil
            Self.close(connection)
            throw IssuerError(.storeUnavailable, "cannot give the lock \(name) back: \(Self.message(error))")
        }
    }

    /// Closes the lock's connection, which releases every name this instance holds.
    public func close() async {
        guard let connection else { return }
        self.connection = nil
        try? await connection.close()
    }

    /// The two keys of `name`'s advisory lock.
    private func key(_ name: String) -> [PostgresData] {
        [PostgresData(int32: PostgresAdvisoryLock.exclusiveWorkClass), PostgresData(string: schema + ":" + name)]
    }

    /// The lock's one connection. Callers that arrive while it is being opened (the compliance and
    /// work schedulers share this lock) wait for that same attempt: two connections opened at once
    /// would leave one unclosed, holding locks nobody could give back.
    private func liveConnection() async throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        if let connecting { return try await connecting.value }
        let (location, logger) = (location, logger)
        let attempt = Task {
            do {
                return try await PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.next(), configuration: location.configuration, id: 0, logger: logger
                ).get()
            } catch {
                throw IssuerError(.storeUnavailable, "cannot connect to the database \(location): \(Self.message(error))")
            }
        }
        connecting = attempt
        defer { connecting = nil }
        let connection = try await attempt.value
        self.connection = connection
        return connection
    }

    private static func message(_ error: any Error) -> String {
        if let error = error as? PSQLError { return PostgresFailure(error).message }
        return "\(error)"
    }

    private static func close(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    deinit {
        if let connection { Self.close(connection) }
    }
}
