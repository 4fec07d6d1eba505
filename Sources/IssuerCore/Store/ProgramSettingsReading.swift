import Foundation

/// Programs' operational settings (``ProgramSettings``).
public protocol ProgramSettingsReading {
    /// The stored settings of program `id`; `nil` when none were ever changed (the defaults apply).
    func programSettings(id: String) throws -> ProgramSettings?
    /// Every program's stored settings, by program id.
    func allProgramSettings() throws -> [ProgramSettings]
}

extension ProgramSettingsReading {
    /// Whether program `id` takes completions now (a program without stored settings does).
    public func isProgramEnabled(id: String) throws -> Bool {
        try programSettings(id: id)?.enabled ?? true
    }
}
