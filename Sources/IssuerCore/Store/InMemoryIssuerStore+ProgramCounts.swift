import Foundation

extension InMemoryTransaction: ProgramCountsReading {
    func programCounts() -> [String: ProgramCounts] {
        var counts: [String: ProgramCounts] = [:]
        for credential in state.credentials.values {
            var figures = counts[credential.programID] ?? .none
            if credential.state != .superseded { figures.issued += 1 }
            figures.lastIssuedAt = max(figures.lastIssuedAt ?? credential.issuedAt, credential.issuedAt)
            counts[credential.programID] = figures
        }
        for completion in state.completions.values where completion.state != .issued {
            var figures = counts[completion.event.programID] ?? .none
            if completion.state == .held { figures.held += 1 } else { figures.rejected += 1 }
            counts[completion.event.programID] = figures
        }
        return counts
    }
}
