import Foundation
import TestSupport

/// A throwaway PostgreSQL server of its own that speaks TLS with a certificate made here: a test
/// certificate authority signs a server certificate for the name `localhost` only (no IP
/// address), so `verify-full` to `localhost` passes and to `127.0.0.1` must fail. Started with
/// `scripts/postgres.sh start DIR CERT KEY`; ``stop()`` removes it.
final class TLSPostgresServer {
    /// Everything the server and its certificates live in.
    let folder: TemporaryDirectory
    /// `postgres://attest:PASSWORD@127.0.0.1:PORT/attest`, without `sslmode`.
    let url: String
    /// The authority that signed the server's certificate.
    let authorityPath: String
    /// Another authority, which signed nothing the server presents.
    let strangerAuthorityPath: String

    /// Makes the certificates with openssl and starts the server.
    init() throws {
        folder = try TemporaryDirectory()
        let path = folder.path
        try Self.openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", path("ca.key")])
        try Self.openssl([
            "req", "-x509", "-key", path("ca.key"), "-out", path("ca.pem"), "-days", "2", "-subj", "/CN=Attest test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
        try Self.openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", path("stranger.key")])
        try Self.openssl([
            "req", "-x509", "-key", path("stranger.key"), "-out", path("stranger.pem"), "-days", "2", "-subj", "/CN=Attest test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
        try Self.openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", path("server.key")])
        try Self.openssl(["req", "-new", "-key", path("server.key"), "-out", path("server.csr"), "-subj", "/CN=localhost"])
        try folder.write("subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n", to: "server.ext")
        try Self.openssl([
            "x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"), "-CAcreateserial",
            "-out", path("server.pem"), "-days", "2", "-extfile", path("server.ext"),
        ])
        let started = try ExternalTool.run(["bash", Self.script, "start", path("cluster"), path("server.pem"), path("server.key")])
        guard started.status == 0 else { throw ServerDidNotStart(output: started.standardError) }
        url = started.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        authorityPath = path("ca.pem")
        strangerAuthorityPath = path("stranger.pem")
    }

    /// Stops the server and removes its folder.
    func stop() throws {
        _ = try ExternalTool.run(["bash", Self.script, "stop", folder.path("cluster")])
    }

    /// `url` with `host` instead of 127.0.0.1 and `parameters` as its query.
    func url(host: String = "127.0.0.1", _ parameters: String) -> String {
        url.replacingOccurrences(of: "@127.0.0.1:", with: "@\(host):") + "?" + parameters
    }

    private static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/postgres.sh").path

    private static func openssl(_ arguments: [String]) throws {
        let result = try ExternalTool.run(["openssl"] + arguments)
        guard result.status == 0 else { throw ServerDidNotStart(output: "openssl \(arguments[0]): \(result.standardError)") }
    }

    struct ServerDidNotStart: Error, CustomStringConvertible {
        let output: String
        var description: String { "the TLS PostgreSQL server did not start: \(output)" }
    }
}
