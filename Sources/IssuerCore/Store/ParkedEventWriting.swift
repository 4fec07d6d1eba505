import Foundation

/// Keeping and releasing undecided completion events.
public protocol ParkedEventWriting: ParkedEventReading {
    /// Keeps an event; ``IssuerError`` `duplicate` when (source, eventID) is kept already.
    func insertParkedEvent(_ event: ParkedEvent) throws
    /// Forgets a kept event once it has been decided; `false` when there was none (already released).
    func deleteParkedEvent(id: String) throws -> Bool
}
