import Foundation
import Testing

/// The issuer walkthrough of the README (issue 5), run with the real `attest` and `attest-verify`
/// on a real SQLite file, each test in its own folder.
@Suite("attest: the issuer end to end")
struct IssuerCLITests {
    /// The certificate names of Spec/examples/completions.csv (preferred name when given).
    static func exampleNames() throws -> [String] {
        let lines = try String(contentsOfFile: IssuerWorkspace.exampleCompletions, encoding: .utf8).split(separator: "\n").dropFirst()
        return lines.map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return fields[3].isEmpty ? fields[2] : fields[3]
        }
    }

    /// An issuer with the example program and the 25 example completions imported.
    static func withExampleCredentials() throws -> IssuerWorkspace {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let imported = try workspace.importCSV(IssuerWorkspace.exampleCompletions)
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardOutput.contains("25 rows: 25 issued"), "\(imported.standardOutput)")
        return workspace
    }

    @Test("init writes a 0600 PKCS#8 key OpenSSL reads and prints the did:web; a second init refuses and changes nothing")
    func initialize() throws {
        let workspace = try IssuerWorkspace()
        let created = try workspace.initialize()
        #expect(created.standardOutput.contains("did:web:certs.example.org"))
        let keyFiles = try FileManager.default.contentsOfDirectory(atPath: workspace.keys)
        #expect(keyFiles == ["certs.example.org-key-1.pem"])
        let keyPath = workspace.keys + "/certs.example.org-key-1.pem"
        #expect((try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int) == 0o600)
        let openssl = try Executables.runProgram("openssl", ["pkey", "-in", keyPath, "-noout", "-text"])
        #expect(openssl.status == 0, "\(openssl.standardError)")
        #expect(openssl.standardOutput.contains("ED25519"))

        let before = try [keyPath, workspace.database, workspace.data + "/attest.json"].map {
            try Data(contentsOf: URL(fileURLWithPath: $0))
        }
        let again = try workspace.attest([
            "init", "--name", "Someone Else", "--base-url", "https://other.example.org", "--keys", workspace.keys,
        ])
        #expect(again.status == 1)
        #expect(again.standardError.contains("already holds an issuer"), "\(again.standardError)")
        let after = try [keyPath, workspace.database, workspace.data + "/attest.json"].map {
            try Data(contentsOf: URL(fileURLWithPath: $0))
        }
        #expect(before == after)
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.keys) == ["certs.example.org-key-1.pem"])
    }

    @Test("an init killed between the database and its settings file: init and every other command say how to get out")
    func interruptedInit() throws {
        let workspace = try IssuerWorkspace()
        try workspace.initialize()
        // The state a SIGKILL between the database commit and the settings write leaves behind.
        try FileManager.default.removeItem(atPath: workspace.data + "/attest.json")
        for arguments in [
            ["credentials", "list"], ["init", "--name", "N", "--base-url", "https://certs.example.org", "--keys", workspace.keys],
        ] {
            let result = try workspace.attest(arguments)
            #expect(result.status == 1)
            #expect(result.standardError.contains("If an attest init was interrupted, delete"), "\(arguments): \(result.standardError)")
        }
    }

    @Test("programs add, list and show the example program")
    func programs() throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let listed = try workspace.attest(["programs", "list"])
        #expect(listed.standardOutput.contains("working-at-height-2  v1"), "\(listed.standardOutput)")
        let shown = try workspace.attest(["programs", "show", IssuerWorkspace.programID])
        #expect(shown.status == 0)
        let program = try #require(try JSONSerialization.jsonObject(with: Data(shown.standardOutput.utf8)) as? [String: Any])
        #expect(program["id"] as? String == IssuerWorkspace.programID)
        #expect(program["validity"] as? String == "P3Y")
        let missing = try workspace.attest(["programs", "show", "no-such-program"])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("there is no program no-such-program"))
    }

    @Test("importing the example CSV issues 25, importing it again changes nothing; the list shows every script")
    func importTwice() throws {
        let workspace = try Self.withExampleCredentials()
        let first = try workspace.credentials()
        #expect(first.count == 25)
        #expect(Set(first.map { $0["id"] ?? "" }).count == 25)
        #expect(first.allSatisfy { $0["state"] == "active" && $0["program"] == IssuerWorkspace.programID })
        #expect(Set(first.map { $0["learner"] ?? "" }) == Set(try Self.exampleNames()))
        let auditBefore = try workspace.count("SELECT count(*) FROM auditEntry")

        let again = try workspace.importCSV(IssuerWorkspace.exampleCompletions)
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("25 rows: 25 duplicate"), "\(again.standardOutput)")
        #expect(!again.standardOutput.contains("signed"))
        #expect(try workspace.credentials() == first)
        #expect(try workspace.count("SELECT count(*) FROM auditEntry") == auditBefore)
        #expect(try workspace.count("SELECT count(*) FROM completion") == 25)
    }

    @Test("export, publish, verify offline (JSON and PDF): VALID; revoke, publish, verify: revoked, exit 1")
    func exportVerifyRevoke() throws {
        let workspace = try Self.withExampleCredentials()
        let id = try #require(try workspace.credentials().first?["id"])
        let json = try workspace.export(id)
        for suffix in ["json", "pdf", "png"] {
            #expect(FileManager.default.fileExists(atPath: workspace.path("exported/\(id).\(suffix)")), "\(suffix)")
        }
        let credential = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        #expect(credential["id"] as? String == "https://certs.example.org/c/\(id)")

        let valid = try workspace.verifyOffline(json)
        #expect(valid.status == 0, "\(valid.standardOutput)\(valid.standardError)")
        #expect(valid.standardOutput.contains("VALID"))
        #expect(valid.standardOutput.contains("not revoked"))
        let pdf = try workspace.verifyOffline(workspace.path("exported/\(id).pdf"), exportDIDDocument: false)
        #expect(pdf.status == 0, "\(pdf.standardOutput)")

        let revoked = try workspace.attest(["revoke", id, "--reason", "issued in error"])
        #expect(revoked.status == 0, "\(revoked.standardError)")
        let invalid = try workspace.verifyOffline(json, exportDIDDocument: false)
        #expect(invalid.status == 1)
        #expect(invalid.standardOutput.contains("INVALID: revoked"), "\(invalid.standardOutput)")
        let again = try workspace.attest(["revoke", id, "--reason", "twice"])
        #expect(again.status == 1)
        #expect(again.standardError.contains("is revoked and cannot be revoked"), "\(again.standardError)")
        #expect(try workspace.attest(["reinstate", id]).status == 1)
    }

    @Test("suspend makes it invalid, reinstate valid again; reissue gives a new id and supersedes the old")
    func suspendReinstateReissue() throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        try workspace.makeExampleProgramSuspendable()
        let imported = try workspace.importCSV(IssuerWorkspace.exampleCompletions)
        #expect(imported.standardOutput.contains("25 rows: 25 issued"), "\(imported.standardOutput)")
        let id = try #require(try workspace.credentials().first?["id"])
        let json = try workspace.export(id)
        #expect(try workspace.attest(["suspend", id, "--reason", "training expired"]).status == 0)
        let suspended = try workspace.verifyOffline(json)
        #expect(suspended.status == 1)
        #expect(suspended.standardOutput.contains("INVALID: suspended"), "\(suspended.standardOutput)")
        #expect(try workspace.attest(["reinstate", id]).status == 0)
        let reinstated = try workspace.verifyOffline(json, exportDIDDocument: false)
        #expect(reinstated.status == 0, "\(reinstated.standardOutput)")

        let reissued = try workspace.attest(["reissue", id, "--name", "New Name"])
        #expect(reissued.status == 0, "\(reissued.standardError)")
        let rows = try workspace.credentials()
        #expect(rows.count == 26)
        let old = try #require(rows.first { $0["id"] == id })
        #expect(old["state"] == "superseded")
        let new = try #require(rows.first { $0["state"] == "active" && $0["learner"] == "New Name" })
        #expect(new["id"] != id)
        #expect(reissued.standardOutput.contains(try #require(new["id"])))
        let shown = try workspace.attest(["credentials", "show", id])
        #expect(shown.standardOutput.contains("superseded  by \(new["id"]!)"), "\(shown.standardOutput)")
        let newJSON = try workspace.export(try #require(new["id"]))
        #expect(try String(contentsOfFile: newJSON, encoding: .utf8).contains("New Name"))
        #expect(try workspace.verifyOffline(newJSON).status == 0)
        let oldVerified = try workspace.verifyOffline(json, exportDIDDocument: false)
        #expect(oldVerified.status == 1, "the superseded credential is revoked: \(oldVerified.standardOutput)")
    }

    @Test("review: scores near the threshold are held; approve issues, reject records the note")
    func review() throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let csv = try workspace.write(
            """
            learner_id,email,legal_name,completed_at,score,minutes,modules
            r-1,r1@example.org,Ana Lima,2026-11-20,81,150,ladders;scaffolds;harness
            r-2,r2@example.org,Bo Chen,2026-11-20,80.5,150,ladders;scaffolds;harness
            r-3,r3@example.org,Cy Diaz,2026-11-20,50,150,ladders;scaffolds;harness
            r-4,r4@example.org,Di Ek,2026-11-20,97,150,ladders;scaffolds;harness

            """, "review.csv")
        let imported = try workspace.importCSV(csv)
        #expect(imported.status == 0, "\(imported.standardError)")
        #expect(imported.standardOutput.contains("4 rows: 2 held for review, 1 issued, 1 rejected"), "\(imported.standardOutput)")
        #expect(imported.standardOutput.contains("\(csv):4: rejected: score 50 is below the minimum of 80"), "\(imported.standardOutput)")
        #expect(imported.standardOutput.contains("\(csv):2: held for review as cmp-"), "\(imported.standardOutput)")
        let held = try workspace.attest(["review", "list"]).standardOutput.split(separator: "\n").map(String.init)
        #expect(held.count == 2)
        let ana = try #require(held.first { $0.contains("Ana Lima") })
        let bo = try #require(held.first { $0.contains("Bo Chen") })
        #expect(ana.contains("within 2 points"))
        let anaCompletion = String(ana.prefix { $0 != " " })
        let boCompletion = String(bo.prefix { $0 != " " })

        let approved = try workspace.attest(["review", "approve", anaCompletion, "--note", "checked the exam sheet", "--by", "alice"])
        #expect(approved.status == 0, "\(approved.standardError)")
        #expect(approved.standardOutput.hasPrefix("issued "))
        let rejected = try workspace.attest(["review", "reject", boCompletion, "--note", "exam sheet missing"])
        #expect(rejected.status == 0, "\(rejected.standardError)")
        #expect(try workspace.attest(["review", "list"]).standardOutput.isEmpty)
        #expect(try workspace.attest(["review", "approve", boCompletion]).status == 1)
        #expect(
            try workspace.sqlite("SELECT reviewedBy, reviewNote FROM completion WHERE id = '\(anaCompletion)'").standardOutput
                == "cli:alice|checked the exam sheet\n")
        #expect(
            try workspace.sqlite("SELECT state, reviewNote FROM completion WHERE id = '\(boCompletion)'").standardOutput
                == "rejected|exam sheet missing\n")
        let names = try workspace.credentials().map { $0["learner"] ?? "" }
        #expect(Set(names) == ["Ana Lima", "Di Ek"])
    }

    @Test("keys rotate: new credentials are signed with key-2, old ones still verify with the exported DID document")
    func rotate() throws {
        let workspace = try Self.withExampleCredentials()
        let oldID = try #require(try workspace.credentials().first?["id"])
        let oldJSON = try workspace.export(oldID)
        let rotated = try workspace.attest(["keys", "rotate"])
        #expect(rotated.status == 0, "\(rotated.standardError)")
        let keys = try workspace.attest(["keys", "list"]).standardOutput
        #expect(keys.contains("#key-1") && keys.contains("retired") && keys.contains("#key-2"), "\(keys)")
        #expect(
            (try FileManager.default.attributesOfItem(atPath: workspace.keys + "/certs.example.org-key-2.pem")[.posixPermissions] as? Int)
                == 0o600)

        let issued = try workspace.attest([
            "issue", "--program", IssuerWorkspace.programID, "--learner-id", "n-1", "--email", "nia@example.org", "--name", "Nia Obi",
            "--score", "95", "--minutes", "150", "--module", "ladders", "--module", "scaffolds", "--module", "harness",
        ])
        #expect(issued.status == 0, "\(issued.standardError)")
        let newID = try #require(try workspace.credentials().first { $0["learner"] == "Nia Obi" }?["id"])
        let newJSON = try workspace.export(newID)
        #expect(try String(contentsOfFile: newJSON, encoding: .utf8).contains("\"did:web:certs.example.org#key-2\""))
        #expect(try String(contentsOfFile: oldJSON, encoding: .utf8).contains("\"did:web:certs.example.org#key-1\""))
        let document = try workspace.attest(["keys", "export-public"]).standardOutput
        #expect(document.contains("#key-1") && document.contains("#key-2"))
        let newVerified = try workspace.verifyOffline(newJSON)
        #expect(newVerified.status == 0, "\(newVerified.standardOutput)")
        let oldVerified = try workspace.verifyOffline(oldJSON, exportDIDDocument: false)
        #expect(oldVerified.status == 0, "\(oldVerified.standardOutput)")
        #expect(try String(contentsOfFile: workspace.path("site/status/revocation-1"), encoding: .utf8).contains("#key-2"))
        #expect(try workspace.attest(["audit", "verify"]).status == 0)
    }

    @Test("a passphrase-encrypted key: init encrypts it, commands without the passphrase are refused, with it they issue")
    func passphrase() throws {
        let workspace = try IssuerWorkspace()
        let secret = ["ATTEST_TEST_PASSPHRASE": "correct horse battery staple"]
        let created = try workspace.attest(
            [
                "init", "--name", "Northwind", "--base-url", "https://certs.example.org", "--keys", workspace.keys, "--passphrase-env",
                "ATTEST_TEST_PASSPHRASE",
            ],
            environment: secret)
        #expect(created.status == 0, "\(created.standardError)")
        let keyPath = workspace.keys + "/certs.example.org-key-1.pem"
        #expect(try String(contentsOfFile: keyPath, encoding: .utf8).hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        let openssl = try Executables.runProgram(
            "openssl", ["pkey", "-in", keyPath, "-passin", "env:ATTEST_TEST_PASSPHRASE", "-noout"], environment: secret)
        #expect(openssl.status == 0, "\(openssl.standardError)")

        let locked = try workspace.attest(["programs", "add", IssuerWorkspace.exampleProgram])
        #expect(locked.status == 1)
        #expect(!locked.standardError.isEmpty)
        #expect(try workspace.count("SELECT count(*) FROM program") == 0)
        let wrong = try workspace.attest(
            ["programs", "add", IssuerWorkspace.exampleProgram, "--passphrase-env", "ATTEST_TEST_PASSPHRASE"],
            environment: ["ATTEST_TEST_PASSPHRASE": "wrong"])
        #expect(wrong.status == 1)
        #expect(try workspace.count("SELECT count(*) FROM program") == 0)
        let unlocked = try workspace.attest(
            ["programs", "add", IssuerWorkspace.exampleProgram, "--passphrase-env", "ATTEST_TEST_PASSPHRASE"], environment: secret)
        #expect(unlocked.status == 0, "\(unlocked.standardError)")
        #expect(try workspace.count("SELECT count(*) FROM program") == 1)
    }

    @Test("audit: verify passes; the database refuses UPDATE and DELETE; an edited entry is named; export writes JSON lines")
    func audit() throws {
        let workspace = try Self.withExampleCredentials()
        let verified = try workspace.attest(["audit", "verify"])
        #expect(verified.status == 0, "\(verified.standardOutput)\(verified.standardError)")
        #expect(verified.standardOutput.contains("audit chain intact"))
        let total = try workspace.count("SELECT count(*) FROM auditEntry")
        #expect(total > 25 * 3)

        let update = try workspace.sqlite("UPDATE auditEntry SET actor = 'mallory' WHERE sequence = 7")
        #expect(update.status != 0)
        #expect(update.standardError.contains("append-only"))
        let delete = try workspace.sqlite("DELETE FROM auditEntry WHERE sequence = \(total)")
        #expect(delete.status != 0)
        #expect(delete.standardError.contains("append-only"))
        let gap = try workspace.sqlite(
            "INSERT INTO auditEntry SELECT sequence + 5, at, kind, actor, subject, data, previousHash, hash, keyID, signature FROM auditEntry WHERE sequence = \(total)"
        )
        #expect(gap.status != 0)
        #expect(try workspace.count("SELECT count(*) FROM auditEntry WHERE actor = 'mallory'") == 0)

        let exported = try workspace.attest(["audit", "export", "--out", workspace.path("audit.jsonl")])
        #expect(exported.status == 0)
        let lines = try String(contentsOfFile: workspace.path("audit.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == total)
        for (offset, line) in lines.enumerated() {
            let entry = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect((entry["sequence"] as? Int) == offset + 1)
            #expect((entry["hash"] as? String)?.count == 64)
        }

        // The second learner's intake: an entry in the middle of the chain.
        let target = try workspace.count("SELECT min(sequence) FROM auditEntry WHERE kind = 'completion.received' AND sequence > 5")
        let tampered = try workspace.sqlite(
            "DROP TRIGGER auditEntry_no_update; UPDATE auditEntry SET data = replace(data, '\"csv\"', '\"api\"') WHERE sequence = \(target)"
        )
        #expect(tampered.status == 0, "\(tampered.standardError)")
        #expect(try workspace.count("SELECT count(*) FROM auditEntry WHERE data LIKE '%\"api\"%'") == 1)
        let broken = try workspace.attest(["audit", "verify"])
        #expect(broken.status == 1)
        #expect(broken.standardOutput.contains("BROKEN at entry \(target):"), "\(broken.standardOutput)")
        #expect(broken.standardOutput.contains("\(target - 1) entries before it are intact"))
    }
}

/// Issue 5 item 10: bad input gets one precise line (per CSV row, with its line number), the exit
/// status is 1, nothing half-made is stored, and the good rows still go through.
@Suite("attest: bad input end to end")
struct IssuerBadInputTests {
    static let header = "learner_id,email,legal_name,completed_at,score,minutes,modules"
    static func good(_ number: Int) -> String {
        "g-\(number),g\(number)@example.org,Good Learner \(number),2026-11-20,95,150,ladders;scaffolds;harness"
    }

    @Test("malformed rows, an empty name, an invalid email, a bad date, a bad score: one line each, the good rows issued")
    func badRows() throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let csv = try workspace.write(
            [
                Self.header, Self.good(1),
                "b-2,b2@example.org,Too,Many,2026-11-20,95,150,ladders",  // line 3
                "b-3,b3@example.org,,2026-11-20,95,150,ladders;scaffolds;harness",
                "b-4,not-an-email,Dee,2026-11-20,95,150,ladders;scaffolds;harness",
                "b-5,b5@example.org,Eve,2026-13-45,95,150,ladders;scaffolds;harness",
                "b-6,b6@example.org,Fay,2026-11-20,ninety,150,ladders;scaffolds;harness",
                "b-7,b7@example.org,Gus,2026-11-20,101,150,ladders;scaffolds;harness",
                "b-8,b8@example.org,Hal,2026-11-20", Self.good(10), "",
            ].joined(separator: "\n"), "bad.csv")
        let imported = try workspace.importCSV(csv)
        #expect(imported.status == 1)
        let errors = imported.standardError.split(separator: "\n").map(String.init)
        #expect(
            errors == [
                "\(csv):3: has 8 fields, the header has 7",
                "\(csv):4: the learner name is empty",
                "\(csv):5: \"not-an-email\" is not a valid email address",
                "\(csv):6: completed_at \"2026-13-45\" is not a date (2026-11-20) or date-time (2026-11-20T14:30:00Z)",
                "\(csv):7: score \"ninety\" is not a number",
                "\(csv):8: score 101 is outside 0–100",
                "\(csv):9: has 4 fields, the header has 7",
            ], "\(imported.standardError)")
        #expect(imported.standardOutput.contains("9 rows: 7 invalid, 2 issued"), "\(imported.standardOutput)")
        #expect(Set(try workspace.credentials().map { $0["learner"] ?? "" }) == ["Good Learner 1", "Good Learner 10"])
        #expect(try workspace.count("SELECT count(*) FROM completion") == 2)
    }

    @Test("a stray quote inside an unquoted field spoils only its own row")
    func strayQuote() throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let csv = try workspace.write(
            [Self.header, Self.good(1), "b-2,b2@example.org,Hal \"the\" Ox,2026-11-20,95,150,ladders;scaffolds;harness", Self.good(3), ""]
                .joined(separator: "\n"), "quote.csv")
        let imported = try workspace.importCSV(csv)
        #expect(imported.status == 1)
        #expect(imported.standardError.hasPrefix("\(csv):3: "), "\(imported.standardError)")
        #expect(imported.standardError.split(separator: "\n").count == 1)
        #expect(Set(try workspace.credentials().map { $0["learner"] ?? "" }) == ["Good Learner 1", "Good Learner 3"])
    }

    @Test("an unclosed quote spoils only its own line; the rows before and after it are issued")
    func unclosedQuote() throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let csv = try workspace.write(
            [Self.header, Self.good(1), Self.good(2), "b-3,b3@example.org,\"Unclosed,2026-11-20,95,150,ladders", Self.good(4), ""]
                .joined(separator: "\n"), "unclosed.csv")
        let imported = try workspace.importCSV(csv)
        #expect(imported.status == 1)
        #expect(imported.standardError.contains("\(csv):4: "), "\(imported.standardError)")
        #expect(imported.standardError.contains("not closed"))
        #expect(Set(try workspace.credentials().map { $0["learner"] ?? "" }) == ["Good Learner 1", "Good Learner 2", "Good Learner 4"])
    }

    @Test("an unknown program: one clear line, exit 1, nothing stored")
    func unknownProgram() throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let csv = try workspace.write([Self.header, Self.good(1), ""].joined(separator: "\n"), "good.csv")
        let imported = try workspace.attest(["import", csv, "--program", "no-such-program"])
        #expect(imported.status == 1)
        #expect(imported.standardError == "Error: there is no program \"no-such-program\"; add it with attest programs add\n")
        #expect(try workspace.count("SELECT count(*) FROM completion") == 0)
        #expect(try workspace.count("SELECT count(*) FROM learner") == 0)
    }

    @Test(
        "programs add with broken JSON, a missing field or a bad duration: one line, nothing stored",
        arguments: [
            ("broken", "not valid JSON"), ("missing", "achievement is missing"), ("duration", "\"3 years\" is not an ISO 8601 duration"),
        ])
    func badProgram(kind: String, message: String) throws {
        let workspace = try IssuerWorkspace()
        try workspace.initialize()
        var program = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: IssuerWorkspace.exampleProgram))) as? [String: Any]
        )
        switch kind {
        case "missing": program["achievement"] = nil
        case "duration": program["validity"] = "3 years"
        default: break
        }
        let text =
            kind == "broken"
            ? "{\"id\": \"working-at-height-2\", " : String(decoding: try JSONSerialization.data(withJSONObject: program), as: UTF8.self)
        let file = try workspace.write(text, "\(kind).json")
        let added = try workspace.attest(["programs", "add", file])
        #expect(added.status == 1)
        #expect(added.standardError.split(separator: "\n").count == 1)
        #expect(added.standardError.contains(message), "\(added.standardError)")
        #expect(try workspace.attest(["programs", "list"]).standardOutput.isEmpty)
        #expect(try workspace.count("SELECT count(*) FROM program") == 0)
    }

    @Test("commands on a folder without an issuer say so and create nothing")
    func noIssuer() throws {
        let workspace = try IssuerWorkspace()
        for arguments in [
            ["credentials", "list"], ["programs", "add", IssuerWorkspace.exampleProgram], ["audit", "verify"], ["keys", "rotate"],
        ] {
            let result = try workspace.attest(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.standardError.contains("holds no issuer; create one with: attest init"), "\(arguments): \(result.standardError)")
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.data))
    }

    @Test("a key file other users can read is refused and nothing is stored")
    func worldReadableKey() throws {
        let workspace = try IssuerWorkspace.withExampleProgram()
        let keyPath = workspace.keys + "/certs.example.org-key-1.pem"
        #expect(chmod(keyPath, 0o644) == 0)
        let csv = try workspace.write([Self.header, Self.good(1), ""].joined(separator: "\n"), "good.csv")
        let imported = try workspace.importCSV(csv)
        #expect(imported.status == 1)
        #expect(imported.standardError.contains("is readable by other users (mode 644); run: chmod 600"), "\(imported.standardError)")
        let published = try workspace.attest(["status-lists", "publish", "--out", workspace.path("site")])
        #expect(published.status == 1)
        #expect(try workspace.count("SELECT count(*) FROM completion") == 0)
        #expect(try workspace.count("SELECT count(*) FROM credential") == 0)
    }
}
