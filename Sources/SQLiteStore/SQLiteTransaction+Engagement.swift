import Foundation
import GRDB
import IssuerCore

extension SQLiteTransaction: EngagementWriting {
    func engagement(credentialID: String) throws -> [EngagementRecord] {
        try Row.fetchAll(db, sql: "SELECT kind, day, at FROM engagement WHERE credentialID = ? ORDER BY at, kind", arguments: [credentialID])
            .map { row in
                guard let kind = EngagementKind(rawValue: row["kind"]) else {
                    throw IssuerError(.inconsistentStore, "engagement of \(credentialID) has a kind this version does not know")
                }
                return EngagementRecord(
                    credentialID: credentialID, kind: kind, day: row["day"],
                    at: try DatabaseTimestamp.date(reading: row["at"], of: "an engagement record"))
            }
    }

    func recordEngagement(_ record: EngagementRecord) throws -> Bool {
        try db.execute(
            sql: "INSERT INTO engagement (credentialID, kind, day, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            arguments: [record.credentialID, record.kind.rawValue, record.day, DatabaseTimestamp.text(from: record.at)])
        return db.changesCount == 1
    }
}
