import GRDB

extension StoreSchema {
    /// Registers the documents migration (issue 16 point 3).
    static func registerDocuments(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v7-credential-documents") { db in
            try db.execute(sql: version7CredentialDocuments)
        }
    }

    /// A credential's signed JSON, PDF and PNG leave its row for a table of their own, so that
    /// listings, intake and the verification page never page a 100 KB PDF in. Every existing file
    /// is moved byte for byte before its column is dropped. The primary key's index answers "does
    /// it have a PDF?" without touching the bytes.
    static let version7CredentialDocuments = """
        CREATE TABLE credentialDocument (
            credentialID TEXT NOT NULL REFERENCES credential(id),
            kind TEXT NOT NULL CHECK (kind IN ('pdf', 'png', 'json')),
            bytes BLOB NOT NULL,
            PRIMARY KEY (credentialID, kind)
        ) STRICT;
        INSERT INTO credentialDocument (credentialID, kind, bytes)
            SELECT id, 'json', credentialJSON FROM credential WHERE credentialJSON IS NOT NULL;
        INSERT INTO credentialDocument (credentialID, kind, bytes) SELECT id, 'pdf', pdf FROM credential WHERE pdf IS NOT NULL;
        INSERT INTO credentialDocument (credentialID, kind, bytes) SELECT id, 'png', png FROM credential WHERE png IS NOT NULL;
        ALTER TABLE credential DROP COLUMN credentialJSON;
        ALTER TABLE credential DROP COLUMN pdf;
        ALTER TABLE credential DROP COLUMN png;
        """
}
