/// A refusal of an OpenID4VCI request, in the OAuth 2.0 shape wallets expect (RFC 6749 §5.2,
/// RFC 6750 §3, OpenID4VCI 1.0 §8.3.1 and §9.3): an `error` code from the specifications and an
/// ASCII `error_description`. The HTTP edge answers it as `{"error": …, "error_description": …}`
/// with ``Code/httpStatus``; the problem documents of the rest of the API are not used here
/// because wallets do not read them.
public struct OpenID4VCIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The specification's error code.
    public let code: Code
    /// What went wrong, in printable ASCII without `"` or `\` (OpenID4VCI §8.3.1.2).
    public let reason: String

    /// An error with a code and a reason (characters outside the allowed set become `?`).
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = String(
            String.UnicodeScalarView(
                reason.unicodeScalars.prefix(300).map { scalar in
                    (0x20...0x7E).contains(scalar.value) && scalar != "\"" && scalar != "\\" ? scalar : "?"
                }))
    }

    /// `code: reason`.
    public var description: String { "\(code.rawValue): \(reason)" }

    /// The error codes of the token, credential and deferred credential endpoints.
    public enum Code: String, Sendable, CaseIterable {
        /// Token request malformed: a missing parameter, a missing or unexpected `tx_code`.
        case invalidRequest = "invalid_request"
        /// Unknown, expired or used pre-authorized code, wrong transaction code, closed offer.
        case invalidGrant = "invalid_grant"
        /// A grant type other than the pre-authorized code.
        case unsupportedGrantType = "unsupported_grant_type"
        /// Missing, unknown or expired access token (answered 401 with `WWW-Authenticate`).
        case invalidToken = "invalid_token"
        /// The credential request is malformed or asks for something this issuer does not do.
        case invalidCredentialRequest = "invalid_credential_request"
        /// The `credential_configuration_id` is not in the metadata.
        case unknownCredentialConfiguration = "unknown_credential_configuration"
        /// A `credential_identifier` was sent; this issuer hands none out.
        case unknownCredentialIdentifier = "unknown_credential_identifier"
        /// The key proof is missing or does not check (typ, alg, kid, signature, aud, iat).
        case invalidProof = "invalid_proof"
        /// The key proof's nonce is unknown, expired or used: get a new `c_nonce`.
        case invalidNonce = "invalid_nonce"
        /// Encrypted responses were asked for; this issuer does not encrypt.
        case invalidEncryptionParameters = "invalid_encryption_parameters"
        /// The credential will not be issued (revoked, rejected in review, …).
        case credentialRequestDenied = "credential_request_denied"
        /// The deferred `transaction_id` is unknown or was used.
        case invalidTransactionID = "invalid_transaction_id"

        /// The HTTP status of the error response.
        public var httpStatus: Int {
            switch self {
            case .invalidToken: 401
            default: 400
            }
        }
    }
}
