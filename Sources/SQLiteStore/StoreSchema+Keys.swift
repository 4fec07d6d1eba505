import GRDB

extension StoreSchema {
    /// Registers the compromised-keys migration (issue 14 item 14).
    static func registerCompromisedKeys(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6-compromised-keys") { db in
            try db.execute(sql: version6CompromisedKeys)
        }
    }

    /// A signing key can be marked compromised since a moment (`attest keys retire ID
    /// --compromised --since T`). Nullable, so every existing key reads as not compromised. Once
    /// set, the moment may only move earlier (a later discovery that the key leaked sooner), never
    /// later or away: what it made invalid stays invalid. Only a retired key can be compromised.
    static let version6CompromisedKeys = """
        ALTER TABLE signingKey ADD COLUMN compromisedSince TEXT;
        CREATE TRIGGER signingKey_compromise_is_final BEFORE UPDATE OF compromisedSince ON signingKey
        WHEN OLD.compromisedSince IS NOT NULL AND (NEW.compromisedSince IS NULL OR NEW.compromisedSince > OLD.compromisedSince)
        BEGIN
            SELECT RAISE(ABORT, 'a compromised key stays compromised: its compromise time may only move earlier');
        END;
        CREATE TRIGGER signingKey_compromised_is_retired BEFORE UPDATE OF compromisedSince ON signingKey
        WHEN NEW.compromisedSince IS NOT NULL AND NEW.retiredAt IS NULL
        BEGIN
            SELECT RAISE(ABORT, 'only a retired key can be marked compromised');
        END;
        """
}
