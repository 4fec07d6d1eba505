import Foundation
import GRDB
import IssuerCore

extension SQLiteTransaction {
    func issuerSecret(name: String) throws -> [UInt8]? {
        try Row.fetchOne(db, sql: "SELECT value FROM issuerSecret WHERE name = ?", arguments: [name]).map { row in
            let value: [UInt8] = Array(row["value"] as Data)
            return value
        }
    }

    func insertIssuerSecret(name: String, value: [UInt8]) throws {
        if try issuerSecret(name: name) != nil { throw StoreError.duplicate("the issuer secret \(name) exists") }
        try db.execute(sql: "INSERT INTO issuerSecret (name, value) VALUES (?, ?)", arguments: [name, Data(value)])
    }
}
