import Foundation
import IssuerCore

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

    /// The email of a credential.
    public init(credential: CredentialRecord, learner: Learner, program: Program, issuer: IssuerProfile, score: Double?) {
        self.credential = credential
        self.learner = learner
        self.program = program
        self.issuer = issuer
        self.score = score
    }

    /// `BASE/c/ID`.
    public var verificationURL: String { "\(issuer.baseURL)/c/\(credential.id)" }

    /// The organisation named on the certificate.
    public var organisation: String { program.branding.organisation ?? issuer.name }

    /// LinkedIn's add-to-profile link, every value percent-encoded.
    public var linkedInURL: String {
        let calendar = Self.utcCalendar
        var items: [(String, String)] = [
            ("startTask", "CERTIFICATION_NAME"), ("name", program.achievement.name), ("organizationName", organisation),
            ("issueYear", String(calendar.component(.year, from: credential.issuedAt))),
            ("issueMonth", String(calendar.component(.month, from: credential.issuedAt))),
        ]
        if let validUntil = credential.validUntil {
            items += [
                ("expirationYear", String(calendar.component(.year, from: validUntil))),
                ("expirationMonth", String(calendar.component(.month, from: validUntil))),
            ]
        }
        items += [("certUrl", verificationURL), ("certId", credential.id)]
        return "https://www.linkedin.com/profile/add?" + items.map { "\($0.0)=\(Self.percentEncoded($0.1))" }.joined(separator: "&")
    }

    /// The message, `Message-ID` `<messageID>`, dated `date`.
    public func message(from sender: MIMEMessage.Address, templates: EmailTemplates, language: String, messageID: String, date: Date) throws
        -> MIMEMessage
    {
        let values: [String: Any] = [
            "learnerName": learner.certificateName, "course": program.achievement.name, "score": score.map(Self.scoreText) ?? false,
            "instructor": program.instructor ?? false, "cohort": program.cohort ?? false, "issuer": organisation,
            "verificationURL": verificationURL, "linkedInURL": linkedInURL, "passcode": credential.passcode ?? "",
            "issuedOn": Self.dayText(credential.issuedAt), "validUntil": credential.validUntil.map(Self.dayText) ?? false,
            "hasAttachment": credential.pdf != nil, "isReissue": credential.supersedes != nil, "language": language,
        ]
        let rendered = try templates.render(values)
        let attachments = credential.pdf.map {
            [MIMEMessage.Attachment(fileName: "certificate-\(credential.id).pdf", contentType: "application/pdf", bytes: Array($0))]
        }
        return MIMEMessage(
            from: sender, to: [MIMEMessage.Address(name: learner.certificateName, address: learner.email)], subject: rendered.subject,
            text: rendered.text, html: rendered.html, attachments: attachments ?? [], date: date, messageID: messageID)
    }

    private static var utcCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return calendar
    }

    private static func dayText(_ date: Date) -> String { String(DeliveryDates.iso8601(date).prefix(10)) }

    private static func scoreText(_ score: Double) -> String {
        score == score.rounded() ? String(Int(score)) : String(format: "%.1f", score)
    }

    /// RFC 3986 unreserved characters stay; everything else is percent-encoded.
    static func percentEncoded(_ value: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        allowed.remove(charactersIn: "")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
