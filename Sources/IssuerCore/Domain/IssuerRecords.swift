import Foundation

/// The issuing organisation: one per database.
public struct IssuerProfile: Codable, Sendable, Hashable {
    /// `did:web:<host>` derived from the base URL.
    public var did: String
    /// The organisation's name, shown on certificates and pages.
    public var name: String
    /// Where the issuer's pages live, e.g. `https://certs.example.org` (no trailing slash).
    public var baseURL: String
    /// The contact and sender address, if set.
    public var email: String?
    /// When `attest init` ran.
    public var createdAt: Date

    /// A profile.
    public init(did: String, name: String, baseURL: String, email: String? = nil, createdAt: Date) {
        self.did = did
        self.name = name
        self.baseURL = baseURL
        self.email = email
        self.createdAt = createdAt
    }
}

/// A signing key of the issuer, current or retired. Private keys live in the key store on disk;
/// the database keeps only what verifiers need and where to find the file.
public struct SigningKeyRecord: Codable, Sendable, Hashable, Identifiable {
    /// The fragment of the verification method, `key-1`, `key-2`, …
    public var id: String
    /// The public key as a Multikey (`z6Mk…`).
    public var publicKeyMultibase: String
    /// The PEM file's name in the key store.
    public var fileName: String
    /// When it was created.
    public var createdAt: Date
    /// When a newer key replaced it; `nil` for the active key.
    public var retiredAt: Date?
    /// From when the private key is known or feared to be in other hands (`attest keys retire ID
    /// --compromised --since T`); `nil` for a key that is not compromised. A compromised key leaves
    /// the DID document's `assertionMethod` and is published with `revoked` set to this moment.
    public var compromisedSince: Date?

    /// A key record.
    public init(
        id: String, publicKeyMultibase: String, fileName: String, createdAt: Date, retiredAt: Date? = nil, compromisedSince: Date? = nil
    ) {
        self.id = id
        self.publicKeyMultibase = publicKeyMultibase
        self.fileName = fileName
        self.createdAt = createdAt
        self.retiredAt = retiredAt
        self.compromisedSince = compromisedSince
    }
}

/// Where a completion stands.
public enum CompletionState: String, Codable, Sendable, CaseIterable {
    /// The rules said issue; a credential exists or is being made.
    case issued
    /// Waiting for a reviewer.
    case held
    /// The rules or a reviewer said no.
    case rejected
}

/// A stored completion event with the decision made on it.
public struct CompletionRecord: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var event: CompletionEvent
    public var learnerID: String
    public var receivedAt: Date
    public var state: CompletionState
    /// The reasons of the decision (or of the reviewer).
    public var reasons: [String]
    /// Who approved or rejected it in review, and why.
    public var reviewedBy: String?
    public var reviewNote: String?
    public var reviewedAt: Date?

    /// A completion record.
    public init(
        id: String, event: CompletionEvent, learnerID: String, receivedAt: Date, state: CompletionState, reasons: [String],
        reviewedBy: String? = nil, reviewNote: String? = nil, reviewedAt: Date? = nil
    ) {
        self.id = id
        self.event = event
        self.learnerID = learnerID
        self.receivedAt = receivedAt
        self.state = state
        self.reasons = reasons
        self.reviewedBy = reviewedBy
        self.reviewNote = reviewNote
        self.reviewedAt = reviewedAt
    }
}

/// Where a credential stands. `pending` exists only between the decision and the stored document.
public enum CredentialState: String, Codable, Sendable, CaseIterable {
    case pending, active, suspended, revoked, superseded
}

/// One issued credential (one version: a reissue makes a new record): its fields, which listings
/// and pages read alone as its ``summary``, and its stored ``documents``.
///
/// The fields read and write through the summary (`record.state = .revoked`, `record.issuedAt`),
/// so they are declared once, in ``CredentialRecordSummary``. The summary's `isSigned`, `hasPDF`
/// and `hasPNG` always say what ``documents`` holds.
@dynamicMemberLookup
public struct CredentialRecord: Codable, Sendable, Hashable, Identifiable {
    /// Its fields, without the files.
    public var summary: CredentialRecordSummary {
        didSet { summary.describeFiles(of: documents) }
    }
    /// Its stored files.
    public var documents: CredentialDocuments {
        didSet { summary.describeFiles(of: documents) }
    }

