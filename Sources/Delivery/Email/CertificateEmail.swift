import CertificateRendering
import Foundation
import IssuerCore
import VerifiableCredentials

/// The email a learner receives with their certificate: the program's templates filled with the
/// credential's details, the PDF attached when the record has one.
public struct CertificateEmail: Sendable {
    /// The credential being sent.
    public var credential: CredentialRecord
    /// Its holder (the `To` address and the name in the greeting).
    public var learner: Learner
    /// The program it certifies.
    public var program: Program
    /// The issuing organisation (base URL of the verification link).
    public var issuer: IssuerProfile
    /// The completion's score, if scored.
    public var score: Double?
    /// The claim token the learner's links carry (see `CredentialClaims`); `nil` for links anyone may share.
    public var claimToken: String?

    /// The email of a credential.
    public init(
        credential: CredentialRecord, learner: Learner, program: Program, issuer: IssuerProfile, score: Double?, claimToken: String? = nil
    ) {
        self.credential = credential
        self.learner = learner
        self.program = program
        self.issuer = issuer
        self.score = score
        self.claimToken = claimToken
    }

    /// `BASE/c/ID`: the public verification page, as printed in the QR code and given to LinkedIn.
    public var publicURL: String { issuer.verificationURL(credentialID: credential.id) }

    /// The learner's link to the page: `BASE/c/ID?claim=TOKEN` (or the public URL without a token).
    public var verificationURL: String { publicURL + claimQuery }

    /// The learner's link to the PDF: `BASE/c/ID.pdf?claim=TOKEN`.
    public var pdfURL: String { issuer.certificatePDFURL(credentialID: credential.id) + claimQuery }

    /// The learner's "add to a wallet" page, `BASE/c/ID/wallet?claim=TOKEN`: it makes one-time
    /// wallet links (QR codes) on request. `nil` without a claim token (the page needs it).
    public var walletURL: String? { claimToken.map { "\(publicURL)/wallet?claim=\($0)" } }

    private var claimQuery: String { claimToken.map { "?claim=\($0)" } ?? "" }

    /// The organisation named on the certificate.
    public var organisation: String { program.branding.organisation ?? issuer.name }

    /// What the record's signed credential says (``SignedCredentialView``); `nil` before it is signed.
    public var signedView: SignedCredentialView? { (try? SignedCredentialView(record: credential)) ?? nil }

    /// The "Add to LinkedIn profile" link: `/c/{id}/share/linkedin` on the issuer, which counts the
    /// share (`credential.shared`) and redirects to LinkedIn's add-to-profile form with the signed
    /// credential's names and dates (``LinkedInCertification``).
    public var linkedInURL: String { publicURL + "/share/linkedin" }

    /// The message, `Message-ID` `<messageID>`, dated `date`.
    public func message(from sender: MIMEMessage.Address, templates: EmailTemplates, language: String, messageID: String, date: Date) throws
        -> MIMEMessage
    {
        var values = values(language: language)
        let walletImage = walletQRImage
        if let walletImage { values["walletQRImage"] = "cid:" + walletImage.contentID }
        let rendered = try templates.render(values)
        var message = MIMEMessage(
            from: sender, to: [MIMEMessage.Address(name: learner.certificateName, address: learner.email)], subject: rendered.subject,
            text: rendered.text, html: rendered.html, attachments: attachments, date: date, messageID: messageID)
        // Only when the HTML shows it (a program's own template may not).
        if let walletImage, rendered.html.contains("cid:" + walletImage.contentID) { message.inlineImages = [walletImage] }
        return message
    }

    /// The QR code of ``walletURL`` as an inline PNG (`cid:wallet-qr.ID@attest`), for a phone's
    /// wallet app to scan from the screen; `nil` without a wallet link. libqrencode is a quick call.
    var walletQRImage: MIMEMessage.InlineImage? {
        guard let walletURL, let code = try? QRCode(encoding: walletURL, errorCorrection: .medium) else { return nil }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-"))
        let id = String(String.UnicodeScalarView(credential.id.unicodeScalars.filter { allowed.contains($0) }.prefix(40)))
        return MIMEMessage.InlineImage(
            contentID: "wallet-qr.\(id)@attest", contentType: "image/png", fileName: "add-to-wallet.png",
            bytes: code.png(pixelsPerModule: 4))
    }

    /// A supervisor's notice to `supervisor`: "NAME completed COURSE", the public link, the PDF
    /// attached; no claim token and no LinkedIn link, which are the learner's.
    public func supervisorMessage(
        from sender: MIMEMessage.Address, to supervisor: String, templates: EmailTemplates = .supervisorDefault, language: String,
        messageID: String, date: Date
    ) throws -> MIMEMessage {
        var values = values(language: language)
        values["verificationURL"] = publicURL
        values["pdfURL"] = issuer.certificatePDFURL(credentialID: credential.id)
        values["linkedInURL"] = false
        values["walletURL"] = false
        values["walletQRImage"] = false
        let rendered = try templates.render(values)
        return MIMEMessage(
            from: sender, to: [MIMEMessage.Address(address: supervisor)], subject: rendered.subject, text: rendered.text,
            html: rendered.html, attachments: attachments, date: date, messageID: messageID)
    }

    /// The template variables (`EmailTemplateSyntax.variables`).
    func values(language: String) -> [String: Any] {
        [
            "learnerName": learner.certificateName, "preferredName": learner.certificateName, "legalName": learner.legalName,
            "course": program.achievement.name, "score": score.map(Self.scoreText) ?? false, "instructor": program.instructor ?? false,
            "cohort": program.cohort ?? false, "issuer": organisation, "verificationURL": verificationURL, "pdfURL": pdfURL,
            "linkedInURL": linkedInURL, "passcode": credential.passcode ?? "", "issuedOn": Self.dayText(credential.issuedAt),
            "validUntil": credential.validUntil.map(Self.dayText) ?? false, "hasAttachment": credential.pdf != nil,
            "isReissue": credential.supersedes != nil, "language": language,
            "learnerPortalURL": "\(issuer.baseURL)/learner/login", "walletURL": walletURL ?? false,
            "walletQRImage": false,
        ]
    }

    private var attachments: [MIMEMessage.Attachment] {
        credential.pdf.map {
            [MIMEMessage.Attachment(fileName: "certificate-\(credential.id).pdf", contentType: "application/pdf", bytes: Array($0))]
        } ?? []
    }

    private static func dayText(_ date: Date) -> String { String(DateTimeStamp.format(date).prefix(10)) }

    private static func scoreText(_ score: Double) -> String {
        score == score.rounded() ? String(Int(score)) : String(format: "%.1f", score)
    }
}
