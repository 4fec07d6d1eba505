import Foundation
import GRDB
import IssuerCore

/// The `credential` table: one row per credential version. The signed credential, PDF and PNG are
/// BLOBs, byte for byte as served. SQL holds the rules: the id is the primary key, each status
/// index belongs to one credential, and a learner has at most one credential per program that is
/// not superseded.
struct CredentialRow: StoreRecord {
    static let databaseTableName = "credential"

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
    var credentialJSON: Data?
    var pdf: Data?
    var png: Data?
    var passcode: String?
    var stateReason: String?
    var supersededBy: String?
    var supersedes: String?
    var claimedAt: Date?

    /// Every column an update may change: all but the id and the insertion order.
    static let updatableColumns: Set<String> = [
        "learnerID", "programID", "programVersion", "completionID", "issuedAt", "validUntil", "state", "revocationList",
        "revocationIndex", "suspensionList", "suspensionIndex", "credentialJSON", "pdf", "png", "passcode", "stateReason",
        "supersededBy", "supersedes", "claimedAt",
    ]

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
        credentialJSON = record.credentialJSON
        pdf = record.pdf
        png = record.png
        passcode = record.passcode
        stateReason = record.stateReason
        supersededBy = record.supersededBy
        supersedes = record.supersedes
        claimedAt = record.claimedAt
    }

    func record() throws -> CredentialRecord {
        guard let credentialState = CredentialState(rawValue: state) else {
            throw StoreError.unavailable("credential \(id) has an unknown state \"\(state)\"")
        }
        return CredentialRecord(
            id: id, learnerID: learnerID, programID: programID, programVersion: programVersion, completionID: completionID,
            issuedAt: issuedAt, validUntil: validUntil, state: credentialState, revocationList: revocationList,
            revocationIndex: revocationIndex, suspensionList: suspensionList, suspensionIndex: suspensionIndex,
            credentialJSON: credentialJSON, pdf: pdf, png: png, passcode: passcode, stateReason: stateReason,
            supersededBy: supersededBy, supersedes: supersedes, claimedAt: claimedAt)
    }
}
