import Foundation
import GRDB
import IssuerCore

/// The `learnerLink` table: one row per address that asked for a magic link (by the address's
/// hash), with the hash of the one working token.
struct LearnerLinkRow: StoreRecord {
    static let databaseTableName = "learnerLink"

    var addressHash: String
    var requestedAt: Date
    var tokenHash: String?
    var issuedAt: Date?
    var expiresAt: Date?

    init(_ link: LearnerLinkRecord) {
        addressHash = link.addressHash
        requestedAt = link.requestedAt
        tokenHash = link.tokenHash
        issuedAt = link.issuedAt
        expiresAt = link.expiresAt
    }

    var record: LearnerLinkRecord {
        LearnerLinkRecord(
            addressHash: addressHash, requestedAt: requestedAt, tokenHash: tokenHash, issuedAt: issuedAt, expiresAt: expiresAt)
    }
}
