import Foundation

/// The lifetimes and limits of OpenID4VCI issuance.
///
/// - Warning: The pre-authorized code is a bearer secret: whoever holds the offer URL and the
///   transaction code gets the credential. Keep ``codeLifetime`` short and ``transactionCodeAttempts`` low.
public struct OpenID4VCIPolicy: Sendable, Hashable {
    /// How long a credential offer (its pre-authorized code) works: 15 minutes.
    public var codeLifetime: TimeInterval = 15 * 60
    /// How long an access token works at the Credential Endpoint: 10 minutes.
    public var accessTokenLifetime: TimeInterval = 10 * 60
    /// How long a `c_nonce` is accepted: 5 minutes.
    public var nonceLifetime: TimeInterval = 5 * 60
    /// How old a key proof's `iat` may be: 5 minutes.
    public var proofMaximumAge: TimeInterval = 5 * 60
    /// How far in the future a key proof's `iat` may be (clock skew): 60 seconds.
    public var proofClockSkew: TimeInterval = 60
    /// How long a deferred transaction waits for the review (and its access token works at the
    /// Deferred Credential Endpoint): 30 days.
    public var deferredLifetime: TimeInterval = 30 * 24 * 3600
    /// The `interval` the wallet is told to wait between deferred requests, in seconds.
    public var deferredInterval = 60
    /// Wrong transaction codes after which the offer is closed for good: 5.
    public var transactionCodeAttempts = 5
    /// Digits of the numeric transaction code: 6.
    public var transactionCodeLength = 6

    /// The default policy.
    public init() {}
}
