import GRDB

extension StoreSchema {
    /// Registers the migration that makes a stored program's template and page size names the
    /// domain knows (issue 16 point 1).
    static func registerProgramNames(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8-program-names") { db in
            try db.execute(sql: version8ProgramNames)
        }
    }

    /// `template` and `branding.pageSize` are closed sets (``CertificateTemplate``, ``PageSize``),
    /// decoded strictly. Before, `attest programs add` stored any page size and the renderer drew
    /// an unknown one (or an unknown template) as A4 / completion: those rows are rewritten to what
    /// their certificates were drawn as, so they still load. From now on the table refuses, like a
    /// `CHECK` (a trigger, since SQLite cannot add a `CHECK` to an existing table), a definition
    /// naming any other template or page size.
    static let version8ProgramNames = """
        UPDATE program SET definition = json_set(definition, '$.template', 'completion')
            WHERE coalesce(json_extract(definition, '$.template'), '') NOT IN ('completion', 'achievement', 'compliance');
        UPDATE program SET definition = json_remove(definition, '$.branding.pageSize')
            WHERE json_type(definition, '$.branding.pageSize') IS NOT NULL
            AND coalesce(json_extract(definition, '$.branding.pageSize'), '') NOT IN ('a4', 'letter');
        CREATE TRIGGER program_names_insert BEFORE INSERT ON program
            WHEN coalesce(json_extract(NEW.definition, '$.template'), '') NOT IN ('completion', 'achievement', 'compliance')
            OR (json_type(NEW.definition, '$.branding.pageSize') IS NOT NULL
                AND coalesce(json_extract(NEW.definition, '$.branding.pageSize'), '') NOT IN ('a4', 'letter'))
        BEGIN
            SELECT RAISE(ABORT, 'a program names a template or page size Attest does not know');
        END;
        CREATE TRIGGER program_names_update BEFORE UPDATE ON program
            WHEN coalesce(json_extract(NEW.definition, '$.template'), '') NOT IN ('completion', 'achievement', 'compliance')
            OR (json_type(NEW.definition, '$.branding.pageSize') IS NOT NULL
                AND coalesce(json_extract(NEW.definition, '$.branding.pageSize'), '') NOT IN ('a4', 'letter'))
        BEGIN
            SELECT RAISE(ABORT, 'a program names a template or page size Attest does not know');
        END;
        """
}
