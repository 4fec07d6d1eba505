import CanonicalJSON
import Foundation

extension CertificateDocumentMaker {
    /// Makers that draw no previews (test doubles, PDF-only renderers) need not implement it.
    public func preview(signedCredential: JSONValue, program: Program, passcode: String) async throws -> [UInt8]? { nil }
}

extension IssuerEnvironment {
    /// The PNG preview of an issued credential: the stored one, or — the first time it is asked for —
    /// drawn from the stored signed credential and stored for every later request. `nil` when the
    /// credential has no documents or this environment draws none.
    ///
    /// Two first requests at once both draw it; the drawing is deterministic, so both store the same bytes.
    public func certificatePreview(for record: CredentialRecord) async throws -> [UInt8]? {
        if let png = record.png { return Array(png) }
        guard record.hasPreview, let documents, let credentialJSON = record.credentialJSON, let passcode = record.passcode else {
            return nil
        }
        guard let program = try await store.read({ try $0.program(id: record.programID) }) else { return nil }
        let signed = try JSONValue.parse(bytes: Array(credentialJSON))
        guard let png = try await documents.preview(signedCredential: signed, program: program, passcode: passcode) else { return nil }
        try await store.write { transaction in
            // Only onto the same signed credential: a reissue in between keeps its own documents.
            guard var current = try transaction.credential(id: record.id), current.png == nil,
                current.credentialJSON == credentialJSON
            else { return }
            current.png = Data(png)
            try transaction.updateCredential(current)
        }
        return png
    }
}
