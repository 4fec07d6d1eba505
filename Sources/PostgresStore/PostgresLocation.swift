import Foundation
import IssuerCore
import PostgresNIO

/// Where a PostgreSQL database is and who connects to it, read from a URL
/// (`postgres://user:password@host:5432/database`).
///
/// - Warning: TLS to the database is not implemented yet: a URL asking for it (`sslmode=require`,
///   `verify-ca`, `verify-full`) is refused rather than silently connecting in the clear, and a URL
///   without `sslmode` connects without TLS, which is only safe on loopback or a private link.
///   The password is kept in memory only and never appears in an error or ``description``.
public struct PostgresLocation: Sendable, CustomStringConvertible {
    /// The server's host name or address.
    public let host: String
    /// The server's TCP port (5432 unless the URL names another).
    public let port: Int
    /// The role to connect as.
    public let username: String
    /// The role's password, if the URL has one.
    let password: String?
    /// The database to open.
    public let database: String

    /// Reads `url`; `sslmode` may be absent, `disable` or `prefer` (both meaning no TLS for now).
    /// - Throws: ``IssuerError`` `storeUnavailable` naming what is wrong, never repeating the password.
    public init(url: String) throws {
        guard let components = URLComponents(string: url), components.scheme == "postgres" || components.scheme == "postgresql"
        else { throw IssuerError(.storeUnavailable, "the database URL must start with postgres://") }
        guard let host = components.host, !host.isEmpty else {
            throw IssuerError(.storeUnavailable, "the database URL names no host")
        }
        guard let username = components.user, !username.isEmpty else {
            throw IssuerError(.storeUnavailable, "the database URL names no user (postgres://USER:PASSWORD@HOST/DATABASE)")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw IssuerError(.storeUnavailable, "the database URL names no database") }
        for item in components.queryItems ?? [] {
            switch (item.name, item.value) {
            case ("sslmode", "disable"), ("sslmode", "prefer"): continue
            case ("sslmode", let mode?):
                throw IssuerError(.storeUnavailable, "sslmode=\(mode) is not supported yet: TLS to the database is not implemented")
            default:
                throw IssuerError(.storeUnavailable, "the database URL has the unknown parameter \(item.name)")
            }
        }
        self.host = host
        self.port = components.port ?? 5432
        self.username = username.removingPercentEncoding ?? username
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database.removingPercentEncoding ?? database
    }

    /// `postgres://user@host:port/database`, without the password.
    public var description: String {
        "postgres://\(username)@\(host):\(port)/\(database)"
    }

    /// The postgres-nio configuration for one connection.
    var configuration: PostgresConnection.Configuration {
        PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: .disable)
    }
}
