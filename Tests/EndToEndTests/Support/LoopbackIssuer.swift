import Foundation
import TestSupport

/// A real issuer made with the `attest` CLI whose did:web is a ``LoopbackServer``
/// (`did:web:127.0.0.1%3APORT`), with three certificates — good, revoked and suspended — and its
/// DID document, status lists and the good credential published on that server.
///
/// Made once per test run (``shared``); ``resetSite()`` puts the published files back as issued.
final class LoopbackIssuer: @unchecked Sendable {
    /// One issued certificate.
    struct Certificate {
        let id: String
        /// The signed credential, as `attest credentials export` wrote it.
        let json: URL
        /// The certificate PDF with the credential embedded.
        let pdf: URL
    }

    let server: LoopbackServer
    let folder: URL
    let did: String
    /// The issuer's private key (test-only, in a temporary folder).
    let keyPath: String
    let good: Certificate
    let revoked: Certificate
    let suspended: Certificate
    /// The published files as issued, by path on the server: `.well-known/did.json`, `status/…`, `c/ID`.
    let published: [String: Data]

    /// The issuer of this test run, made on first use.
    static let shared = Result { try LoopbackIssuer() }

    private init() throws {
        server = try LoopbackServer()
        folder = try Executables.temporaryDirectory()
        let data = folder.appendingPathComponent("data").path
        let keys = folder.appendingPathComponent("keys").path
        func attest(_ arguments: [String]) throws -> String {
            let result = try Executables.run("attest", arguments + ["--data", data])
            guard result.status == 0 else {
                throw SetupFailed(description: "attest \(arguments.joined(separator: " ")): \(result.standardError)")
            }
            return result.standardOutput
        }
        _ = try attest(["init", "--name", "Loopback Test Academy", "--base-url", server.baseURL, "--keys", keys])
        did = "did:web:127.0.0.1%3A\(server.port)"
        keyPath = folder.appendingPathComponent("keys/127.0.0.1_\(server.port)-key-1.pem").path
        let program = folder.appendingPathComponent("program.json")
        try Data(Self.program.utf8).write(to: program)
        _ = try attest(["programs", "add", program.path])

        var certificates: [Certificate] = []
        for learner in 1...3 {
            if learner == 3 {
                // The third is suspended: it needs a suspension entry (one status entry per credential).
                let suspendable = folder.appendingPathComponent("program-suspendable.json")
                let definition = Self.program.replacingOccurrences(
                    of: #""version": 1,"#, with: #""version": 2, "statusPurpose": "suspension","#)
                try Data(definition.utf8).write(to: suspendable)
                _ = try attest(["programs", "add", suspendable.path])
            }
            let output = try attest([
                "issue", "--program", "loopback-safety-1", "--learner-id", "u-\(learner)", "--email", "learner\(learner)@example.org",
                "--name", "Learner \(learner)", "--score", "95", "--minutes", "150", "--module", "ladders", "--module", "harness",
            ])
            guard output.hasPrefix("issued "), let id = output.split(separator: " ").dropFirst().first.map(String.init) else {
                throw SetupFailed(description: "attest issue did not issue: \(output)")
            }
            let out = folder.appendingPathComponent("certificates")
            _ = try attest(["credentials", "export", id, "--out", out.path])
            // Every certificate the verifier tests use is a conforming Open Badge (1EdTech's JSON Schema).
            let exportedJSON = Array(try Data(contentsOf: out.appendingPathComponent("\(id).json")))
            let problems = try OpenBadgesSchemaCheck.problems(in: ["\(id).json": exportedJSON])
            guard problems.isEmpty else { throw SetupFailed(description: "not a conforming Open Badge: \(problems)") }
            certificates.append(
                Certificate(id: id, json: out.appendingPathComponent("\(id).json"), pdf: out.appendingPathComponent("\(id).pdf")))
        }
        (good, revoked, suspended) = (certificates[0], certificates[1], certificates[2])
        _ = try attest(["revoke", revoked.id, "--reason", "issued in error"])
        _ = try attest(["suspend", suspended.id, "--reason", "refresher overdue"])

        let site = folder.appendingPathComponent("site")
        _ = try attest(["status-lists", "publish", "--out", site.path])
        var published: [String: Data] = [
            ".well-known/did.json": Data(try attest(["keys", "export-public"]).utf8),
            "c/\(good.id)": try Data(contentsOf: good.json),
        ]
        for list in try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("status").path) {
            published["status/\(list)"] = try Data(contentsOf: site.appendingPathComponent("status/\(list)"))
        }
        self.published = published
    }

    /// The server serves exactly the published files again, with no special routes or headers.
    func resetSite() throws {
        try server.setRoutes()
        let fileManager = FileManager.default
        for item in try fileManager.contentsOfDirectory(atPath: server.root.path) {
            try fileManager.removeItem(at: server.root.appendingPathComponent(item))
        }
        for (path, data) in published {
            try serve(data, at: path)
        }
    }

    /// Puts `data` at `path` on the server.
    func serve(_ data: Data, at path: String) throws {
        let file = server.root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    /// The published list at `status/NAME`, as a JSON object.
    func list(_ name: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: published["status/\(name)"]!) as! [String: Any]
    }

    /// `statusListIndex` of the certificate's entry with this purpose.
    func statusIndex(of certificate: Certificate, purpose: String) throws -> Int {
        let credential = try JSONSerialization.jsonObject(with: Data(contentsOf: certificate.json)) as! [String: Any]
        // One entry (an object) since Open Badges conformance; an array in earlier credentials.
        let status = credential["credentialStatus"]
        let entries = status as? [[String: Any]] ?? (status as? [String: Any]).map { [$0] } ?? []
        let entry =
            try entries.first { $0["statusPurpose"] as? String == purpose } ?? { throw SetupFailed(description: "no \(purpose) entry") }()
        return Int(entry["statusListIndex"] as! String)!
    }

    struct SetupFailed: Error, CustomStringConvertible {
        let description: String
    }

    /// A program any completion with both modules and a score of 80 passes, never held for review.
    private static let program = """
        {
          "id": "loopback-safety-1",
          "version": 1,
          "achievement": {
            "name": "Loopback Safety — Level 1",
            "description": "Safe use of ladders and harnesses.",
            "criteria": "Complete both modules and pass the assessment with at least 80%.",
            "achievementType": "Certificate"
          },
          "template": "achievement",
          "branding": { "organisation": "Loopback Test Academy", "primaryColor": "#1F4E79", "accentColor": "#C9A227", "pageSize": "a4" },
          "validity": "P3Y",
          "rules": {
            "requiredModules": ["ladders", "harness"],
            "minimumScore": 80,
            "minimumMinutes": 60,
            "prerequisites": [],
            "review": { "scoreWithin": 0, "exemptModules": true, "nameMismatch": false }
          }
        }
        """
}
