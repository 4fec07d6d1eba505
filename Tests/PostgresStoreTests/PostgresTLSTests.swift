import Foundation
import IssuerCore
import TestSupport
import Testing

@testable import PostgresStore

/// TLS to the database against real servers: one that speaks TLS with a certificate signed by a
/// test authority for `localhost`, and the shared test server, which offers no TLS at all.
@Suite("PostgreSQL over TLS")
struct PostgresTLSTests {
    /// Whether the connection a transaction runs on is encrypted, as the server sees it; or the
    /// error that refused it.
    static func encryption(_ url: String) async throws -> Bool {
        let database = try PostgresStoreDatabase(location: PostgresLocation(url: url))
        let encrypted = try await database.read { session in
            try session.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")[0].decode(Bool.self)
        }
        await database.closeIdleConnections()
        return encrypted
    }

    static func refusal(_ url: String) async -> IssuerError? {
        await #expect(throws: IssuerError.self) { try await encryption(url) }
    }

    @Test func eachModeConnectsAsLibpqWouldAndRefusesWhatItMust() async throws {
        let server = try TLSPostgresServer()
        defer { try? server.stop() }
        let password = try #require(server.url.split(separator: ":")[2].split(separator: "@").first.map(String.init))

        // require: encrypted, whoever signed the certificate.
        #expect(try await Self.encryption(server.url("sslmode=require")) == true)
        // prefer (also the default without sslmode): encrypted when the server offers it.
        #expect(try await Self.encryption(server.url("sslmode=prefer")) == true)
        #expect(try await Self.encryption(server.url) == true)
        #expect(try await Self.encryption(server.url("sslmode=disable")) == false)
        // verify-full with the right authority and the name on the certificate.
        #expect(try await Self.encryption(server.url(host: "localhost", "sslmode=verify-full&sslrootcert=\(server.authorityPath)")) == true)
        // verify-ca checks the chain only: the address is not on the certificate, and that is fine.
        #expect(try await Self.encryption(server.url("sslmode=verify-ca&sslrootcert=\(server.authorityPath)")) == true)

        // verify-full with an authority that did not sign the certificate.
        let stranger = await Self.refusal(server.url(host: "localhost", "sslmode=verify-full&sslrootcert=\(server.strangerAuthorityPath)"))
        #expect(stranger?.code == .storeUnavailable)
        #expect(stranger?.reason.contains("not signed by a trusted authority") == true)
        #expect(stranger?.reason.contains(password) == false)
        // require with sslrootcert checks the chain, as libpq does.
        let requireStranger = await Self.refusal(server.url("sslmode=require&sslrootcert=\(server.strangerAuthorityPath)"))
        #expect(requireStranger?.reason.contains("not signed by a trusted authority") == true)
        // verify-full to an address the certificate does not name.
        let wrongHost = await Self.refusal(server.url("sslmode=verify-full&sslrootcert=\(server.authorityPath)"))
        #expect(wrongHost?.code == .storeUnavailable)
        #expect(wrongHost?.reason.contains("does not name this host") == true)
        #expect(wrongHost?.reason.contains(password) == false)
    }

    @Test(arguments: ["sslmode=require", "sslmode=verify-full"])
    func aServerWithoutTLSIsRefusedWhenTLSIsRequired(parameters: String) async throws {
        let url = try TestPostgres.url()
        let error = await Self.refusal(url + "?" + parameters)
        #expect(error?.code == .storeUnavailable)
        #expect(error?.reason.contains("does not offer TLS") == true)
    }

    @Test func aServerWithoutTLSIsUsedInTheClearWhenTLSIsOnlyPreferred() async throws {
        #expect(try await Self.encryption(TestPostgres.url() + "?sslmode=prefer") == false)
    }

    @Test(arguments: [
        "postgres://a:b@h/d?sslmode=allow", "postgres://a:b@h/d?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem",
        "postgres://a:b@h/d?sslmode=require&sslmode=disable", "postgres://a:b@h/d?sslmode=VERIFY-FULL",
    ])
    func aTLSSettingThatCannotBeUsedIsRefusedBeforeConnecting(url: String) {
        let error = #expect(throws: IssuerError.self) { try PostgresLocation(url: url) }
        #expect(error?.code == .storeUnavailable)
        #expect(error?.reason.contains("b@") == false)
    }

    @Test func aURLReadsTheModeAndTheAuthorityFile() throws {
        let folder = try TemporaryDirectory()
        let file = folder.path("ca.pem")
        let made = try ExternalTool.run([
            "openssl", "req", "-x509", "-newkey", "ed25519", "-nodes", "-keyout", folder.path("ca.key"), "-out", file, "-days", "1",
            "-subj", "/CN=Attest test CA",
        ])
        try #require(made.status == 0)
        let location = try PostgresLocation(url: "postgres://a:b@h/d?sslmode=verify-full&sslrootcert=\(file)")
        #expect(location.tls.mode == .verifyFull)
        #expect(location.tls.rootCertificatePath == file)
        #expect(try PostgresLocation(url: "postgres://a:b@h/d").tls.mode == .prefer)
        #expect(try PostgresLocation(url: "postgres://a:b@h/d?sslmode=verify-full&sslrootcert=system").tls.rootCertificatePath == nil)
    }
}
