import Foundation
import GRDB
import IssuerCore

/// The `statusList` table: one row per ``StatusListRecord``; the bits and the signed list
/// credential are BLOBs.
struct StatusListRow: StoreRecord {
    static let databaseTableName = "statusList"

    var id: String
    var purpose: String
    var capacity: Int
    var allocated: Int
    var bits: Data
    var signedCredentialJSON: Data?
    var updatedAt: Date

    init(_ list: StatusListRecord) {
        id = list.id
        purpose = list.purpose.rawValue
        capacity = list.capacity
        allocated = list.allocated
        bits = list.bits
        signedCredentialJSON = list.signedCredentialJSON
        updatedAt = list.updatedAt
    }

    /// The list; a purpose this version does not know is refused by name.
    func list() throws -> StatusListRecord {
        StatusListRecord(
            id: id, purpose: try StoredName.decode(purpose, as: StatusPurpose.self, of: "status list \(id)", column: "purpose"),
            capacity: capacity, allocated: allocated, bits: bits, signedCredentialJSON: signedCredentialJSON, updatedAt: updatedAt)
    }
}
