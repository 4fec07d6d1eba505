import Foundation

/// OpenID4VCI state: credential offers (found by the hash of each secret they hand out) and nonces.
public protocol CredentialOfferReading {
    /// The offer with this id.
    func credentialOffer(id: String) throws -> CredentialOfferRecord?
    /// The offer whose pre-authorized code hashes to `codeHash`.
    func credentialOffer(codeHash: String) throws -> CredentialOfferRecord?
    /// The offer whose access token hashes to `accessTokenHash`.
    func credentialOffer(accessTokenHash: String) throws -> CredentialOfferRecord?
    /// The offer whose deferred `transaction_id` hashes to `transactionIDHash`.
    func credentialOffer(transactionIDHash: String) throws -> CredentialOfferRecord?
    /// The nonce with this value.
    func walletNonce(_ value: String) throws -> WalletNonceRecord?
}
