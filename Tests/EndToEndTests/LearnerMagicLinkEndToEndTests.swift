import Foundation
import Testing

/// Issue 15 point 13, with the real `attest serve` and a real SMTP server (aiosmtpd): a learner
/// asks `/learner/login` for a link, the email the server's own delivery worker sends carries it,
/// the link opens the portal listing their certificate, the PDF downloads, the claim is recorded
/// once however often they download, and once the link has expired it opens nothing.
@Suite("The learner's magic link, end to end")
struct LearnerMagicLinkEndToEndTests {
    static let address = "zoe@example.org"

    /// The portal link (`/learner/v2.…`) in the first email to `address` that has one; the
    /// certificate email only points at `/learner/login`.
    static func link(in messages: [(to: String, text: String)]) -> String? {
        for message in messages where message.to.contains(address) {
            guard let start = message.text.range(of: "https://certs.example.org/learner/v2.") else { continue }
            let token = message.text[start.upperBound...].prefix { $0.isLetter || $0.isNumber || "._-".contains($0) }
            return "/learner/v2." + token
        }
        return nil
    }

    /// Polls (the deadline only stops a hung run) until `condition` holds.
    static func waitUntil(_ what: String, deadline seconds: Double = 120, _ condition: () throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while try !condition() {
            try #require(Date() < deadline, "gave up waiting: \(what)")
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    @Test("login → email → portal → PDF → one claim; the expired link opens nothing")
    func magicLink() async throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let issued = try workspace.attest([
            "issue", "--program", IssuerWorkspace.programID, "--learner-id", "u-1", "--email", Self.address, "--name", "Zoë Åkesson",
            "--score", "95", "--minutes", "150", "--module", "ladders", "--module", "scaffolds", "--module", "harness",
        ])
        #expect(issued.status == 0, "issue: \(issued.standardError)")
        let credentialID = try #require(try workspace.credentials().first?["id"])
        let sink = try MessageIDSink(folder: workspace.folder, keepText: true)
        let server = try RunningServer(workspace, arguments: ["--smtp-url", sink.url])
        defer { _ = server.stop() }
        func claims() throws -> [Int] {
            [
                try workspace.count("SELECT count(*) FROM credential WHERE claimedAt IS NOT NULL"),
                try workspace.count("SELECT count(*) FROM auditEntry WHERE kind = 'credential.claimed'"),
                try workspace.count("SELECT count(*) FROM outboxMessage WHERE event = 'credential.claimed'"),
            ]
        }

        let login = try await HTTPExchange.send(
            "POST", server.address + "/learner/login",
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "text/html"],
            body: Data("email=zoe%40example.org".utf8))
        #expect(login.status == 200)
        #expect(login.text.contains("a link to your certificates is on its way"))

        var link: String?
        try await Self.waitUntil("the link email") {
            link = Self.link(in: sink.texts())
            return link != nil
        }
        let portalPath = try #require(link)
        #expect(portalPath.hasPrefix("/learner/v2."))

        let portal = try await HTTPExchange.send("GET", server.address + portalPath, headers: ["Accept": "text/html"])
        #expect(portal.status == 200)
        #expect(portal.text.contains("\(portalPath)/\(credentialID).pdf"), "the portal lists the certificate with its PDF")
        #expect(try claims() == [0, 0, 0], "opening the list is not a claim")

        let pdf = try await HTTPExchange.send("GET", server.address + portalPath + "/\(credentialID).pdf")
        #expect(pdf.status == 200)
        #expect(pdf.header("Content-Type") == "application/pdf")
        #expect(pdf.body.starts(with: Data("%PDF-".utf8)))
        #expect(pdf.body.count > 10_000)
        #expect(try claims() == [1, 1, 1], "the first download is the claim: claimedAt, an audit entry, a webhook row")
        let again = try await HTTPExchange.send("GET", server.address + portalPath + "/\(credentialID).pdf")
        #expect(again.status == 200)
        let json = try await HTTPExchange.send("GET", server.address + portalPath + "/\(credentialID).json")
        #expect(json.status == 200)
        #expect(try claims() == [1, 1, 1], "later downloads claim nothing more")

        // The link's hour is over (its end moved into the past here, rather than waited for).
        try workspace.sqlite("UPDATE learnerLink SET expiresAt = issuedAt")
        let expiredPortal = try await HTTPExchange.send("GET", server.address + portalPath, headers: ["Accept": "text/html"])
        #expect(expiredPortal.status == 404)
        #expect(!expiredPortal.text.contains(credentialID))
        let expiredPDF = try await HTTPExchange.send("GET", server.address + portalPath + "/\(credentialID).pdf")
        #expect(expiredPDF.status == 404)
        #expect(!expiredPDF.body.starts(with: Data("%PDF-".utf8)))
        #expect(try claims() == [1, 1, 1])
    }
}
