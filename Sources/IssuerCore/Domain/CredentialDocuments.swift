import Foundation

/// The stored files of a credential, kept apart from its row so that listings and pages never
/// read them by accident: read one with ``IssuerReading/credentialDocument(_:credentialID:)``.
public enum CredentialDocumentKind: String, Codable, Sendable, CaseIterable {
    /// The certificate PDF with the credential embedded.
    case pdf
    /// The preview image of the certificate.
    case png
    /// The signed credential, byte for byte as served and embedded.
    case json
}

/// The files of one credential, each `nil` until it is made: the part of a ``CredentialRecord``
/// that its ``CredentialRecordSummary`` leaves out.
public struct CredentialDocuments: Codable, Sendable, Hashable {
    /// The signed credential, byte for byte as served and embedded (`nil` only while `pending`).
    public var credentialJSON: Data?
    /// The certificate PDF with the credential embedded.
    public var pdf: Data?
    /// The preview image, drawn on the first request of `/c/{id}.png` if not stored at issuance.
    public var png: Data?

    /// A credential's files.
    public init(credentialJSON: Data? = nil, pdf: Data? = nil, png: Data? = nil) {
        self.credentialJSON = credentialJSON
        self.pdf = pdf
        self.png = png
    }

    /// The bytes of one of the files.
    public subscript(kind: CredentialDocumentKind) -> Data? {
        switch kind {
        case .pdf: pdf
        case .png: png
        case .json: credentialJSON
        }
    }
}

extension CredentialRecord {
    /// The bytes of one of its files.
    public func document(_ kind: CredentialDocumentKind) -> Data? { documents[kind] }
}