    /// A record of these fields and files (the summary's file flags are taken from `documents`).
    public init(summary: CredentialRecordSummary, documents: CredentialDocuments = CredentialDocuments()) {
        self.summary = summary
        self.documents = documents
        self.summary.describeFiles(of: documents)
    }

    /// A credential record.
    public init(
        id: String, learnerID: String, programID: String, programVersion: Int, completionID: String, issuedAt: Date, validUntil: Date?,
        state: CredentialState, revocationList: String, revocationIndex: Int, suspensionList: String, suspensionIndex: Int,
        credentialJSON: Data? = nil, pdf: Data? = nil, png: Data? = nil, passcode: String? = nil, stateReason: String? = nil,
        supersededBy: String? = nil, supersedes: String? = nil, claimedAt: Date? = nil
    ) {
        self.init(
            summary: CredentialRecordSummary(
                id: id, learnerID: learnerID, programID: programID, programVersion: programVersion, completionID: completionID,
                issuedAt: issuedAt, validUntil: validUntil, state: state, revocationList: revocationList, revocationIndex: revocationIndex,
                suspensionList: suspensionList, suspensionIndex: suspensionIndex, passcode: passcode, stateReason: stateReason,
                supersededBy: supersededBy, supersedes: supersedes, claimedAt: claimedAt, isSigned: false, hasPDF: false, hasPNG: false),
            documents: CredentialDocuments(credentialJSON: credentialJSON, pdf: pdf, png: png))
    }

    /// The short id in the verification URL `BASE/c/{id}`.
    public var id: String {
        get { summary.id }
        set { summary.id = newValue }
    }
    /// The signed credential, byte for byte as served and embedded.
    public var credentialJSON: Data? {
        get { documents.credentialJSON }
        set { documents.credentialJSON = newValue }
    }
    /// The certificate PDF with the credential embedded.
    public var pdf: Data? {
        get { documents.pdf }
        set { documents.pdf = newValue }
    }
    /// The preview image of the certificate.
    public var png: Data? {
        get { documents.png }
        set { documents.png = newValue }
    }

    /// A field of the summary, read and written in place.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<CredentialRecordSummary, Value>) -> Value {
        get { summary[keyPath: keyPath] }
        set { summary[keyPath: keyPath] = newValue }
    }
    /// A read-only property of the summary (`hasPreview`, …).
    public subscript<Value>(dynamicMember keyPath: KeyPath<CredentialRecordSummary, Value>) -> Value {
        summary[keyPath: keyPath]
    }
}

/// One of the issuer's status lists: its bits and its latest signed list credential.
public struct StatusListRecord: Codable, Sendable, Hashable, Identifiable {
    /// The list's path segment, `revocation-1`, `suspension-1`, …
    public var id: String
    /// What a set bit means.
    public var purpose: StatusPurpose
    /// How many entries the list has (at least 131,072).
    public var capacity: Int
    /// How many indexes credentials hold.
    public var allocated: Int
    /// The bits, one per entry, most significant bit first (uncompressed).
    public var bits: Data
    /// The latest signed BitstringStatusListCredential, or `nil` before the first publication.
    public var signedCredentialJSON: Data?
    public var updatedAt: Date

    /// A list record.
    public init(
        id: String, purpose: StatusPurpose, capacity: Int, allocated: Int, bits: Data, signedCredentialJSON: Data?, updatedAt: Date
    ) {
        self.id = id
        self.purpose = purpose
        self.capacity = capacity
        self.allocated = allocated
        self.bits = bits
        self.signedCredentialJSON = signedCredentialJSON
        self.updatedAt = updatedAt
    }
}

/// A message waiting to be delivered, written in the same transaction as what caused it.
public struct OutboxMessage: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    /// How it is delivered.
    public var channel: OutboxChannel
    /// What happened: `credential.issued`, `credential.revoked`, …
    public var event: OutboxEvent
    /// The credential or completion it is about.
    public var subjectID: String
    /// The recipient address or endpoint, if fixed when written.
    public var recipient: String?
    public var createdAt: Date
    /// Whether it still waits, was delivered or was given up on.
    public var state: OutboxState
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastError: String?

    /// A new pending message.
    public init(id: String, channel: OutboxChannel, event: OutboxEvent, subjectID: String, recipient: String?, createdAt: Date) {
        self.id = id
        self.channel = channel
        self.event = event
        self.subjectID = subjectID
        self.recipient = recipient
        self.createdAt = createdAt
        state = .pending
        attempts = 0
        nextAttemptAt = createdAt
        lastError = nil
    }
}
