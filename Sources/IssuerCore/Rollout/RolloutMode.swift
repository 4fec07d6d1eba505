import Foundation

/// How far a program trusts its rules (issue 19 point 1): the stages of going live.
public enum RolloutMode: String, Codable, Sendable, CaseIterable {
    /// Every completion is decided and the decision recorded with its reasons; nothing is issued,
    /// delivered or published, and no status index is used.
    case shadow
    /// Issued, and the first N issuances enter the post-issuance check list.
    case assisted
    /// Issued, and a random sample of the issuances enters the check list.
    case monitored
    /// Issued with no check list: the behaviour of a program that never had a rollout setting.
    case full
}

/// A program's rollout setting: operational state kept beside the program, not in it, so that
/// changing it never bumps the program's version or what its credentials say.
public struct ProgramRollout: Codable, Sendable, Hashable {
    /// The program this setting belongs to.
    public var programID: String
    /// The stage.
    public var mode: RolloutMode
    /// In `monitored` mode, the share of issuances that enter the check list, in per mille (100 = 10 %).
    public var samplePerMille: Int
    /// In `assisted` mode, how many issuances enter the check list.
    public var firstCount: Int
    /// How many issuances entered the check list since the program became `assisted`.
    public var firstEntered: Int
    /// How long a check may stay unconfirmed before it is reported as overdue, in seconds.
    public var checkDeadlineSeconds: Int
    /// When and by whom the mode was last set.
    public var changedAt: Date
    /// Who set it (`cli`, `api:NAME`, `staff:ID:EMAIL`).
    public var changedBy: String

    /// The default sample of `monitored` mode: 10 %.
    public static let defaultSamplePerMille = 100
    /// The default count of `assisted` mode: the first 50 issuances.
    public static let defaultFirstCount = 50
    /// The default deadline of a check: 4 hours.
    public static let defaultCheckDeadlineSeconds = 4 * 3600
    /// The largest `firstCount` accepted.
    public static let maximumFirstCount = 100_000

    /// A setting.
    public init(
        programID: String, mode: RolloutMode, samplePerMille: Int = Self.defaultSamplePerMille, firstCount: Int = Self.defaultFirstCount,
        firstEntered: Int = 0, checkDeadlineSeconds: Int = Self.defaultCheckDeadlineSeconds, changedAt: Date, changedBy: String
    ) {
        self.programID = programID
        self.mode = mode
        self.samplePerMille = samplePerMille
        self.firstCount = firstCount
        self.firstEntered = firstEntered
        self.checkDeadlineSeconds = checkDeadlineSeconds
        self.changedAt = changedAt
        self.changedBy = changedBy
    }

    /// The setting of a program that never had one: `full`.
    public static func full(programID: String) -> ProgramRollout {
        ProgramRollout(programID: programID, mode: .full, changedAt: Date(timeIntervalSince1970: 0), changedBy: "default")
    }

    /// Reads a sample such as `10%`, `2.5%` or `10` (percent) into per mille.
    /// - Throws: ``IssuerError`` `invalidRequest` outside 0–100 %.
    public static func samplePerMille(parsing text: String) throws -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let number = trimmed.hasSuffix("%") ? String(trimmed.dropLast()) : trimmed
        guard let percent = Double(number), percent.isFinite, (0...100).contains(percent) else {
            throw IssuerError(.invalidRequest, "the sample must be a percentage from 0% to 100%, such as 10%")
        }
        return Int((percent * 10).rounded())
    }

    /// The sample as people write it (`10%`, `2.5%`).
    public var sampleText: String {
        samplePerMille % 10 == 0 ? "\(samplePerMille / 10)%" : "\(Double(samplePerMille) / 10)%"
    }
}
