import Foundation

/// Changes to programs' operational settings.
public protocol ProgramSettingsWriting: ProgramSettingsReading {
    /// Inserts or replaces the settings of `settings.programID`; the program must exist
    /// (``IssuerError`` `notFound` otherwise).
    func saveProgramSettings(_ settings: ProgramSettings) throws
}
