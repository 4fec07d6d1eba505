import Foundation
import IssuerCore
import NIOSSL
import PostgresNIO

/// Whether and how the connection to PostgreSQL is encrypted, and whose certificate it trusts:
/// the URL's `sslmode` and `sslrootcert`, with libpq's meanings.
///
/// | `sslmode` | encrypted | server certificate checked |
/// |---|---|---|
/// | `disable` | never | — |
/// | `prefer` (the default) | when the server offers TLS | no |
/// | `require` | always, or the connection is refused | no; the chain only when `sslrootcert` is given (as libpq) |
/// | `verify-ca` | always | chain against `sslrootcert` |
/// | `verify-full` | always | chain against `sslrootcert`, and the URL's host name (or IP address) |
///
/// Without `sslrootcert` (or with `sslrootcert=system`), `verify-ca` and `verify-full` trust the
/// system's certificate authorities. TLS 1.2 is the oldest version offered.
///
/// - Warning: Only `verify-full` protects against someone between Attest and the database who
///   presents their own certificate; `prefer` and `require` only stop passive eavesdropping.
///   Use `verify-full` whenever the database is not on the same machine or a private link.
public struct PostgresTLS: Sendable {
    /// libpq's `sslmode` values that Attest supports (`allow` is not: it never protects anything).
    public enum Mode: String, Sendable, CaseIterable {
        /// No TLS.
        case disable
        /// TLS when the server offers it, without checking its certificate.
        case prefer
        /// TLS always, without checking the certificate unless `sslrootcert` is given.
        case require
        /// TLS always; the certificate must chain to a trusted authority.
        case verifyCA = "verify-ca"
        /// TLS always; the certificate must chain to a trusted authority and name the host.
        case verifyFull = "verify-full"
    }

    /// The mode the URL asked for.
    public let mode: Mode
    /// The certificate authorities' PEM file (`sslrootcert`), `nil` for the system's.
    public let rootCertificatePath: String?
    /// What postgres-nio is given for each connection.
    let setting: PostgresConnection.Configuration.TLS

    /// The TLS of `mode`, trusting the authorities in the PEM file at `rootCertificatePath`
    /// (`nil` or `"system"`: the system's). The file is read now, so a bad path fails at start.
    /// - Throws: ``IssuerCore/IssuerError`` `storeUnavailable` when the file cannot be read as PEM
    ///   certificates.
    public init(mode: Mode, rootCertificatePath: String? = nil) throws {
        let path = rootCertificatePath == "system" ? nil : rootCertificatePath
        self.mode = mode
        self.rootCertificatePath = path
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let path {
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMFile(path)
            } catch {
                throw IssuerError(.storeUnavailable, "cannot read the database's CA file sslrootcert=\(path) as PEM certificates")
            }
            guard !certificates.isEmpty else {
                throw IssuerError(.storeUnavailable, "the database's CA file sslrootcert=\(path) holds no certificate")
            }
            configuration.trustRoots = .certificates(certificates)
        }
        switch mode {
        case .disable, .prefer: configuration.certificateVerification = .none
        case .require: configuration.certificateVerification = path == nil ? .none : .noHostnameVerification
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        if mode == .disable {
            setting = .disable
            return
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw IssuerError(.storeUnavailable, "cannot set up TLS to the database: \(error)")
        }
        setting = mode == .prefer ? .prefer(context) : .require(context)
    }

    /// Reads `sslmode` (absent: `prefer`) and `sslrootcert` as a URL gives them.
    /// - Throws: ``IssuerCore/IssuerError`` `storeUnavailable` for an unknown mode or an unreadable file.
    init(urlMode: String?, rootCertificatePath: String?) throws {
        guard let mode = Mode(rawValue: urlMode ?? Mode.prefer.rawValue) else {
            let known = Mode.allCases.map(\.rawValue).joined(separator: ", ")
            throw IssuerError(.storeUnavailable, "sslmode=\(urlMode ?? "") is not supported: use one of \(known)")
        }
        try self.init(mode: mode, rootCertificatePath: rootCertificatePath)
    }

    /// Why connecting failed, in words an operator can act on: TLS refusals say which check
    /// failed; anything else keeps postgres-nio's code. Never the password.
    func reasonConnecting(failedWith error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] { return message }
        if error.code == .sslUnsupported {
            return "the server does not offer TLS, and sslmode=\(mode.rawValue) requires it"
        }
        if let underlying = error.underlying {
            let text = String(describing: underlying)
            if text.contains("failedToValidateHostname") {
                return "TLS refused: the server's certificate does not name this host (sslmode=verify-full)"
            }
            if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("handshakeFailed") {
                return "TLS refused: the server's certificate is not signed by a trusted authority "
                    + "(sslmode=\(mode.rawValue), sslrootcert=\(rootCertificatePath ?? "system")): \(text)"
            }
            return "the connection to the database failed (\(error.code)): \(text)"
        }
        return "the connection to the database failed (\(error.code))"
    }
}
