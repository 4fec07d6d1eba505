import Foundation

/// Wallet exchanges (VC-API interaction URLs and DCC request links), found by the hash of their id.
public protocol WalletExchangeReading {
    /// The exchange whose id hashes to `idHash`.
    func walletExchange(idHash: String) throws -> WalletExchangeRecord?
    /// How many exchanges of a credential have not expired at `now`, in any state.
    func unexpiredWalletExchangeCount(credentialID: String, at now: Date) throws -> Int
}
