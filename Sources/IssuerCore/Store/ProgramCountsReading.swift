import Foundation

/// How much each program has been used, for the console's list of programs: one grouped query per
/// table, however many programs and credentials there are. The three stores' snapshots conform;
/// read it through ``IssuerReading/programCounts()``.
public protocol ProgramCountsReading {
    /// The figures of every program that has any credential or completion, by program id
    /// (programs without any are absent: read them as ``ProgramCounts/none``).
    func programCounts() throws -> [String: ProgramCounts]
}

/// One program's figures.
public struct ProgramCounts: Sendable, Hashable {
    /// Credentials issued for it and not since replaced by a reissue (active, suspended, revoked or expired).
    public var issued: Int
    /// Completions waiting for a reviewer.
    public var held: Int
    /// Completions the rules or a reviewer refused.
    public var rejected: Int
    /// When its newest credential was issued.
    public var lastIssuedAt: Date?

    /// Figures.
    public init(issued: Int = 0, held: Int = 0, rejected: Int = 0, lastIssuedAt: Date? = nil) {
        self.issued = issued
        self.held = held
        self.rejected = rejected
        self.lastIssuedAt = lastIssuedAt
    }

    /// A program nothing was recorded for.
    public static let none = ProgramCounts()
}

extension IssuerReading {
    /// Every program's figures (``ProgramCountsReading``), or `nil` from a store whose snapshots
    /// do not count them (all three built-in stores do).
    public func programCountsIfCounted() throws -> [String: ProgramCounts]? {
        try (self as? any ProgramCountsReading)?.programCounts()
    }
}
