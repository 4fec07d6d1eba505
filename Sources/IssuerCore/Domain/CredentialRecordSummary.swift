import Foundation

/// A credential without its files: what listings, the verification page and intake's "what does
/// this learner hold" check read. Which files exist is known (``isSigned``, ``hasPDF``,
/// ``hasPNG``); their bytes are read one at a time with
/// ``IssuerReading/credentialDocument(_:credentialID:)``.
public struct CredentialRecordSummary: Codable, Sendable, Hashable, Identifiable {
    /// The short id in the verification URL `BASE/c/{id}`.
    public var id: String
    /// The learner it certifies.
    public var learnerID: String
    /// The program it certifies.
    public var programID: String
    /// The program's version at issuance.
    public var programVersion: Int
    /// The completion it was issued for.
    public var completionID: String
    /// `validFrom` and the proof's `created`.
    public var issuedAt: Date
    /// When it expires, if it does.
    public var validUntil: Date?
    /// Where it stands.
    public var state: CredentialState
    /// The revocation status list it has an index in.
    public var revocationList: String
    /// Its index in ``revocationList``.
    public var revocationIndex: Int
    /// The suspension status list it has an index in.
    public var suspensionList: String
    /// Its index in ``suspensionList``.
    public var suspensionIndex: Int
    /// The passcode printed on the certificate.
    public var passcode: String?
    /// Why it was revoked or suspended.
    public var stateReason: String?
    /// The record that replaced this one (reissue).
    public var supersededBy: String?
    /// The record this one replaced.
    public var supersedes: String?
    /// When the learner first opened or downloaded it through a link only they were sent.
    public var claimedAt: Date?
    /// Whether the signed credential is stored (false only while `pending`).
    public var isSigned: Bool
    /// Whether a PDF is stored.
    public var hasPDF: Bool
    /// Whether a preview image is stored (it is drawn on the first request of `/c/{id}.png`).
    public var hasPNG: Bool

    /// Whether `/c/{id}.png` can answer: a stored preview, or a signed PDF to draw one from
    /// (a ``CredentialRecord`` answers the same through its summary).
    public var hasPreview: Bool { hasPNG || (hasPDF && isSigned) }

    /// The full record with the files given (the others stay `nil`), for code that takes a record.
    public func record(credentialJSON: Data? = nil, pdf: Data? = nil, png: Data? = nil) -> CredentialRecord {
        CredentialRecord(summary: self, documents: CredentialDocuments(credentialJSON: credentialJSON, pdf: pdf, png: png))
    }

    /// Sets the file flags to what `documents` holds (a ``CredentialRecord`` keeps them true).
    mutating func describeFiles(of documents: CredentialDocuments) {
        isSigned = documents.credentialJSON != nil
        hasPDF = documents.pdf != nil
        hasPNG = documents.png != nil
    }
}

extension CredentialRecordSummary {
    /// The summary of a full record.
    public init(_ record: CredentialRecord) { self = record.summary }
}

extension CredentialFilter {
    /// Whether a summary passes the filter (for stores that filter in memory).
    public func matches(_ summary: CredentialRecordSummary) -> Bool {
        (learnerID == nil || summary.learnerID == learnerID) && (programID == nil || summary.programID == programID)
            && (states == nil || states!.contains(summary.state))
    }
}
