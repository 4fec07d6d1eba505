import CanonicalJSON
import Foundation

/// The certificate documents of a signed credential.
public struct CertificateDocuments: Sendable {
    /// The certificate PDF, with the signed credential embedded.
    public var pdf: [UInt8]
    /// The PNG preview; `nil` when it is drawn on first request instead (`IssuerEnvironment.certificatePreview`).
    public var png: [UInt8]?

    /// Documents.
    public init(pdf: [UInt8], png: [UInt8]? = nil) {
        self.pdf = pdf
        self.png = png
    }
}

/// A worker's training history as printed on the one-off history certificate: what the domain
/// decides (the title, which modules and their dates); the drawing is the maker's.
public struct TrainingHistory: Sendable, Hashable {
    /// One completed module.
    public struct Module: Sendable, Hashable {
        /// The module's name as configured (its id when the configuration no longer names it).
        public var name: String
        /// When it was completed.
        public var completedOn: Date
        /// When the completion expires, if it does.
        public var expiresOn: Date?

        /// A module line.
        public init(name: String, completedOn: Date, expiresOn: Date? = nil) {
            self.name = name
            self.completedOn = completedOn
            self.expiresOn = expiresOn
        }
    }

    /// What the certificate is titled, e.g. `Training history — Site crew`.
    public var title: String
    /// Every active (not removed) completion, in the order the store lists them.
    public var modules: [Module]

    /// A history.
    public init(title: String, modules: [Module]) {
        self.title = title
        self.modules = modules
    }
}

/// Draws a signed credential as a PDF (with the credential embedded) and a PNG preview.
///
/// IssuerCore declares it and never draws: the adapter target `CertificateDocuments` holds the
/// real maker (Pango/Cairo, qpdf), wired once by the executables; tests of the domain use a
/// maker of deterministic bytes. The methods are `async` so a maker that blocks (the drawing
/// maker) does its work on threads of its own, never on the shared concurrency pool; the caller
/// waits suspended.
public protocol CertificateDocumentMaker: Sendable {
    /// The PDF (and, if this maker draws previews at issuance, the PNG) of a signed credential
    /// whose canonical bytes are `credentialBytes`; refuses a `passcode` that is not the credential's.
    func documents(signedCredential: JSONValue, credentialBytes: [UInt8], program: Program, passcode: String) async throws
        -> CertificateDocuments
    /// The PNG preview alone, for a credential issued without one; `nil` when this maker draws none.
    func preview(signedCredential: JSONValue, program: Program, passcode: String) async throws -> [UInt8]?
    /// The training history certificate: `history` printed on the compliance template around the
    /// worker's current compliance credential, which is embedded byte for byte (`credentialBytes`).
    func trainingHistoryPDF(_ history: TrainingHistory, signedCredential: JSONValue, credentialBytes: [UInt8], program: Program)
        async throws -> [UInt8]
}
