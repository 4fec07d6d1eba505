import Foundation
import GRDB
import IssuerCore

/// The `learner` table: one row per ``Learner``, unique on (`namespace`, `externalID`).
struct LearnerRow: StoreRecord {
    static let databaseTableName = "learner"

    var id: String
    var namespace: String
    var externalID: String
    var email: String
    var legalName: String
    var preferredName: String?

    init(_ learner: Learner) {
        id = learner.id
        namespace = learner.namespace.rawValue
        externalID = learner.externalID
        email = learner.email
        legalName = learner.legalName
        preferredName = learner.preferredName
    }

    var learner: Learner {
        Learner(
            id: id, externalID: externalID, namespace: LearnerNamespace(rawValue: namespace), email: email, legalName: legalName,
            preferredName: preferredName)
    }
}
