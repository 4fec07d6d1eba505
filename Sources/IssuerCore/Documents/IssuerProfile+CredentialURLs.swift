import Foundation

/// The public addresses of a credential, built (and read back) in this one place.
extension IssuerProfile {
    /// `BASE/c/ID`: a credential's permanent public verification page, as its signed `id`, the QR
    /// code, emails, webhooks and LinkedIn carry it. Built here only.
    public func verificationURL(credentialID: String) -> String { "\(baseURL)/c/\(credentialID)" }

    /// `BASE/c/ID.pdf`: the public certificate PDF.
    public func certificatePDFURL(credentialID: String) -> String { verificationURL(credentialID: credentialID) + ".pdf" }

    /// The credential id of one of this issuer's verification URLs (`BASE/c/ID` → `ID`); `nil` for
    /// any other URL. The inverse of ``verificationURL(credentialID:)``.
    public func credentialID(fromVerificationURL url: String) -> String? {
        let prefix = verificationURL(credentialID: "")
        guard url.hasPrefix(prefix) else { return nil }
        return String(url.dropFirst(prefix.count))
    }
}
