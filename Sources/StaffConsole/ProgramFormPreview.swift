import CertificateDocuments
import CertificateRendering
import Delivery
import Foundation
import IssuerCore

extension ConsoleRoutes {
    /// The preview of a program not saved yet: its certificate drawn by the real renderer for the
    /// form's sample learner (a PNG, 900 pixels wide, on the bounded drawing threads) and its
    /// certificate email written by the real templates. Nothing is signed, issued or stored.
    func drawPreview(_ program: Program, form: ProgramForm) async -> ProgramFormPage.Preview {
        var preview = ProgramFormPage.Preview()
        let now = environment.now()
        // Images uploaded with this form are drawn from the form; the others from the data folder.
        let pending = Dictionary(form.pendingImages.values.map { ($0.fileName, $0.bytes) }) { first, _ in first }
        let folder = configuration.programImagesDirectory.map(ProgramImageFolder.init(directory:))
        let renderer = CertificateDocumentRenderer(loadAsset: { name in
            if let bytes = pending[name] { return bytes }
            guard let folder else { throw CocoaError(.fileReadNoSuchFile) }
            return try folder.read(name)
        })
        let sample = CertificateDocumentRenderer.SampleCertificate(
            learnerName: form.sampleName, issuerName: issuer.name, baseURL: issuer.baseURL, issuedOn: now)
        do {
            preview.png = try await renderer.samplePreview(sample, program: program)
        } catch let error as RenderingError {
            preview.pngProblem = ReviewFormat.sentence(error.reason)
        } catch let error as IssuerError {
            preview.pngProblem = ReviewFormat.sentence(error.reason)
        } catch {
            preview.pngProblem = "The certificate could not be drawn: an image the program names is missing from the data folder."
        }
        do {
            let message = try Self.sampleEmail(program, learnerName: form.sampleName, issuer: issuer, now: now)
            preview.subject = message.subject
            preview.text = message.text
            preview.html = message.html
        } catch {
            preview.emailProblem = "The email could not be written: \(error)"
        }
        return preview
    }

    /// The certificate email a learner called `learnerName` would get for `program`.
    static func sampleEmail(_ program: Program, learnerName: String, issuer: IssuerProfile, now: Date) throws -> MIMEMessage {
        let credential = CredentialRecord(
            id: "SAMPLE00", learnerID: "sample", programID: program.id, programVersion: program.version, completionID: "sample",
            issuedAt: now, validUntil: program.validity?.added(to: now), state: .active, revocationList: "sample", revocationIndex: 0,
            suspensionList: "sample", suspensionIndex: 0, passcode: "SAMPLE")
        let learner = Learner(id: "sample", externalID: "sample", email: "learner@example.com", legalName: learnerName)
        let email = CertificateEmail(
            credential: credential, learner: learner, program: program, issuer: issuer,
            score: program.template == .achievement ? max(program.rules.minimumScore ?? 90, 90) : nil, claimToken: "SAMPLE")
        return try email.message(
            from: MIMEMessage.Address(name: issuer.name, address: issuer.email ?? "certificates@example.com"),
            templates: EmailTemplates.default.overridden(by: program.email), language: "en", messageID: "preview@attest.invalid", date: now)
    }
}
