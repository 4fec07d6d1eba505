import Foundation
import GRDB
import IssuerCore

/// The `signingKey` table: one row per ``SigningKeyRecord``, current or retired.
struct SigningKeyRow: StoreRecord {
    static let databaseTableName = "signingKey"

    var id: String
    var publicKeyMultibase: String
    var fileName: String
    var createdAt: Date
    var retiredAt: Date?
    var compromisedSince: Date?

    init(_ key: SigningKeyRecord) {
        id = key.id
        publicKeyMultibase = key.publicKeyMultibase
        fileName = key.fileName
        createdAt = key.createdAt
        retiredAt = key.retiredAt
        compromisedSince = key.compromisedSince
    }

    var key: SigningKeyRecord {
        SigningKeyRecord(
            id: id, publicKeyMultibase: publicKeyMultibase, fileName: fileName, createdAt: createdAt, retiredAt: retiredAt,
            compromisedSince: compromisedSince)
    }
}
