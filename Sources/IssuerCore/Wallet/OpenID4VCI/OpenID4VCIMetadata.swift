import CanonicalJSON
import Foundation

/// The documents OpenID4VCI wallets read: the Credential Issuer Metadata (1.0 §12.2), the OAuth
/// Authorization Server Metadata (RFC 8414, 1.0 §12.3), and credential offers (§4.1). The
/// Credential Issuer Identifier is the issuer's base URL; the issuer is its own authorization server.
public enum OpenID4VCIMetadata {
    /// The path of the token endpoint.
    public static let tokenPath = "/token"
    /// The path of the nonce endpoint.
    public static let noncePath = "/nonce"
    /// The path of the credential endpoint.
    public static let credentialPath = "/credential"
    /// The path of the deferred credential endpoint.
    public static let deferredCredentialPath = "/deferred_credential"
    /// The path prefix of `credential_offer_uri`s (the pre-authorized code follows).
    public static let offerPathPrefix = "/credential-offer/"

    /// `/.well-known/openid-credential-issuer`: one `ldp_vc` configuration for the Open Badges 3.0
    /// credential, bound to a `did:key`, signed `eddsa-rdfc-2022`, key proofs `jwt` (EdDSA) and `di_vp`.
    public static func credentialIssuer(_ issuer: IssuerProfile) -> JSONValue {
        let base = issuer.baseURL
        let configuration: JSONValue = [
            "format": "ldp_vc",
            "cryptographic_binding_methods_supported": ["did:key"],
            "credential_signing_alg_values_supported": ["eddsa-rdfc-2022"],
            "proof_types_supported": [
                "jwt": ["proof_signing_alg_values_supported": ["EdDSA"]],
                "di_vp": ["proof_signing_alg_values_supported": ["eddsa-rdfc-2022"]],
            ],
            "credential_definition": [
                "@context": ["https://www.w3.org/ns/credentials/v2", .string(CredentialBuilder.openBadgesContext)],
                "type": ["VerifiableCredential", "OpenBadgeCredential"],
            ],
            "credential_metadata": [
                "display": [
                    [
                        "name": .string("\(issuer.name) certificate"), "locale": "en",
                        "description": "A course or training certificate (Open Badges 3.0), bound to your wallet's DID.",
                    ]
                ]
            ],
        ]
        return [
            "credential_issuer": .string(base),
            "credential_endpoint": .string(base + credentialPath),
            "nonce_endpoint": .string(base + noncePath),
            "deferred_credential_endpoint": .string(base + deferredCredentialPath),
            "display": [["name": .string(issuer.name), "locale": "en"]],
            "credential_configurations_supported": .object(JSONObject([(OpenID4VCIIssuance.configurationID, configuration)])),
        ]
    }

    /// `/.well-known/oauth-authorization-server`: the pre-authorized code grant only, anonymous.
    public static func authorizationServer(_ issuer: IssuerProfile) -> JSONValue {
        [
            "issuer": .string(issuer.baseURL),
            "token_endpoint": .string(issuer.baseURL + tokenPath),
            "grant_types_supported": [.string(OpenID4VCIIssuance.preAuthorizedGrantType)],
            "token_endpoint_auth_methods_supported": ["none"],
            "pre-authorized_grant_anonymous_access_supported": true,
        ]
    }

    /// The credential offer object behind `credential_offer_uri`.
    public static func offer(_ issuer: IssuerProfile, code: String, policy: OpenID4VCIPolicy) -> JSONValue {
        let transactionCode: JSONValue = [
            "input_mode": "numeric", "length": .number(Double(policy.transactionCodeLength)),
            "description": "Enter the code we emailed to you with this offer.",
        ]
        let grant: JSONValue = ["pre-authorized_code": .string(code), "tx_code": transactionCode]
        return [
            "credential_issuer": .string(issuer.baseURL),
            "credential_configuration_ids": [.string(OpenID4VCIIssuance.configurationID)],
            "grants": .object(JSONObject([(OpenID4VCIIssuance.preAuthorizedGrantType, grant)])),
        ]
    }

    /// The `credential_offer_uri` of pre-authorized code `code`.
    public static func offerURI(_ issuer: IssuerProfile, code: String) -> String { issuer.baseURL + offerPathPrefix + code }

    /// `openid-credential-offer://?credential_offer_uri=…`, the link or QR code a wallet opens.
    public static func offerURL(_ issuer: IssuerProfile, code: String) -> String { offerURL(byReference: offerURI(issuer, code: code)) }

    /// The path prefix of the offer a VC-API exchange's interaction names (the exchange id follows).
    public static let exchangeOfferPathPrefix = "/credential-offer/exchange/"

    /// The `"OID4VCI"` protocol of interaction URL `exchangeID`: an offer by reference whose
    /// document is made (and its transaction code emailed) when a wallet first fetches it.
    public static func exchangeOfferURL(_ issuer: IssuerProfile, exchangeID: String) -> String {
        offerURL(byReference: issuer.baseURL + exchangeOfferPathPrefix + exchangeID)
    }

    /// `openid-credential-offer://?credential_offer_uri=URI`, the URI percent-encoded.
    static func offerURL(byReference uri: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return "openid-credential-offer://?credential_offer_uri=" + (uri.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }

    /// The fixed id of the offer made for VC-API exchange `exchangeID` (one per exchange).
    public static func exchangeOfferID(exchangeID: String) -> String {
        "oid4vci-x-" + String(OpenID4VCIIssuance.hash(exchangeID).prefix(24))
    }
}
