import Foundation

extension InMemoryTransaction: UptimeWriting {
    func uptimeRecords(from start: Date, to end: Date) -> [UptimeRecord] {
        state.uptime.values.filter { $0.startedAt < end && $0.lastSeenAt >= start }
            .sorted { ($0.startedAt, $0.instance) < ($1.startedAt, $1.instance) }
    }

    func recordUptime(_ record: UptimeRecord) {
        var kept = state.uptime[record.instance] ?? record
        kept.lastSeenAt = max(kept.lastSeenAt, record.lastSeenAt)
        state.uptime[record.instance] = kept
    }
}
