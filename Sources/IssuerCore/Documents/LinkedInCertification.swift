import Foundation

/// LinkedIn's "add to profile" link for a certification: the one place it is built, for the
/// verification page and the certificate email.
public struct LinkedInCertification: Sendable, Hashable {
    /// The certification's name (the achievement).
    public var name: String
    /// The issuing organisation.
    public var organisation: String
    /// When it was issued; LinkedIn takes the year and month (UTC).
    public var issuedOn: Date
    /// When it expires, if it does.
    public var expiresOn: Date?
    /// The public verification page (`BASE/c/ID`).
    public var certificationURL: String
    /// The credential's id.
    public var credentialID: String

    /// A certification to add.
    public init(name: String, organisation: String, issuedOn: Date, expiresOn: Date?, certificationURL: String, credentialID: String) {
        self.name = name
        self.organisation = organisation
        self.issuedOn = issuedOn
        self.expiresOn = expiresOn
        self.certificationURL = certificationURL
        self.credentialID = credentialID
    }

    /// `https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&…`, every value percent-encoded.
    public var addToProfileURL: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        var items: [(String, String)] = [
            ("startTask", "CERTIFICATION_NAME"), ("name", name), ("organizationName", organisation),
            ("issueYear", String(calendar.component(.year, from: issuedOn))),
            ("issueMonth", String(calendar.component(.month, from: issuedOn))),
        ]
        if let expiresOn {
            items += [
                ("expirationYear", String(calendar.component(.year, from: expiresOn))),
                ("expirationMonth", String(calendar.component(.month, from: expiresOn))),
            ]
        }
        items += [("certUrl", certificationURL), ("certId", credentialID)]
        return "https://www.linkedin.com/profile/add?" + items.map { "\($0.0)=\(Self.percentEncoded($0.1))" }.joined(separator: "&")
    }

    /// RFC 3986 unreserved characters stay; everything else is percent-encoded (UTF-8).
    public static func percentEncoded(_ value: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
