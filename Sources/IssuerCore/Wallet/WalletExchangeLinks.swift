import Foundation

/// The URLs of one wallet exchange, all under the issuer's base URL.
public struct WalletExchangeLinks: Sendable, Hashable {
    /// The issuer's base URL (`https://certs.example.org`).
    public let baseURL: String
    /// The exchange id (``WalletExchanges/Opened/id``).
    public let exchangeID: String

    /// The links of exchange `exchangeID` of `issuer`.
    public init(issuer: IssuerProfile, exchangeID: String) {
        baseURL = issuer.baseURL
        self.exchangeID = exchangeID
    }

    /// `BASE/interactions/{id}?iuv=1`: the VCALM interaction URL a wallet opens (or a QR code carries).
    public var interactionURL: String { "\(baseURL)/interactions/\(exchangeID)?iuv=1" }
    /// `interaction:BASE/interactions/{id}?iuv=1`: the same URL in the scheme native wallet apps register.
    public var interactionSchemeURL: String { "interaction:" + interactionURL }
    /// `BASE/exchanges/{id}`: the VC-API exchange the wallet POSTs to.
    public var exchangeURL: String { "\(baseURL)/exchanges/\(exchangeID)" }
    /// `BASE/wallet/request/{id}`: the DCC request link's `vc_request_url`.
    public var credentialRequestURL: String { "\(baseURL)/wallet/request/\(exchangeID)" }

    /// The Learner Credential Wallet's web request link
    /// (`https://lcw.app/request.html?issuer=…&auth_type=bearer&challenge=…&vc_request_url=…`).
    public func lcwRequestLink(issuerDID: String, challenge: String) -> String {
        "https://lcw.app/request.html?" + requestQuery(issuerDID: issuerDID, challenge: challenge)
    }

    /// The same request as the wallet's own scheme (`dccrequest://request?…`), for a phone with the wallet installed.
    public func dccRequestLink(issuerDID: String, challenge: String) -> String {
        "dccrequest://request?" + requestQuery(issuerDID: issuerDID, challenge: challenge)
    }

    private func requestQuery(issuerDID: String, challenge: String) -> String {
        [
            ("issuer", issuerDID), ("auth_type", "bearer"), ("challenge", challenge), ("vc_request_url", credentialRequestURL),
        ].map { "\($0)=\(Self.queryEscaped($1))" }.joined(separator: "&")
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters, so a URL survives as one query value.
    static func queryEscaped(_ text: String) -> String {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
