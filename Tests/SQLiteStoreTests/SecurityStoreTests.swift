import Foundation
import GRDB
import IssuerCore
import Testing

@testable import SQLiteStore

/// Issue 14 in the store: learners unique per namespace, API key upkeep, magic-link records; the
/// same rules in every store, and the `v5-security` migration on a file written before it.
@Suite("Store: namespaces, API key upkeep, magic links")
struct SecurityStoreTests {
    let scratch: TemporaryDirectory

    init() throws {
        scratch = try TemporaryDirectory()
    }

    static func learner(_ id: String, _ externalID: String, _ namespace: LearnerNamespace) -> Learner {
        Learner(id: id, externalID: externalID, namespace: namespace, email: "\(id)@example.org", legalName: "Learner \(id)")
    }

    @Test(arguments: StoreKind.allCases)
    func theSameExternalIDIsOneLearnerPerNamespace(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        let school = LearnerNamespace.apiKey(named: "school")
        try await store.write { transaction in
            try transaction.saveLearner(Self.learner("lrn-a", "u-1", school))
            try transaction.saveLearner(Self.learner("lrn-b", "u-1", .local))
        }
        await #expect(throws: IssuerError(.duplicate, "a learner with external id u-1 exists")) {
            try await store.write { try $0.saveLearner(Self.learner("lrn-c", "u-1", school)) }
        }
        try await store.read { (reading) throws in
            #expect(try reading.learner(namespace: school, externalID: "u-1")?.id == "lrn-a")
            #expect(try reading.learner(namespace: .local, externalID: "u-1")?.id == "lrn-b")
            #expect(try reading.learner(namespace: .apiKey(named: "other"), externalID: "u-1") == nil)
            #expect(try reading.learner(externalID: "u-1")?.id == "lrn-a")
            #expect(try reading.learners(externalID: "u-1").map(\.id) == ["lrn-a", "lrn-b"])
            #expect(try reading.learners(externalID: "u-2").isEmpty)
            #expect(try reading.learner(id: "lrn-a")?.namespace == school)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func markingAKeyUsedNeverUndoesARevocation(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        let created = Date(timeIntervalSince1970: 1_795_424_400)
        let key = APIKeyRecord(
            id: "ak-1", name: "lms", role: .lms, tokenHash: String(repeating: "a", count: 64), hmacSecret: "secret-secret-secret",
            requiresHMAC: true, createdAt: created, expiresAt: created.addingTimeInterval(86_400))
        try await store.write { try $0.saveAPIKey(key) }
        #expect(try await store.read { try $0.apiKey(id: "ak-1") } == key)
        // A request read the key before the revocation committed; its late bookkeeping must not un-revoke it.
        try await store.write { transaction in
            var revoked = try #require(try transaction.apiKey(id: "ak-1"))
            revoked.revokedAt = created.addingTimeInterval(10)
            try transaction.saveAPIKey(revoked)
        }
        try await store.write { try $0.markAPIKeyUsed(id: "ak-1", at: created.addingTimeInterval(20)) }
        try await store.write { try $0.markAPIKeyUsed(id: "ak-unknown", at: created) }
        let stored = try #require(try await store.read { try $0.apiKey(id: "ak-1") })
        #expect(stored.revokedAt == created.addingTimeInterval(10))
        #expect(stored.lastUsedAt == created.addingTimeInterval(20))
        #expect(stored.requiresHMAC && stored.expiresAt == created.addingTimeInterval(86_400))
        #expect(stored.hmacSecret == "secret-secret-secret")
        #expect(try await store.read { try $0.apiKey(id: "ak-unknown") } == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func learnerLinksRoundTripByAddressHash(kind: StoreKind) async throws {
        let store = try kind.makeStore(in: scratch)
        let at = Date(timeIntervalSince1970: 1_795_424_400)
        let hash = LearnerLinkRecord.addressHash(of: "Zoe@Example.org")
        #expect(hash == LearnerLinkRecord.addressHash(of: "zoe@example.org"))
        #expect(hash.count == 64)
        let record = LearnerLinkRecord(
            addressHash: hash, requestedAt: at, tokenHash: String(repeating: "b", count: 64), issuedAt: at, expiresAt: at + 3600)
        try await store.write { try $0.saveLearnerLink(record) }
        #expect(try await store.read { try $0.learnerLink(addressHash: hash) } == record)
        var signedOut = record
        signedOut.tokenHash = nil
        signedOut.expiresAt = nil
        let ended = signedOut
        try await store.write { try $0.saveLearnerLink(ended) }
        #expect(try await store.read { try $0.learnerLink(addressHash: hash) } == ended)
        #expect(try await store.read { try $0.learnerLink(addressHash: String(repeating: "c", count: 64)) } == nil)
    }

