import Foundation

/// Recording engagement.
public protocol EngagementWriting: EngagementReading {
    /// Stores the record unless one for the same credential, kind and day exists; whether it was stored.
    func recordEngagement(_ record: EngagementRecord) throws -> Bool
}
