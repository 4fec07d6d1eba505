import Foundation
import GRDB
import IssuerCore

/// The `credential` table: one row per credential version, without its files (those are
/// ``CredentialDocumentRow``s). SQL holds the rules: the id is the primary key, each status index
/// belongs to one credential, and a learner has at most one credential per program that is not
/// superseded.
struct CredentialRow: StoreRecord {
    static let databaseTableName = "credential"

    /// The columns, named: requests of this record never say `SELECT *`.
    static let columnNames = [
        "id", "insertionOrder", "learnerID", "programID", "programVersion", "completionID", "issuedAt", "validUntil", "state",
        "revocationList", "revocationIndex", "suspensionList", "suspensionIndex", "passcode", "stateReason", "supersededBy",
        "supersedes", "claimedAt",
    ]
    static var databaseSelection: [any SQLSelectable] { columnNames.map { Column($0) } }
    /// `columnNames` as SQL, for the statements written by hand.
    static let columnList = columnNames.joined(separator: ", ")

    var id: String
    /// 1, 2, 3, … in insertion order, so listings and "the newest" do not depend on the rowid,
    /// which `VACUUM` may renumber.
    var insertionOrder: Int64
    var learnerID: String
    var programID: String
    var programVersion: Int
    var completionID: String
    var issuedAt: Date
    var validUntil: Date?
    var state: String
    var revocationList: String
    var revocationIndex: Int
    var suspensionList: String
    var suspensionIndex: Int
    var passcode: String?
    var stateReason: String?
    var supersededBy: String?
    var supersedes: String?
    var claimedAt: Date?

    /// Every column an update may change: all but the id and the insertion order.
    static let updatableColumns = Set(columnNames).subtracting(["id", "insertionOrder"])

    init(_ record: CredentialRecord, insertionOrder: Int64) {
        id = record.id
        self.insertionOrder = insertionOrder
        learnerID = record.learnerID
        programID = record.programID
        programVersion = record.programVersion
        completionID = record.completionID
        issuedAt = record.issuedAt
        validUntil = record.validUntil
        state = record.state.rawValue
        revocationList = record.revocationList
        revocationIndex = record.revocationIndex
        suspensionList = record.suspensionList
        suspensionIndex = record.suspensionIndex
        passcode = record.passcode
        stateReason = record.stateReason
        supersededBy = record.supersededBy
        supersedes = record.supersedes
        claimedAt = record.claimedAt
    }

    /// The summary, given which files exist.
    func summary(isSigned: Bool, hasPDF: Bool, hasPNG: Bool) throws -> CredentialRecordSummary {
        guard let credentialState = CredentialState(rawValue: state) else {
            throw IssuerError(.storeUnavailable, "credential \(id) has an unknown state \"\(state)\"")
        }
        var summary = CredentialRecordSummary(
            CredentialRecord(
                id: id, learnerID: learnerID, programID: programID, programVersion: programVersion, completionID: completionID,
                issuedAt: issuedAt, validUntil: validUntil, state: credentialState, revocationList: revocationList,
                revocationIndex: revocationIndex, suspensionList: suspensionList, suspensionIndex: suspensionIndex,
                passcode: passcode, stateReason: stateReason, supersededBy: supersededBy, supersedes: supersedes, claimedAt: claimedAt))
        summary.isSigned = isSigned
        summary.hasPDF = hasPDF
        summary.hasPNG = hasPNG
        return summary
    }

    /// The full record with its files.
    func record(documents: [CredentialDocumentKind: Data]) throws -> CredentialRecord {
        try summary(isSigned: false, hasPDF: false, hasPNG: false)
            .record(credentialJSON: documents[.json], pdf: documents[.pdf], png: documents[.png])
    }
}

/// The `credentialDocument` table: one stored file of a credential (its signed JSON, PDF or PNG),
/// byte for byte as served, apart from the row so that only what asks for the bytes reads them.
struct CredentialDocumentRow: StoreRecord {
    static let databaseTableName = "credentialDocument"

    var credentialID: String
    var kind: String
    var bytes: Data
}
