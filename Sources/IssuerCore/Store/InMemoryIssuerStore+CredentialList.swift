import Foundation

// The console's credentials list over the in-memory state: the same filters, order and pages as
// the SQL of `SQLiteTransaction+CredentialList.swift`.
extension InMemoryTransaction: CredentialListReading {
    func credentialList(_ query: CredentialListQuery) -> [CredentialListRow] {
        var rows: [CredentialListRow] = []
        for (offset, id) in state.credentialOrder.enumerated().reversed() {
            let position = Int64(offset + 1)
            if let after = query.after, position >= after { continue }
            guard rows.count < query.limit else { break }
            guard let record = state.credentials[id] else { continue }
            let learner = state.learners[record.learnerID]
            guard query.matches(record, learner: learner) else { continue }
            rows.append(
                CredentialListRow(
                    position: position, id: record.id, learnerID: record.learnerID, learnerName: learner?.certificateName ?? "",
                    learnerEmail: learner?.email ?? "", programID: record.programID, state: record.state, issuedAt: record.issuedAt,
                    validUntil: record.validUntil, claimedAt: record.claimedAt, hasPDF: record.pdf != nil))
        }
        return rows
    }

    func credentialListCount(_ query: CredentialListQuery) -> Int {
        state.credentials.values.filter { query.matches($0, learner: state.learners[$0.learnerID]) }.count
    }
}
