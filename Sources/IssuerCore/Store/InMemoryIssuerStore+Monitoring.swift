import Foundation

// The dashboard's counts over the in-memory state, by the same definitions as the SQL of
// `SQLiteTransaction+Monitoring.swift` (see ``MonitoringReading``).
extension InMemoryTransaction: MonitoringReading {
    func monitoringCounts(from start: Date, to end: Date, unfinishedBefore: Date) -> MonitoringCounts {
        var counts = MonitoringCounts()
        for completion in state.completions.values {
            if completion.state == .held { counts.completionsHeldNow += 1 }
            guard completion.receivedAt >= start, completion.receivedAt < end else { continue }
            counts.completionsDecided += 1
            if completion.state == .held || completion.reviewedAt != nil { counts.completionsEscalated += 1 }
            if state.programs[completion.event.programID] == nil { counts.completionsWithoutProgram += 1 }
        }
        for credential in state.credentials.values where credential.issuedAt >= start && credential.issuedAt < end {
            counts.credentialsReserved += 1
            if credential.state == .pending, credential.issuedAt < unfinishedBefore { counts.credentialsUnfinished += 1 }
            if credential.state != .pending, credential.supersedes == nil {
                counts.credentialsIssued += 1
                if credential.claimedAt != nil || state.engagement.contains(where: { $0.credentialID == credential.id && $0.kind == .shared }) {
                    counts.credentialsClaimed += 1
                }
            }
        }
        for message in state.outbox.values where message.createdAt >= start && message.createdAt < end {
            counts.deliveriesQueued += 1
            if message.state == .failed { counts.deliveriesFailed += 1 }
        }
        return counts
    }

    func timeToCredentialCount(from start: Date, to end: Date) -> Int {
        timesToCredential(from: start, to: end).count
    }

    func timesToCredential(from start: Date, to end: Date, ranks: Set<Int>) -> [Int: Double] {
        let times = timesToCredential(from: start, to: end).sorted()
        var found: [Int: Double] = [:]
        for rank in ranks where rank >= 1 && rank <= times.count { found[rank] = times[rank - 1] }
        return found
    }

    func timeToCredentialHistogram(from start: Date, to end: Date, bounds: [Double]) -> [Int] {
        var buckets = [Int](repeating: 0, count: bounds.count + 1)
        for time in timesToCredential(from: start, to: end) {
            buckets[bounds.firstIndex { time < $0 } ?? bounds.count] += 1
        }
        return buckets
    }

    func credentialsIssuedPerDay(from start: Date, to end: Date) -> [DayCount] {
        var perDay: [String: Int] = [:]
        for credential in firstVersionsIssued(from: start, to: end) {
            perDay[Self.utcDay(credential.issuedAt), default: 0] += 1
        }
        return perDay.keys.sorted().map { DayCount(day: $0, count: perDay[$0]!) }
    }

    private func firstVersionsIssued(from start: Date, to end: Date) -> [CredentialRecord] {
        state.credentials.values.filter {
            $0.state != .pending && $0.supersedes == nil && $0.issuedAt >= start && $0.issuedAt < end
        }
    }

    /// Seconds from each completion to its credential's issue, in whole milliseconds.
    private func timesToCredential(from start: Date, to end: Date) -> [Double] {
        firstVersionsIssued(from: start, to: end).compactMap { credential in
            state.completions[credential.completionID].map {
                (credential.issuedAt.timeIntervalSince($0.event.completedAt) * 1000).rounded() / 1000
            }
        }
    }

    private static func utcDay(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
