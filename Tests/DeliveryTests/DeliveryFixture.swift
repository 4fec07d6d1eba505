import CertificateDocuments
import Ed25519
import Foundation
import IssuerCore
import SQLiteStore
import Synchronization

/// An issuer on a real SQLite file in a temporary folder, with a clock the test moves by hand.
struct DeliveryFixture {
    static let start = Date(timeIntervalSince1970: 1_795_424_400)  // 2026-11-23T09:00:00Z
    let folder: URL
    let store: SQLiteIssuerStore
    let clock = TestClock(start)
    let environment: IssuerEnvironment

    init(renderDocuments: Bool = false, program: Program = Self.program) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("delivery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteIssuerStore(path: folder.appendingPathComponent("issuer.sqlite").path)
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 7, count: 32))
        let clock = self.clock
        environment = IssuerEnvironment(
            store: store, now: { clock.now }, random: SeededRandomSource(seed: 11), keys: InMemoryKeyProvider(keys: ["key-1": key]),
            documents: renderDocuments ? CertificateDocumentRenderer() : nil)
        let issuer = IssuerProfile(
            did: try IssuerProfile.didWeb(forBaseURL: "https://certs.example.org"), name: "Example Safety Training",
            baseURL: "https://certs.example.org", email: "certs@example.org", createdAt: Self.start)
        let publicKey = try PublicKeyText.multikey(key.publicKey)
        try await store.write { transaction in
            try transaction.saveIssuer(issuer)
            try transaction.saveSigningKey(
                SigningKeyRecord(id: "key-1", publicKeyMultibase: publicKey, fileName: "key-1.pem", createdAt: Self.start))
            try transaction.saveProgram(program)
        }
    }

    static let program = Program(
        id: "working-at-height-2",
        achievement: Achievement(
            name: "Working at Height — Level 2", description: "Safe work on ladders.", criteria: "All modules and 80%."),
        branding: Branding(organisation: "Example Safety Training"), validity: ISODuration("P3Y"), instructor: "Σοφία Παπαδοπούλου", cohort: "2026-Q4",
        rules: CompletionRules(requiredModules: ["ladders"], minimumScore: 80))

    /// Issues a credential to a learner and returns its record (after `finish`).
    func issue(eventID: String, name: String, email: String, score: Double = 92) async throws -> CredentialRecord {
        let pipeline = IssuancePipeline(environment: environment, actor: "test")
        let event = CompletionEvent(
            source: "lms-test", eventID: eventID, programID: Self.program.id,
            learner: LearnerDetails(externalID: "ext-\(eventID)", email: email, legalName: name),
            completedAt: Self.start, score: score, minutes: 180, modules: [ModuleCompletion(id: "ladders", completedAt: Self.start)])
        guard case .issued(_, let credentialID) = try await pipeline.intake(event) else {
            throw FixtureError("the completion was not issued")
        }
        return try await pipeline.finish(credentialID: credentialID)
    }

    func outbox(channel: OutboxChannel) async throws -> [OutboxMessage] {
        try await store.read { try $0.outboxMessages(state: nil) }.filter { $0.channel == channel }
    }
}

/// The Multikey text of a public key, without importing VerifiableCredentials here: the
/// multicodec prefix 0xed01 and base58btc with `z`.
enum PublicKeyText {
    static func multikey(_ key: Ed25519PublicKey) throws -> String {
        "z" + base58([0xED, 0x01] + key.rawRepresentation)
    }

    private static func base58(_ bytes: [UInt8]) -> String {
        let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")
        var digits: [Int] = []
        for byte in bytes {
            var carry = Int(byte)
            for index in digits.indices {
                carry += digits[index] << 8
                digits[index] = carry % 58
                carry /= 58
            }
            while carry > 0 {
                digits.append(carry % 58)
                carry /= 58
            }
        }
        let zeros = bytes.prefix { $0 == 0 }.count
        return String(repeating: "1", count: zeros) + String(digits.reversed().map { alphabet[$0] })
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }
}
