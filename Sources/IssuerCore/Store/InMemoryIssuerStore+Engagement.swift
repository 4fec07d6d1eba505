import Foundation

extension InMemoryTransaction: EngagementWriting {
    func engagement(credentialID: String) -> [EngagementRecord] {
        state.engagement.filter { $0.credentialID == credentialID }.sorted { ($0.at, $0.kind.rawValue) < ($1.at, $1.kind.rawValue) }
    }

    func recordEngagement(_ record: EngagementRecord) -> Bool {
        guard !state.engagement.contains(where: { $0.credentialID == record.credentialID && $0.kind == record.kind && $0.day == record.day })
        else { return false }
        state.engagement.append(record)
        return true
    }
}
