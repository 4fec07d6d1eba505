import Foundation

/// Opening, advancing and forgetting wallet exchanges.
public protocol WalletExchangeWriting: WalletExchangeReading {
    /// Inserts an exchange, or replaces the one with the same ``WalletExchangeRecord/idHash``.
    func saveWalletExchange(_ exchange: WalletExchangeRecord) throws
    /// Deletes the exchanges that ended before `date`; returns how many.
    @discardableResult
    func deleteWalletExchanges(expiredBefore date: Date) throws -> Int
}
