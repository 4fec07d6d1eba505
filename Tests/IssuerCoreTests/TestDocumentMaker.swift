import CanonicalJSON
import IssuerCore

/// A real ``CertificateDocumentMaker`` that draws nothing: deterministic bytes made from what it
/// is given, so domain tests see which credential, program and history reached the maker without
/// fonts or C libraries (the drawing maker is tested in CertificateDocumentsTests).
struct TestDocumentMaker: CertificateDocumentMaker {
    /// The first bytes of every "PDF" it makes.
    static let pdfMarker = Array("%TEST-PDF\n".utf8)
    /// The PNG signature its previews start with.
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Also make the preview with every PDF, as the real maker can.
    var previewAtIssuance = false

    func documents(signedCredential: JSONValue, credentialBytes: [UInt8], program: Program, passcode: String) async throws
        -> CertificateDocuments
    {
        let pdf = Self.pdfMarker + Array("\(program.id) \(passcode)\n".utf8) + credentialBytes
        guard previewAtIssuance else { return CertificateDocuments(pdf: pdf) }
        return CertificateDocuments(
            pdf: pdf, png: try await preview(signedCredential: signedCredential, program: program, passcode: passcode))
    }

    func preview(signedCredential: JSONValue, program: Program, passcode: String) async throws -> [UInt8]? {
        Self.pngSignature + Array("\(program.id) \(passcode) \(signedCredential["id"]?.stringValue ?? "")".utf8)
    }

    func trainingHistoryPDF(_ history: TrainingHistory, signedCredential: JSONValue, credentialBytes: [UInt8], program: Program)
        async throws -> [UInt8]
    {
        let lines = history.modules.map {
            "\($0.name) \($0.completedOn.timeIntervalSince1970) \($0.expiresOn?.timeIntervalSince1970 ?? -1)"
        }
        return Self.pdfMarker + Array(([history.title] + lines).joined(separator: "\n").utf8) + [0x0A] + credentialBytes
    }
}
