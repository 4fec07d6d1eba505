extension PostgresSchema {
    /// `v2-learner-search`: the words each learner is found by (see `PostgresTransaction+LearnerDirectory.swift`),
    /// written by the store with every learner it saves. PostgreSQL's equivalent of SQLite's FTS5
    /// `learnerSearch` index (SQLite's `v12-learner-search`).
    static let version2LearnerSearch = """
        ALTER TABLE learner ADD COLUMN searchWords text NOT NULL DEFAULT '';
        """
}
