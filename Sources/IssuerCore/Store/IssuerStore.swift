import Foundation

/// Where the issuer keeps everything. Work that must happen together runs in one ``write(_:)``
/// transaction: it commits whole or not at all. Uniqueness is the store's job, so a replayed
/// event or a second credential for the same learner and program is refused by the store itself.
///
/// Implementations: ``InMemoryIssuerStore`` for tests, `SQLiteStore` (GRDB, WAL) in production.
public protocol IssuerStore: Sendable {
    /// Runs `work` in a write transaction; an error thrown by `work` rolls everything back.
    func write<T: Sendable>(_ work: @Sendable (any IssuerTransaction) throws -> T) async throws -> T
    /// Runs `work` against a consistent snapshot, without blocking writers.
    func read<T: Sendable>(_ work: @Sendable (any IssuerReading) throws -> T) async throws -> T
}

/// Everything that can be read from the store: the composition of its parts, one per concern.
/// A feature that needs one part takes that part (`any CredentialReading`), so what it touches
/// is plain from its signature; a snapshot from ``IssuerStore/read(_:)`` is all of them.
public protocol IssuerReading:
    IssuerSetupReading,
    ProgramReading,
    LearnerReading,
    IntakeReading,
    CredentialReading,
    StatusListReading,
    AuditReading,
    OutboxReading,
    AccessReading, APIKeyRotationReading,
    ComplianceReading,
    LearnerDirectoryReading, ReviewQueueReading,
    MonitoringReading, CredentialListReading,
    StaffReading,
    WalletExchangeReading,
    CredentialOfferReading,
    ScheduleReading,
    UptimeReading, EngagementReading, WebhookEndpointReading,
    RolloutReading,
    ProgramSettingsReading, ParkedEventReading
{}

/// Everything that can be written inside a transaction (reads see the transaction's own writes):
/// the composition of the writing parts, each of which also reads its own concern.
public protocol IssuerTransaction:
    IssuerReading,
    IssuerSetupWriting,
    ProgramWriting,
    LearnerWriting,
    IntakeWriting,
    CredentialWriting,
    StatusListWriting,
    AuditWriting,
    OutboxWriting,
    AccessWriting, APIKeyRotationWriting,
    ComplianceWriting,
    StaffWriting,
    WalletExchangeWriting,
    CredentialOfferWriting,
    ScheduleWriting,
    UptimeWriting, EngagementWriting, WebhookEndpointWriting,
    RolloutWriting,
    ProgramSettingsWriting, ParkedEventWriting
{}
