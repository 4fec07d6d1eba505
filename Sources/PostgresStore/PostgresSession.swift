import Foundation
import IssuerCore
import Logging
import NIOCore
import PostgresNIO

/// One connection reserved for one transaction, used synchronously.
///
/// The store protocols are synchronous inside a transaction (`write { transaction in … }`), and
/// postgres-nio is asynchronous. A session bridges the two by waiting on each query's future, so
/// it must only ever be used on a thread of ``PostgresStoreDatabase``'s own pool (never on a
/// thread of the shared Swift concurrency pool, which a blocking wait would starve, and never on
/// the connection's event loop, which would deadlock: NIO's `wait()` traps there).
final class PostgresSession {
    let connection: PostgresConnection
    /// The first statement of this transaction that failed and was not undone to a savepoint.
    /// PostgreSQL aborts the transaction on it (and answers a later `COMMIT` with a silent
    /// `ROLLBACK`), so the transaction fails with it even if the work caught the error and returned.
    private(set) var abortingFailure: PostgresFailure?

    init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Runs one statement with `$1`, `$2`, … bound to `binds` and returns its rows.
    /// - Throws: ``PostgresFailure`` with the server's SQLSTATE and message.
    @discardableResult
    func execute(_ sql: String, _ binds: [PostgresData] = []) throws -> [PostgresRow] {
        do {
            return try connection.query(sql, binds).wait().rows
        } catch let error as PSQLError {
            throw recording(PostgresFailure(error))
        } catch let error as PostgresError {
            throw recording(PostgresFailure(error))
        }
    }

    /// Undoes the transaction back to `savepoint` after a refused statement; the transaction is
    /// usable again.
    func rollBack(toSavepoint savepoint: String) throws {
        let failure = abortingFailure
        abortingFailure = nil
        do {
            try execute("ROLLBACK TO SAVEPOINT \(savepoint)")
        } catch {
            abortingFailure = failure
            throw error
        }
    }

    private func recording(_ failure: PostgresFailure) -> PostgresFailure {
        if abortingFailure == nil { abortingFailure = failure }
        return failure
    }

    /// Runs several statements with no parameters (a migration) through the simple query protocol.
    /// - Throws: ``PostgresFailure`` with the server's SQLSTATE and message.
    func executeScript(_ sql: String) throws {
        for statement in Self.statements(of: sql) { try execute(statement) }
    }

    /// The statements of a migration, one by one (postgres-nio sends every query as a prepared
    /// statement, which holds one command). A statement ends with `;` at the end of a line that is
    /// followed by a line beginning a new statement (`CREATE`, `ALTER`, `INSERT`, `UPDATE`, `DROP`,
    /// or a `--` comment), so the `;`s inside a PL/pgSQL body do not split it.
    static func statements(of sql: String) -> [String] {
        let pattern = #";[ \t]*\n(?=\s*(?:CREATE|ALTER|INSERT|UPDATE|DROP|--))"#
        return sql.replacingOccurrences(of: pattern, with: ";\u{0}", options: .regularExpression)
            .split(separator: "\u{0}").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
}

/// What PostgreSQL (or the connection to it) refused, with the SQLSTATE that says why.
struct PostgresFailure: Error, CustomStringConvertible {
    /// The server's SQLSTATE (`23505` unique violation, `40001` serialization failure, …);
    /// `nil` when the connection itself failed.
    let sqlState: String?
    /// The server's message, or a description of the connection failure. Never the SQL or binds.
    let message: String

    init(_ error: PSQLError) {
        sqlState = error.serverInfo?[.sqlState]
        message = error.serverInfo?[.message] ?? "the connection to the database failed (\(error.code))"
    }

    init(_ error: PostgresError) {
        switch error {
        case .server(let response):
            sqlState = response.fields[.sqlState]
            message = response.fields[.message] ?? "the database refused the statement"
        default:
            sqlState = nil
            message = "the connection to the database failed (\(error))"
        }
    }

    var description: String { message }

    /// A conflict between concurrent transactions that a retry of the whole transaction resolves:
    /// `40001` serialization failure, `40P01` deadlock detected.
    var isRetryable: Bool { sqlState == "40001" || sqlState == "40P01" }

    /// A refusal by one of the schema's rules: SQLSTATE class `23` (unique, foreign key, check,
    /// not null) or a trigger's `RAISE EXCEPTION` (`P0001`).
    var isConstraintViolation: Bool { sqlState?.hasPrefix("23") == true || sqlState == "P0001" }

    /// A failure of the server's answer to this statement; the connection is still usable after
    /// a `ROLLBACK`. Otherwise the connection is dropped.
    var leavesConnectionUsable: Bool { sqlState != nil }
}
