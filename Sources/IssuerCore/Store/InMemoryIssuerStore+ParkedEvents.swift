import Foundation

extension InMemoryTransaction: ParkedEventWriting {
    func parkedEvent(source: String, eventID: String) -> ParkedEvent? {
        state.parkedEvents.values.first { $0.event.source == source && $0.event.eventID == eventID }
    }

    func parkedEvent(id: String) -> ParkedEvent? {
        state.parkedEvents[id]
    }

    func parkedEvents(state wanted: ParkedState?, limit: Int?) -> [ParkedEvent] {
        Array(
            state.parkedEvents.values.filter { wanted == nil || $0.state == wanted }
                .sorted { ($0.receivedAt, $0.id) < ($1.receivedAt, $1.id) }.prefix(limit ?? .max))
    }

    func parkedEventCounts() -> [ParkedState: Int] {
        Dictionary(grouping: state.parkedEvents.values, by: \.state).mapValues(\.count)
    }

    func insertParkedEvent(_ event: ParkedEvent) throws {
        guard parkedEvent(source: event.event.source, eventID: event.event.eventID) == nil, state.parkedEvents[event.id] == nil else {
            throw IssuerError(.duplicate, "event \(event.event.eventID) of \(event.event.source) is kept already")
        }
        state.parkedEvents[event.id] = event
    }

    func deleteParkedEvent(id: String) -> Bool {
        state.parkedEvents.removeValue(forKey: id) != nil
    }
}
