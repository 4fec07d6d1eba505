import CanonicalJSON
import Foundation
import VerifiableCredentials

/// One training module as the credential signs it: an Open Badges `Evidence` entry whose
/// `narrative` carries the module's dates ("Completed on DAY", with ", expires on DAY" when the
/// completion expires, or "Exempted").
///
/// The one codec of module evidence: ``CredentialBuilder`` writes it with ``evidence``, and
/// every reader (the PDF, the verification page, summaries) reads it with ``init(evidence:)``.
/// Open Badges 3.0 `Evidence` has no date members, so the dates live in the signed narrative;
/// its format is defined here and nowhere else, and a round-trip test holds writer and reader together.
public struct ModuleEvidence: Sendable, Hashable {
    /// The module's name as signed (its id when the program names none).
    public var name: String
    /// When the learner completed it; `nil` for a module they were exempted from.
    public var completedOn: Date?
    /// When the completion expires, if it does.
    public var expiresOn: Date?
    /// The narrative as signed: shown as it is, so a credential from elsewhere still reads right.
    public var narrative: String

    private static let completedPrefix = "Completed on "
    private static let expirySeparator = ", expires on "
    private static let exempted = "Exempted"

    /// A module completed on `completedOn` (a day, UTC), or exempted when `completedOn` is `nil`.
    public init(name: String, completedOn: Date?, expiresOn: Date? = nil) {
        self.name = name
        self.completedOn = completedOn
        self.expiresOn = completedOn == nil ? nil : expiresOn
        if let completedOn {
            narrative = Self.completedPrefix + Self.day(completedOn) + (expiresOn.map { Self.expirySeparator + Self.day($0) } ?? "")
        } else {
            narrative = Self.exempted
        }
    }

    /// Reads one signed `Evidence` entry; `nil` when it names no module. A narrative this codec
    /// did not write is kept as text, with no dates.
    public init?(evidence: JSONValue) {
        guard let name = evidence["name"].flatMap(LanguageMap.displayText) else { return nil }
        self.name = name
        narrative = evidence["narrative"]?.stringValue ?? ""
        guard narrative.hasPrefix(Self.completedPrefix) else { return }
        let rest = narrative.dropFirst(Self.completedPrefix.count)
        completedOn = Self.parseDay(rest.prefix(10))
        if completedOn != nil, rest.dropFirst(10).hasPrefix(Self.expirySeparator) {
            expiresOn = Self.parseDay(rest.dropFirst(10 + Self.expirySeparator.count).prefix(10))
        }
    }

    /// Whether it was completed (not exempted, not a foreign narrative): the modules a certificate lists.
    public var isCompleted: Bool { completedOn != nil }

    /// The signed `Evidence` entry.
    public var evidence: JSONValue {
        ["type": ["Evidence"], "name": .string(name), "narrative": .string(narrative)]
    }

    /// `2026-11-23` of a date, in UTC.
    static func day(_ date: Date) -> String { String(DateTimeStamp.format(date).prefix(10)) }

    private static func parseDay(_ text: Substring) -> Date? {
        guard text.count == 10 else { return nil }
        return DateTimeStamp.parse(text + "T00:00:00Z")
    }
}
