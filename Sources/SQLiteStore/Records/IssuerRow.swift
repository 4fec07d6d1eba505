import Foundation
import GRDB
import IssuerCore

/// The `issuer` table: a single row (id 1) holding the ``IssuerProfile``.
struct IssuerRow: StoreRecord {
    static let databaseTableName = "issuer"
    static let singletonID = 1

    var id = singletonID
    var did: String
    var name: String
    var baseURL: String
    var email: String?
    var createdAt: Date

    init(_ profile: IssuerProfile) {
        did = profile.did
        name = profile.name
        baseURL = profile.baseURL
        email = profile.email
        createdAt = profile.createdAt
    }

    var profile: IssuerProfile {
        IssuerProfile(did: did, name: name, baseURL: baseURL, email: email, createdAt: createdAt)
    }
}
