import GRDB

/// A row type that names its columns, so every request of it selects them by name and never says
/// `SELECT *`: a statement prepared (and cached) before a migration rebuilt its table would
/// otherwise keep the old column list. A test holds each list to the table's columns.
protocol NamedColumnRecord: StoreRecord {
    /// The table's columns, in the table's order.
    static var columnNames: [String] { get }
}

extension NamedColumnRecord {
    static var databaseSelection: [any SQLSelectable] { columnNames.map { Column($0) } }
    /// `columnNames` as SQL, for the statements written by hand.
    static var columnList: String { columnNames.joined(separator: ", ") }
}

extension IssuerRow: NamedColumnRecord {
    static let columnNames = ["id", "did", "name", "baseURL", "email", "createdAt"]
}

extension SigningKeyRow: NamedColumnRecord {
    static let columnNames = ["id", "publicKeyMultibase", "fileName", "createdAt", "retiredAt", "compromisedSince"]
}

extension ProgramRow: NamedColumnRecord {
    static let columnNames = ["id", "version", "definition"]
}

extension LearnerRow: NamedColumnRecord {
    static let columnNames = ["id", "namespace", "externalID", "email", "legalName", "preferredName"]
}

extension CompletionRow: NamedColumnRecord {
    static let columnNames = [
        "id", "source", "eventID", "programID", "learnerID", "event", "receivedAt", "state", "reasons", "reviewedBy", "reviewNote",
        "reviewedAt",
    ]
}

extension AuditEntryRow: NamedColumnRecord {
    static let columnNames = ["sequence", "at", "kind", "actor", "subject", "data", "previousHash", "hash", "keyID", "signature"]
}

extension OutboxMessageRow: NamedColumnRecord {
    static let columnNames = [
        "id", "channel", "event", "subjectID", "recipient", "createdAt", "state", "attempts", "nextAttemptAt", "lastError",
    ]
}

extension StatusListRow: NamedColumnRecord {
    static let columnNames = ["id", "purpose", "capacity", "allocated", "bits", "signedCredentialJSON", "updatedAt"]
}

extension APIKeyRow: NamedColumnRecord {
    static let columnNames = [
        "id", "name", "role", "tokenHash", "hmacSecret", "createdAt", "revokedAt", "requiresHMAC", "expiresAt", "lastUsedAt",
        "allowedNetworks", "lastUsedAddress", "previousTokenHash", "previousTokenValidUntil",
    ]
}

extension LearnerLinkRow: NamedColumnRecord {
    static let columnNames = ["addressHash", "requestedAt", "tokenHash", "issuedAt", "expiresAt"]
}

extension TrainingConfigurationRow: NamedColumnRecord {
    static let columnNames = ["id", "definition"]
}

extension TrainingAssignmentRow: NamedColumnRecord {
    static let columnNames = ["id", "learnerID", "configurationID", "moduleID", "assignedAt", "assignedBy", "removedAt", "removedBy"]
}

extension TrainingCompletionRow: NamedColumnRecord {
    static let columnNames = [
        "id", "learnerID", "moduleID", "completedAt", "recordedAt", "recordedBy", "removedAt", "removedBy", "removalReason",
    ]
}

extension ComplianceWatchRow: NamedColumnRecord {
    static let columnNames = ["learnerID", "configurationID", "nextCheckAt", "valid", "remindedCompletionIDs", "updatedAt"]
}

extension StaffSessionRow: NamedColumnRecord {
    static let columnNames = ["idHash", "staffID", "csrfToken", "createdAt", "lastSeenAt", "endedAt", "awaitingSecondFactor"]
}

extension ProgramRolloutRow: NamedColumnRecord {
    static let columnNames = ["programID", "mode", "setting"]
}

extension ShadowDecisionRow: NamedColumnRecord {
    static let columnNames = ["id", "source", "eventID", "programID", "decision", "decidedAt", "record"]
}

extension RolloutCheckRow: NamedColumnRecord {
    static let columnNames = ["credentialID", "programID", "state", "enteredAt", "record"]
}
