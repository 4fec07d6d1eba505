/// How a credential sits in a certificate PDF; see `Spec/pdf-embedding.md`.
public enum EmbeddedCredential {
    /// The attachment's file name.
    public static let fileName = "credential.json"
    /// The embedded file's MIME type (`/Subtype /application#2Fvc`), the mark extraction looks for.
    public static let mediaType = "application/vc"
    /// The attachment's description, shown by PDF readers in the attachments panel.
    public static let description = "W3C Verifiable Credential (signed) of this certificate"
}

/// One embedded file of a PDF, as listed by ``PDFCredentialEmbedder/attachments(in:)``.
public struct PDFAttachment: Sendable, Equatable {
    /// The file name (`/UF`, else `/F`, else the name-tree key).
    public var fileName: String
    /// The MIME type from the embedded file stream's `/Subtype`, if it has one.
    public var mediaType: String?
    /// The `/AFRelationship`, e.g. "Data", if the file specification has one.
    public var relationship: String?
    /// The file's bytes, decoded.
    public var bytes: [UInt8]

    /// Creates an attachment description.
    public init(fileName: String, mediaType: String?, relationship: String?, bytes: [UInt8]) {
        self.fileName = fileName
        self.mediaType = mediaType
        self.relationship = relationship
        self.bytes = bytes
    }
}
