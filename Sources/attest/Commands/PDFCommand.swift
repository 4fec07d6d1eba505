import ArgumentParser
import CanonicalJSON
import CertificateDocuments
import CertificateRendering
import Foundation
import IssuerCore
import VerifiableCredentials

/// `attest pdf CREDENTIAL.json --out FILE.pdf`: a certificate from a signed credential.
struct PDFCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdf",
        abstract: "Draw a signed credential as a certificate PDF with the credential embedded (and a PNG preview).",
        discussion: """
            The credential is verified first (data model, proof, issuer key); one that does not verify is refused. \
            Everything printed comes from the signed credential. Status is not checked: printing is not issuing.
            """)

    @Argument(help: ArgumentHelp("The signed credential (JSON), or - for standard input.", valueName: "credential.json"))
    var input: String
    @Option(help: ArgumentHelp("Where to write the PDF.", valueName: "file.pdf")) var out: String
    @Option(help: "completion, achievement or compliance.") var template: TemplateName = .completion
    @Option(help: ArgumentHelp("Also write a PNG preview here.", valueName: "file.png")) var png: String?
    @Option(help: ArgumentHelp("a4 (landscape) or letter.", valueName: "size")) var pageSize: PageSizeName = .a4
    @Option(help: ArgumentHelp("A DID document of the issuer, for did:web credentials.", valueName: "file")) var trust: String?

    enum TemplateName: String, ExpressibleByArgument, CaseIterable { case completion, achievement, compliance }
    /// Refused by name when unknown (it used to fall back to A4).
    enum PageSizeName: String, ExpressibleByArgument, CaseIterable { case a4, letter }

    func run() async throws {
        let bytes = try CredentialInput.bytes(input)
        let credential = try CredentialInput.parse(bytes, from: input)
        var documents: [DIDDocument] = []
        if let trust {
            guard let data = FileManager.default.contents(atPath: trust) else { throw CLIError("cannot read \(trust)") }
            documents = try JSONValue.parse(bytes: data).asArray.map { try DIDDocument(json: $0) }
        }
        let report = await Verifier(resolver: StaticDIDResolver(documents: documents), now: Date()).verify(credential)
        let required = ["data-model", "proof", "key-binding"]
        if let problem = report.checks.first(where: { required.contains($0.check) && $0.outcome != .pass }) {
            throw CLIError("refusing to print a credential that does not verify: \(problem.check): \(problem.message)")
        }
        let content = try CertificateContent(signedCredential: credential)
        let rendered = try CertificateDocumentRenderer.render(
            content, credentialBytes: bytes, template: CertificateRendering.CertificateTemplate(rawValue: template.rawValue)!,
            branding: .standard, pageSize: pageSize == .letter ? .usLetterLandscape : .a4Landscape)
        try Data(rendered.pdf).write(to: URL(fileURLWithPath: out))
        print("wrote \(out) (\(rendered.pdf.count / 1024) KB, passcode \(content.passcode))")
        if let png, let preview = rendered.png {
            try Data(preview).write(to: URL(fileURLWithPath: png))
            print("wrote \(png)")
        }
    }
}
