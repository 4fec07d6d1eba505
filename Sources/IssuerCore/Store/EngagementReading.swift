import Foundation

/// Engagement with credentials (``EngagementRecord``), one row per credential, kind and UTC day.
public protocol EngagementReading {
    /// The credential's engagement records, earliest first.
    func engagement(credentialID: String) throws -> [EngagementRecord]
}
