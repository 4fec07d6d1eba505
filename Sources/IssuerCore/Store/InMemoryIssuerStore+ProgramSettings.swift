import Foundation

extension InMemoryTransaction: ProgramSettingsWriting {
    func programSettings(id: String) -> ProgramSettings? { state.programSettings[id] }

    func allProgramSettings() -> [ProgramSettings] {
        state.programSettings.values.sorted { $0.programID < $1.programID }
    }

    func saveProgramSettings(_ settings: ProgramSettings) throws {
        guard state.programs[settings.programID] != nil else {
            throw IssuerError(.notFound, "there is no program \(settings.programID)")
        }
        state.programSettings[settings.programID] = settings
    }
}
