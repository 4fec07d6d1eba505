import GRDB

extension StoreSchema {
    /// Registers the migration behind the staff console's learner search and review queue (issue 17,
    /// points 6, 7 and 12: lists paged in SQL, searches through indexes).
    static func registerLearnerSearch(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v12-learner-search") { db in
            try db.execute(sql: version12LearnerSearch)
        }
    }

    /// `learnerSearch` is an FTS5 index of every learner's names, email address and external id,
    /// folded like ``IssuerCore/LearnerSearchText`` (`unicode61`, accents removed), so a word's
    /// beginning finds the learner without reading the table. It is kept by triggers, so every
    /// writer (the pipeline, the CLI, a person with `sqlite3`) keeps it right; it names the learner
    /// by id, never by rowid, which `VACUUM` may renumber. A learner row that changes is found in
    /// the index by id (a scan of the index's rows, only when a searched column really changed).
    /// `learner_by_certificate_name` gives the list its order without a sort; `learner_by_external_id`
    /// serves lookups by LMS id across namespaces; `completion_held_by_program` serves the review
    /// queue filtered by program; `outboxMessage_by_subject` a credential's deliveries on a learner's page.
    static let version12LearnerSearch = """
        CREATE VIRTUAL TABLE learnerSearch USING fts5(
            learnerID UNINDEXED, names, email, externalID, tokenize = 'unicode61 remove_diacritics 2');
        INSERT INTO learnerSearch (learnerID, names, email, externalID)
            SELECT id, legalName || ' ' || coalesce(preferredName, ''), email, externalID FROM learner;
        CREATE TRIGGER learnerSearch_insert AFTER INSERT ON learner BEGIN
            INSERT INTO learnerSearch (learnerID, names, email, externalID)
                VALUES (NEW.id, NEW.legalName || ' ' || coalesce(NEW.preferredName, ''), NEW.email, NEW.externalID);
        END;
        CREATE TRIGGER learnerSearch_update AFTER UPDATE ON learner
            WHEN OLD.id IS NOT NEW.id OR OLD.legalName IS NOT NEW.legalName OR OLD.preferredName IS NOT NEW.preferredName
                OR OLD.email IS NOT NEW.email OR OLD.externalID IS NOT NEW.externalID
        BEGIN
            DELETE FROM learnerSearch WHERE learnerID = OLD.id;
            INSERT INTO learnerSearch (learnerID, names, email, externalID)
                VALUES (NEW.id, NEW.legalName || ' ' || coalesce(NEW.preferredName, ''), NEW.email, NEW.externalID);
        END;
        CREATE TRIGGER learnerSearch_delete AFTER DELETE ON learner BEGIN
            DELETE FROM learnerSearch WHERE learnerID = OLD.id;
        END;
        CREATE INDEX learner_by_certificate_name ON learner(lower(coalesce(preferredName, legalName)), id);
        CREATE INDEX learner_by_external_id ON learner(externalID);
        CREATE INDEX completion_held_by_program ON completion(programID, receivedAt, id) WHERE state = 'held';
        CREATE INDEX outboxMessage_by_subject ON outboxMessage(subjectID, createdAt);
        """
}
