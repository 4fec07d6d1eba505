import Foundation

/// Changes to OpenID4VCI offers and nonces. Each step of an offer is a read and a save in one
/// write transaction, so two instances on one database cannot both redeem a code or use a nonce.
public protocol CredentialOfferWriting: CredentialOfferReading {
    /// Inserts or replaces an offer (by `id`); throws ``IssuerError`` `duplicate` when one of its
    /// hashes belongs to another offer.
    func saveCredentialOffer(_ offer: CredentialOfferRecord) throws
    /// Inserts or replaces a nonce (by value).
    func saveWalletNonce(_ nonce: WalletNonceRecord) throws
    /// Deletes nonces that expired before `date` and offers whose code, token and deferred
    /// transaction all ended before it.
    func deleteStaleCredentialOffers(before date: Date) throws
}
