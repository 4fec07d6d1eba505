import Foundation

/// The OpenID4VCI part of ``InMemoryState``.
struct InMemoryCredentialOfferState: Sendable {
    var offers: [String: CredentialOfferRecord] = [:]
    var nonces: [String: WalletNonceRecord] = [:]
}

extension InMemoryTransaction: CredentialOfferWriting {
    func credentialOffer(id: String) -> CredentialOfferRecord? { state.credentialOffers.offers[id] }
    func credentialOffer(codeHash: String) -> CredentialOfferRecord? {
        state.credentialOffers.offers.values.first { $0.codeHash == codeHash }
    }
    func credentialOffer(accessTokenHash: String) -> CredentialOfferRecord? {
        state.credentialOffers.offers.values.first { $0.accessTokenHash == accessTokenHash }
    }
    func credentialOffer(transactionIDHash: String) -> CredentialOfferRecord? {
        state.credentialOffers.offers.values.first { $0.transactionIDHash == transactionIDHash }
    }
    func walletNonce(_ value: String) -> WalletNonceRecord? { state.credentialOffers.nonces[value] }

    func saveCredentialOffer(_ offer: CredentialOfferRecord) throws {
        let others = state.credentialOffers.offers.values.filter { $0.id != offer.id }
        if others.contains(where: {
            $0.codeHash == offer.codeHash || ($0.accessTokenHash != nil && $0.accessTokenHash == offer.accessTokenHash)
                || ($0.transactionIDHash != nil && $0.transactionIDHash == offer.transactionIDHash)
        }) {
            throw IssuerError(.duplicate, "another credential offer has the same code, token or transaction id")
        }
        state.credentialOffers.offers[offer.id] = offer
    }
    func saveWalletNonce(_ nonce: WalletNonceRecord) { state.credentialOffers.nonces[nonce.value] = nonce }
    func deleteStaleCredentialOffers(before date: Date) {
        state.credentialOffers.nonces = state.credentialOffers.nonces.filter { $0.value.expiresAt >= date }
        state.credentialOffers.offers = state.credentialOffers.offers.filter { $0.value.lastUse >= date }
    }
}

extension CredentialOfferRecord {
    /// The last moment anything of the offer still works: its code, token or deferred transaction.
    public var lastUse: Date {
        max(expiresAt, accessTokenExpiresAt ?? expiresAt, transactionExpiresAt ?? expiresAt)
    }
}
