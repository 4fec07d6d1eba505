import Delivery
import Foundation
import Testing

/// The TLS options of an SMTP URL: a CA file, and AUTH without TLS only when asked for.
@Suite("SMTP URL options: ca-file and allow-plaintext-auth")
struct SMTPSettingsTLSTests {
    @Test("credentials over plain smtp:// are refused on every host unless ?allow-plaintext-auth")
    func plaintextAuth() throws {
        for host in ["127.0.0.1", "localhost", "mail.example.org"] {
            let error = #expect(throws: DeliveryError.self) { try SMTPSettings(url: "smtp://u:p@\(host):25") }
            #expect(error?.code == .invalidConfiguration)
            let allowed = try SMTPSettings(url: "smtp://u:p@\(host):25?allow-plaintext-auth")
            #expect(allowed.allowsPlaintextAuth && allowed.security == .opportunisticStartTLS)
        }
        #expect(try SMTPSettings(url: "smtp://u:p@mail.example.org:587?starttls").allowsPlaintextAuth == false)
        #expect(try SMTPSettings(url: "smtp://127.0.0.1:25").user == nil)
    }

    @Test("?ca-file= names a readable PEM file; an unknown option is refused by name")
    func caFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ca-\(UUID().uuidString).pem")
        try Data("-----BEGIN CERTIFICATE-----\n".utf8).write(to: file)
        let settings = try SMTPSettings(url: "smtps://u:p@mail.example.org:465?ca-file=\(file.path)")
        #expect(settings.caFile == file.path)
        #expect(settings.serverURL == "smtps://mail.example.org:465")
        #expect(throws: DeliveryError.self) { try SMTPSettings(url: "smtps://u:p@mail.example.org:465?ca-file=/nonexistent/ca.pem") }
        let unknown = #expect(throws: DeliveryError.self) { try SMTPSettings(url: "smtps://mail.example.org?insecure") }
        #expect(unknown?.reason.contains("insecure") == true)
    }
}
