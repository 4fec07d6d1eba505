import Foundation
import IssuerCore
import PostgresNIO

// The issuer's profile, signing keys and secrets, and the programs: small tables read often,
// written rarely.
extension PostgresTransaction {
    func issuer() throws -> IssuerProfile? {
        guard var row = try row("SELECT did, name, baseURL, email, createdAt FROM issuer WHERE id = 1") else { return nil }
        return IssuerProfile(did: try row(), name: try row(), baseURL: try row(), email: try row.optional(), createdAt: try row.date())
    }

    func signingKeys() throws -> [SigningKeyRecord] {
        try rows(
            "SELECT id, publicKeyMultibase, fileName, createdAt, retiredAt, compromisedSince FROM signingKey ORDER BY createdAt, id COLLATE \"C\""
        )
        .map { row in
            var row = row
            return SigningKeyRecord(
                id: try row(), publicKeyMultibase: try row(), fileName: try row(), createdAt: try row.date(),
                retiredAt: try row.optionalDate(), compromisedSince: try row.optionalDate())
        }
    }

    func issuerSecret(name: String) throws -> [UInt8]? {
        try value(Data.self, "SELECT value FROM issuerSecret WHERE name = $1", [name]).map { Array($0) }
    }

    func saveIssuer(_ issuer: IssuerProfile) throws {
        try execute(
            """
            INSERT INTO issuer (id, did, name, baseURL, email, createdAt) VALUES (1, $1, $2, $3, $4, $5)
            ON CONFLICT (id) DO UPDATE SET did = excluded.did, name = excluded.name, baseURL = excluded.baseURL,
                email = excluded.email, createdAt = excluded.createdAt
            """, [issuer.did, issuer.name, issuer.baseURL, issuer.email, issuer.createdAt])
    }

    func saveSigningKey(_ key: SigningKeyRecord) throws {
        try execute(
            """
            INSERT INTO signingKey (id, publicKeyMultibase, fileName, createdAt, retiredAt, compromisedSince)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (id) DO UPDATE SET publicKeyMultibase = excluded.publicKeyMultibase, fileName = excluded.fileName,
                createdAt = excluded.createdAt, retiredAt = excluded.retiredAt, compromisedSince = excluded.compromisedSince
            """,
            [key.id, key.publicKeyMultibase, key.fileName, key.createdAt, key.retiredAt, key.compromisedSince])
    }

    func insertIssuerSecret(name: String, value: [UInt8]) throws {
        if try issuerSecret(name: name) != nil { throw IssuerError(.duplicate, "the issuer secret \(name) exists") }
        try refusingConflicts {
            try execute("INSERT INTO issuerSecret (name, value) VALUES ($1, $2)", [name, value])
        } explain: {
            IssuerError(.duplicate, "the issuer secret \(name) exists")
        }
    }

    func program(id: String) throws -> Program? {
        try value(String.self, "SELECT definition::text FROM program WHERE id = $1", [id]).map {
            try Self.decodeJSON(Program.self, from: $0, of: "program \(id)")
        }
    }

    func programs() throws -> [Program] {
        try rows("SELECT id, definition::text FROM program ORDER BY id COLLATE \"C\"").map { row in
            var row = row
            let id = try row(String.self)
            return try Self.decodeJSON(Program.self, from: try row(String.self), of: "program \(id)")
        }
    }

    func saveProgram(_ program: Program) throws {
        // An upsert updates in place: it never deletes the row credentials point to.
        try execute(
            """
            INSERT INTO program (id, version, definition) VALUES ($1, $2, $3::json)
            ON CONFLICT (id) DO UPDATE SET version = excluded.version, definition = excluded.definition
            """, [program.id, program.version, try Self.jsonText(program)])
    }
}
