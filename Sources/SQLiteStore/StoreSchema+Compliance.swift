extension StoreSchema {
    /// Compliance certificates: training configurations (JSON, like programs), assignments and
    /// module completions (removal is a recorded column, and a completion row is never deleted),
    /// and the scheduler's watch per worker and configuration, indexed by its next check.
    static let version3Compliance = """
        CREATE TABLE trainingConfiguration (
            id TEXT PRIMARY KEY NOT NULL,
            definition TEXT NOT NULL CHECK (json_valid(definition))
        ) STRICT;

        CREATE TABLE trainingAssignment (
            id TEXT PRIMARY KEY NOT NULL,
            learnerID TEXT NOT NULL REFERENCES learner(id),
            configurationID TEXT NOT NULL REFERENCES trainingConfiguration(id),
            moduleID TEXT,
            assignedAt TEXT NOT NULL,
            assignedBy TEXT NOT NULL,
            removedAt TEXT,
            removedBy TEXT
        ) STRICT;
        CREATE INDEX trainingAssignment_by_learner ON trainingAssignment(learnerID, assignedAt);

        CREATE TABLE trainingCompletion (
            id TEXT PRIMARY KEY NOT NULL,
            learnerID TEXT NOT NULL REFERENCES learner(id),
            moduleID TEXT NOT NULL,
            completedAt TEXT NOT NULL,
            recordedAt TEXT NOT NULL,
            recordedBy TEXT NOT NULL,
            removedAt TEXT,
            removedBy TEXT,
            removalReason TEXT
        ) STRICT;
        CREATE INDEX trainingCompletion_by_learner ON trainingCompletion(learnerID, completedAt);
        CREATE TRIGGER trainingCompletion_no_delete BEFORE DELETE ON trainingCompletion
        BEGIN
            SELECT RAISE(ABORT, 'training completions are removed by recording the removal, never deleted');
        END;

        CREATE TABLE complianceWatch (
            learnerID TEXT NOT NULL REFERENCES learner(id),
            configurationID TEXT NOT NULL REFERENCES trainingConfiguration(id),
            nextCheckAt TEXT,
            valid INTEGER NOT NULL CHECK (valid IN (0, 1)),
            remindedCompletionIDs TEXT NOT NULL CHECK (json_valid(remindedCompletionIDs)),
            updatedAt TEXT NOT NULL,
            PRIMARY KEY (learnerID, configurationID)
        ) STRICT;
        CREATE INDEX complianceWatch_by_next_check ON complianceWatch(nextCheckAt) WHERE nextCheckAt IS NOT NULL;
        """
}
