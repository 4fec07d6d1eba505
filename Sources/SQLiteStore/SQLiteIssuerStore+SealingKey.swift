import Foundation
import IssuerCore

extension SQLiteIssuerStore {
    /// The name of the sealing key file in the issuer's data folder (`sealing.key`).
    public static let sealingKeyFileName = SecretSealing.fileName

    /// The sealer of API keys' HMAC secrets whose key is the file at `path` (32 random bytes,
    /// mode 0600, made when missing), as this store uses beside its database. Another store that
    /// serves the same issuer (PostgreSQL, run from the same data folder) opens it with this, so
    /// secrets copied between the stores stay usable.
    /// - Throws: ``IssuerCore/IssuerError`` `storeUnavailable` when the file cannot be read or made.
    public static func sealer(keyFile path: String) throws -> SecretSealer {
        try SecretSealing.sealer(keyFile: path)
    }
}
