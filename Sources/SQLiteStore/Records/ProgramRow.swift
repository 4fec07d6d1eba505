import Foundation
import GRDB
import IssuerCore

/// The `program` table: the id and version as columns, the whole ``Program`` as JSON text
/// (`definition`), since nothing queries inside a definition and it changes shape with the schema
/// of program files.
struct ProgramRow: StoreRecord {
    static let databaseTableName = "program"

    var id: String
    var version: Int
    var definition: Program

    init(_ program: Program) {
        id = program.id
        version = program.version
        definition = program
    }
}
