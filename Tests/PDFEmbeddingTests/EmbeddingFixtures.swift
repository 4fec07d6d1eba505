import Foundation
import PDFEmbedding

enum EmbeddingFixtures {
    static func load(_ name: String) throws -> [UInt8] {
        let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        return [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// 23 November 2026, 09:30 UTC.
    static let date = Date(timeIntervalSince1970: 1_795_426_200)
    static let verificationURL = "https://certs.example.org/c/TESTVEC1"

    static let metadata = PDFMetadata(
        title: "Certificate of Completion: Food Hygiene and Safety, Level 2",
        author: "Northwind Training Academy",
        subject: "Αλέξανδρος Παπαδόπουλος, Food Hygiene and Safety, Level 2",
        keywords: ["certificate", "verifiable credential"], date: date)

    static let link = PDFLink(url: verificationURL, left: 637.9, bottom: 54, width: 150, height: 118)

    /// The fixture certificate with the fixture credential embedded, as `attest pdf` makes it.
    static func embeddedCertificate() throws -> [UInt8] {
        try PDFCredentialEmbedder.embed(
            credentialJSON: load("credential.json"), into: load("certificate.pdf"), link: link, metadata: metadata)
    }
}
