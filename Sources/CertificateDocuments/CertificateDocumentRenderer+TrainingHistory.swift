import CanonicalJSON
import CertificateRendering
import Foundation
import IssuerCore

extension CertificateDocumentRenderer {
    /// The history printed on the compliance template in the program's organisation, colours and
    /// page size (no logo or signature images), around the embedded credential with its QR code and
    /// link: every module, on as many pages as they take ("Page 2 of 3"), the credential embedded once.
    /// Blocks the calling thread while it draws.
    public func drawTrainingHistoryPDF(_ history: TrainingHistory, signedCredential: JSONValue, credentialBytes: [UInt8], program: Program)
        throws -> [UInt8]
    {
        var content = try CertificateContent(
            signedCredential: signedCredential, signatoryName: program.branding.signatoryName,
            signatoryTitle: program.branding.signatoryTitle)
        content.achievementName = history.title
        content.modules = history.modules.map { module in
            TrainingModuleLine(name: module.name, completedOn: module.completedOn, expiresOn: module.expiresOn)
        }
        let pageSize = Self.pageSize(of: program)
        let drawn = try CertificateRenderer().renderTrainingHistoryPDF(
            content, branding: try Self.branding(for: program, loadAsset: nil), pageSize: pageSize)
        return try Self.embed(credentialBytes, into: drawn, content: content, pageSize: pageSize)
    }
}
