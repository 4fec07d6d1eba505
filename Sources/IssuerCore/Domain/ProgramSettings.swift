import Foundation

/// A program's operational settings: what staff switch while it runs, kept apart from its signed
/// definition, so changing them makes no new program version and touches no issued credential.
/// A program without stored settings has the defaults (enabled).
public struct ProgramSettings: Codable, Sendable, Hashable {
    /// The program these settings belong to.
    public var programID: String
    /// Whether new completions are decided and issued; a disabled program keeps them, held, until
    /// it is enabled again (``ParkedEvent``).
    public var enabled: Bool
    /// When the settings last changed.
    public var updatedAt: Date
    /// Who changed them (`cli`, `api:NAME`, `staff:ID`).
    public var updatedBy: String

    /// Settings of one program.
    public init(programID: String, enabled: Bool = true, updatedAt: Date, updatedBy: String) {
        self.programID = programID
        self.enabled = enabled
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}
