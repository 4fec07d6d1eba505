import Foundation
import IssuerCore

/// Records for the tests, with every optional field set and dates that carry sub-microsecond
/// fractions, so a store that loses any of it fails the round trip.
enum Samples {
    static let start = Date(timeIntervalSinceReferenceDate: 815_000_000.123_456_7)

    static func date(_ offset: TimeInterval) -> Date { start.addingTimeInterval(offset) }

    static let issuer = IssuerProfile(
        did: "did:web:certs.example.org", name: "Example Academy", baseURL: "https://certs.example.org", email: "certs@example.org",
        createdAt: date(0))

    static func signingKey(_ number: Int, retiredAt: Date? = nil) -> SigningKeyRecord {
        SigningKeyRecord(
            id: "key-\(number)", publicKeyMultibase: "z6MkTestKey\(number)", fileName: "key-\(number).pem", createdAt: date(Double(number)),
            retiredAt: retiredAt)
    }

    static func program(_ id: String = "working-at-height", version: Int = 1) -> Program {
        Program(
            id: id, version: version,
            achievement: Achievement(
                name: "Working at Height — Level 2", description: "Plans and performs work at height safely.",
                criteria: "Complete every module and pass the assessment.", achievementType: "Certificate",
                image: "https://example.org/badge.png"),
            template: .compliance,
            branding: Branding(
                organisation: "Example Academy", primaryColor: "#1A2B3C", accentColor: "#C0FFEE", logo: "logo.svg",
                signatoryName: "Ada Lovelace",
                signatoryTitle: "Director", signatureImage: "signature.png", pageSize: .a4),
            validity: ISODuration("P3Y"), instructor: "Grace Hopper", cohort: "2026-Q4", customFields: ["site": "Lyon", "hours": "16"],
            rules: CompletionRules(
                requiredModules: ["harness", "ladders"], minimumScore: 80, minimumMinutes: 240.5, prerequisites: ["first-aid"],
                review: ReviewTriggers(scoreWithin: 2, exemptModules: true, nameMismatch: true)))
    }

    static func learner(_ number: Int) -> Learner {
        Learner(
            id: "lrn-\(number)", externalID: "lms-user-\(number)", email: "learner\(number)@example.org",
            legalName: "Zoë Ångström \(number)",
            preferredName: number.isMultiple(of: 2) ? "李小龍 \(number)" : nil)
    }

    static func event(_ eventID: String, source: String = "lms", learner number: Int = 1, program: String = "working-at-height")
        -> CompletionEvent
    {
        CompletionEvent(
            source: source, eventID: eventID, programID: program,
            learner: LearnerDetails(
                externalID: "lms-user-\(number)", email: "learner\(number)@example.org", legalName: "Zoë Ångström \(number)",
                preferredName: "Zoë", profileName: "Zoe Angstrom"),
            completedAt: date(-3_600.000_000_3), score: 87.35, minutes: 251.25,
            modules: [ModuleCompletion(id: "harness", completedAt: date(-7_200.5)), ModuleCompletion(id: "ladders", exempt: true)])
    }

    static func completion(
        _ id: String, eventID: String? = nil, learner number: Int = 1, state: CompletionState = .issued,
        receivedAt offset: TimeInterval = 10
    ) -> CompletionRecord {
        CompletionRecord(
            id: id, event: event(eventID ?? "event-\(id)", learner: number), learnerID: "lrn-\(number)", receivedAt: date(offset),
            state: state,
            reasons: state == .issued ? [] : ["score 81 is within 2 points of 80"])
    }

    static func credential(
        _ id: String, learner number: Int = 1, program: String = "working-at-height", completion: String = "cmp-1",
        state: CredentialState = .active, revocationIndex: Int, suspensionIndex: Int? = nil
    ) -> CredentialRecord {
        CredentialRecord(
            id: id, learnerID: "lrn-\(number)", programID: program, programVersion: 1, completionID: completion, issuedAt: date(20),
            validUntil: date(94_672_800), state: state, revocationList: "revocation-1", revocationIndex: revocationIndex,
            suspensionList: "suspension-1", suspensionIndex: suspensionIndex ?? revocationIndex,
            credentialJSON: Data(#"{"id":"\#(id)"}"#.utf8),
            pdf: Data([0x25, 0x50, 0x44, 0x46, 0x00, 0xFF]), png: Data([0x89, 0x50, 0x4E, 0x47, 0x00]), passcode: "ABCD-EFGH",
            stateReason: state == .revoked ? "issued in error" : nil)
    }

    static func statusList(_ purpose: StatusPurpose, number: Int = 1, allocated: Int = 0) -> StatusListRecord {
        var bits = Data(count: 131_072 / 8)
        bits[3] = 0b0001_0000
        return StatusListRecord(
            id: "\(purpose.rawValue)-\(number)", purpose: purpose, capacity: 131_072, allocated: allocated, bits: bits,
            signedCredentialJSON: number == 1 ? Data(#"{"type":"BitstringStatusListCredential"}"#.utf8) : nil, updatedAt: date(30))
    }

    static func outboxMessage(_ id: String, createdAt offset: TimeInterval, state: OutboxState = .pending) -> OutboxMessage {
        var message = OutboxMessage(
            id: id, channel: .email, event: .credentialIssued, subjectID: "cred-1", recipient: "learner1@example.org",
            createdAt: date(offset))
        message.state = state
        if state != .pending {
            message.attempts = 3
            message.nextAttemptAt = nil
            message.lastError = "550 mailbox unavailable"
        }
        return message
    }

    /// An audit entry with made-up hashes (the store keeps entries; the chain verifier checks them).
    /// `AuditEntry` has no public memberwise initializer, so it is decoded from its Codable form.
    static func auditEntry(_ sequence: Int) -> AuditEntry {
        struct Fields: Codable {
            var sequence: Int
            var at: Date
            var kind, actor, subject, data, previousHash, hash, keyID, signature: String
        }
        let fields = Fields(
            sequence: sequence, at: date(Double(sequence) + 0.25), kind: "completion.received", actor: "cli", subject: "cmp-\(sequence)",
            data: #"{"program":"working-at-height","score":87.35}"#,
            previousHash: sequence == 1 ? AuditEntry.genesisHash : hash(sequence - 1),
            hash: hash(sequence), keyID: "key-1", signature: "z3sig\(sequence)")
        return try! JSONDecoder().decode(AuditEntry.self, from: JSONEncoder().encode(fields))
    }

    private static func hash(_ sequence: Int) -> String {
        String(repeating: String(sequence % 10), count: 64)
    }

    /// Issuer, a key, the program, learners 1…`learners` and completion `cmp-1` of learner 1: what a
    /// credential needs to exist before it.
    static func seed(learners: Int = 2, in transaction: any IssuerTransaction) throws {
        try transaction.saveIssuer(issuer)
        try transaction.saveSigningKey(signingKey(1))
        try transaction.saveProgram(program())
        for number in 1...learners { try transaction.saveLearner(learner(number)) }
        try transaction.insertCompletion(completion("cmp-1"))
    }
}
