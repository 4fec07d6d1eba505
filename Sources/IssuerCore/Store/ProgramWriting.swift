import Foundation

/// Changes to programs.
public protocol ProgramWriting: ProgramReading {
    /// Inserts or replaces a program (by id).
    func saveProgram(_ program: Program) throws
}
