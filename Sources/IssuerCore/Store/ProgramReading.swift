import Foundation

/// The programs a credential can certify.
public protocol ProgramReading {
    /// The program with this id.
    func program(id: String) throws -> Program?
    /// Every program, by id.
    func programs() throws -> [Program]
}
