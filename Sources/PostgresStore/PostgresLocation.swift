import Foundation
import IssuerCore
import PostgresNIO

/// Where a PostgreSQL database is and who connects to it, read from a URL
/// (`postgres://user:password@host:5432/database`).
///
/// TLS follows the URL's `sslmode` and `sslrootcert` as libpq reads them (``PostgresTLS``):
/// `postgres://attest:…@db.example/attest?sslmode=verify-full&sslrootcert=/etc/attest/db-ca.pem`.
///
/// - Warning: Without `sslmode`, TLS is used only when the server offers it and its certificate is
///   not checked (`prefer`); ask for `verify-full` unless the database is on loopback or a private
///   link. The password is kept in memory only and never appears in an error or ``description``.
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
    /// Whether and how the connection is encrypted (`sslmode`, `sslrootcert`).
    public let tls: PostgresTLS

    /// Reads `url`; its only parameters may be `sslmode` and `sslrootcert` (see ``PostgresTLS``).
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
        var parameters: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" || item.name == "sslrootcert" else {
                throw IssuerError(.storeUnavailable, "the database URL has the unknown parameter \(item.name)")
            }
            guard parameters[item.name] == nil else {
                throw IssuerError(.storeUnavailable, "the database URL gives \(item.name) twice")
            }
            parameters[item.name] = item.value ?? ""
        }
        tls = try PostgresTLS(urlMode: parameters["sslmode"], rootCertificatePath: parameters["sslrootcert"])
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
            host: host, port: port, username: username, password: password, database: database, tls: tls.setting)
    }
}