    /// A file at `v3-compliance` (every migration before this one) with learners reported by the
    /// CLI, an API key and the admin API, and a learner-link row holding a live token.
    @Test func theMigrationPutsEachLearnerInTheNamespaceOfWhoFirstReportedThem() async throws {
        let path = scratch.file("attest.sqlite")
        let queue = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(queue, upTo: "v3-compliance")
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO apiKey (id, name, role, tokenHash, hmacSecret, createdAt)
                    VALUES ('ak-1', 'moodle', 'lms', '\(String(repeating: "a", count: 64))', NULL, '2026-11-23T09:00:00.000000000Z');
                    INSERT INTO learner (id, externalID, email, legalName) VALUES
                        ('lrn-cli', 'emp-1', 'a@example.org', 'A'), ('lrn-lms', 'u-1001', 'b@example.org', 'B'),
                        ('lrn-api', 'u-2', 'c@example.org', 'C'), ('lrn-none', 'w-1', 'd@example.org', 'D');
                    INSERT INTO completion (id, source, eventID, programID, learnerID, event, receivedAt, state, reasons) VALUES
                        ('cmp-1', 'cli', 'e-1', 'p', 'lrn-cli', '{}', '2026-11-23T09:00:00.000000000Z', 'issued', '[]'),
                        ('cmp-2', 'moodle', 'e-2', 'p', 'lrn-lms', '{}', '2026-11-23T09:00:00.000000000Z', 'issued', '[]'),
                        ('cmp-3', 'other-lms', 'e-3', 'p', 'lrn-lms', '{}', '2026-11-24T09:00:00.000000000Z', 'rejected', '[]'),
                        ('cmp-4', 'api:registrar', 'e-4', 'p', 'lrn-api', '{}', '2026-11-23T09:00:00.000000000Z', 'issued', '[]');
                    INSERT INTO outboxMessage (id, channel, event, subjectID, recipient, createdAt, state, attempts)
                    VALUES ('out-1', 'email', 'learner.link', 'v1.live-token', 'b@example.org', '2026-11-23T09:00:00.000000000Z', 'pending', 0);
                    """)
        }
        let store = try SQLiteIssuerStore(path: path)
        try await store.read { (reading) throws in
            #expect(try reading.learner(id: "lrn-cli")?.namespace == .local)
            #expect(try reading.learner(id: "lrn-lms")?.namespace == .apiKey(named: "moodle"))
            #expect(try reading.learner(id: "lrn-api")?.namespace == .apiKey(named: "registrar"))
            #expect(try reading.learner(id: "lrn-none")?.namespace == .local)
            #expect(try reading.outboxMessage(id: "out-1")?.subjectID == "redacted")
            #expect(try reading.apiKey(id: "ak-1")?.requiresHMAC == false)
        }
        // Another LMS's learner with the same external id is now a learner of its own.
        try await store.write { try $0.saveLearner(Self.learner("lrn-new", "u-1001", .apiKey(named: "other-lms"))) }
        try await DatabaseQueue(path: path).read { (db) throws in
            #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations").contains("v5-security"))
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
        }
    }
}

/// Issue 14, point 5: HMAC secrets are sealed in the database with a key kept in a file of its own.
@Suite("Store: HMAC secrets sealed at rest")
struct SealedSecretTests {
    let scratch: TemporaryDirectory

    init() throws {
        scratch = try TemporaryDirectory()
    }

    static let secret = "lms-shared-secret-never-in-the-file"

    static func key(secret: String? = SealedSecretTests.secret) -> APIKeyRecord {
        APIKeyRecord(
            id: "ak-1", name: "moodle", role: .lms, tokenHash: String(repeating: "a", count: 64), hmacSecret: secret, requiresHMAC: true,
            createdAt: Date(timeIntervalSince1970: 1_795_424_400))
    }

    @Test func aReadOfTheDatabaseHoldsNoUsableSecret() async throws {
        let path = scratch.file("attest.sqlite")
        let store = try SQLiteIssuerStore(path: path)
        try await store.write { try $0.saveAPIKey(Self.key()) }
        let stored = try await DatabaseQueue(path: path).read { db in
            try String.fetchOne(db, sql: "SELECT hmacSecret FROM apiKey WHERE id = 'ak-1'")
        }
        let text = try #require(stored)
        #expect(text.hasPrefix("sealed:v1:"))
        #expect(!text.contains(Self.secret))
        for file in [path, path + "-wal"] where FileManager.default.fileExists(atPath: file) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)).range(of: Data(Self.secret.utf8)) == nil, "\(file)")
        }
        // The store itself opens it, also after a restart; the key file is the owner's only.
        #expect(try await SQLiteIssuerStore(path: path).read { try $0.apiKey(id: "ak-1")?.hmacSecret } == Self.secret)
        let keyFile = scratch.file("sealing.key")
        let attributes = try FileManager.default.attributesOfItem(atPath: keyFile)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect((attributes[.size] as? NSNumber)?.intValue == 32)
    }

    @Test func aSecretStoredBeforeSealingIsSealedOnOpen() async throws {
        let path = scratch.file("attest.sqlite")
        _ = try SQLiteIssuerStore(path: path)
        try await DatabaseQueue(path: path).write { db in
            try db.execute(
                sql: """
                    INSERT INTO apiKey (id, name, role, tokenHash, hmacSecret, createdAt)
                    VALUES ('ak-old', 'old-lms', 'lms', '\(String(repeating: "b", count: 64))', ?, '2026-11-23T09:00:00.000000000Z')
                    """, arguments: [Self.secret])
        }
        let store = try SQLiteIssuerStore(path: path)
        #expect(try await store.read { try $0.apiKey(id: "ak-old")?.hmacSecret } == Self.secret)
        let raw = try await DatabaseQueue(path: path).read { db in
            try String.fetchOne(db, sql: "SELECT hmacSecret FROM apiKey WHERE id = 'ak-old'")
        }
        #expect(raw?.hasPrefix("sealed:v1:") == true)
    }

    @Test func anotherSealingKeyOrAnAlteredSecretDoesNotOpen() async throws {
        let path = scratch.file("attest.sqlite")
        try await SQLiteIssuerStore(path: path).write { try $0.saveAPIKey(Self.key()) }
        let elsewhere = try SQLiteIssuerStore(path: path, sealingKeyPath: scratch.file("other.key"))
        await #expect(throws: IssuerError.self) { try await elsewhere.read { try $0.apiKey(id: "ak-1") } }

        let sealer = try #require(SecretSealer(key: [UInt8](repeating: 7, count: 32)))
        let sealed = sealer.seal(Self.secret)
        #expect(sealed != sealer.seal(Self.secret))  // a fresh nonce each time
        #expect(try sealer.open(sealed) == Self.secret)
        var bytes = try #require(Data(base64Encoded: String(sealed.dropFirst(SecretSealer.prefix.count))))
        bytes[20] ^= 1
        #expect(throws: IssuerError.self) { try sealer.open(SecretSealer.prefix + bytes.base64EncodedString()) }
        #expect(SecretSealer(key: [1, 2, 3]) == nil)
    }
}
