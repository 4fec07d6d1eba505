import Foundation

/// Completion events kept undecided (``ParkedEvent``).
public protocol ParkedEventReading {
    /// The kept event `eventID` of `source` (a replay of it is answered, not kept twice).
    func parkedEvent(source: String, eventID: String) throws -> ParkedEvent?
    /// The kept event `id` (`prk-…`).
    func parkedEvent(id: String) throws -> ParkedEvent?
    /// The kept events in `state` (every one when `nil`), oldest first, at most `limit` (all when `nil`).
    func parkedEvents(state: ParkedState?, limit: Int?) throws -> [ParkedEvent]
    /// How many events are kept in each state (a cheap count, for `/metrics` and the dashboard).
    func parkedEventCounts() throws -> [ParkedState: Int]
}

extension ParkedEventReading {
    /// Every kept event in `state` (every one when `nil`), oldest first.
    public func parkedEvents(state: ParkedState?) throws -> [ParkedEvent] { try parkedEvents(state: state, limit: nil) }
}
