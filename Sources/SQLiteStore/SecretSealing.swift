import Foundation
import GRDB
import IssuerCore

/// The sealing key of API keys' HMAC secrets (issue 14, point 5): 32 random bytes in a file of its
/// own beside the database (`sealing.key`, mode 0600), so a copy or a read of the database alone
/// holds no usable secret. Checking a signature needs the secret itself, so it is sealed
/// (``SecretSealer``), not hashed.
///
/// - Warning: Keep `sealing.key` out of database copies that leave the machine; without it the
///   sealed secrets cannot be opened and those LMS keys must be made again.
enum SecretSealing {
    /// The key file's name, in the database's folder.
    static let fileName = "sealing.key"

    static func sealer(keyFile path: String) throws -> SecretSealer {
        let key = try loadOrCreateKey(at: path)
        guard let sealer = SecretSealer(key: key) else {
            throw IssuerError(.storeUnavailable, "the sealing key \(path) must hold exactly 32 bytes")
        }
        return sealer
    }

    /// A sealer whose key lives only in memory (databases in memory).
    static func ephemeralSealer() -> SecretSealer {
        SecretSealer(key: randomKey())!
    }

    /// Seals secrets stored before sealing existed (run on every open; a no-op once done).
    static func sealPlainSecrets(_ db: Database, sealer: SecretSealer) throws {
        let plain = try Row.fetchAll(
            db, sql: "SELECT id, hmacSecret FROM apiKey WHERE hmacSecret IS NOT NULL AND hmacSecret NOT LIKE 'sealed:v1:%'")
        for row in plain {
            let id: String = row["id"]
            let secret: String = row["hmacSecret"]
            try db.execute(sql: "UPDATE apiKey SET hmacSecret = ? WHERE id = ?", arguments: [sealer.seal(secret), id])
        }
    }

    static func loadOrCreateKey(at path: String) throws -> [UInt8] {
        if let data = FileManager.default.contents(atPath: path) { return Array(data) }
        // Written whole under another name, then linked into place: two processes opening a new
        // database at once both end up with the one key that won, never with half a file.
        let temporary = path + ".\(UUID().uuidString).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(randomKey()), attributes: [.posixPermissions: 0o600]) else {
            throw IssuerError(.storeUnavailable, "cannot write the sealing key \(path)")
        }
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        do {
            try FileManager.default.linkItem(atPath: temporary, toPath: path)
        } catch {
            guard FileManager.default.fileExists(atPath: path) else {
                throw IssuerError(.storeUnavailable, "cannot create the sealing key \(path): \(error.localizedDescription)")
            }
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw IssuerError(.storeUnavailable, "cannot read the sealing key \(path)")
        }
        return Array(data)
    }

    static func randomKey() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}

extension SQLiteIssuerStore {
    /// `sealing.key` in the folder of the database at `path`.
    static func defaultSealingKeyPath(forDatabase path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(SecretSealing.fileName).path
    }
}
