import Foundation

extension InMemoryTransaction: WalletExchangeWriting {
    func walletExchange(idHash: String) -> WalletExchangeRecord? { state.walletExchanges[idHash] }

    func unexpiredWalletExchangeCount(credentialID: String, at now: Date) -> Int {
        state.walletExchanges.values.count { $0.credentialID == credentialID && $0.expiresAt > now }
    }

    func saveWalletExchange(_ exchange: WalletExchangeRecord) { state.walletExchanges[exchange.idHash] = exchange }

    func deleteWalletExchanges(expiredBefore date: Date) -> Int {
        let before = state.walletExchanges.count
        state.walletExchanges = state.walletExchanges.filter { $0.value.expiresAt >= date }
        return before - state.walletExchanges.count
    }
}
