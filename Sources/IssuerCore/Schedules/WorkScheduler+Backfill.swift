import Foundation

extension WorkScheduler {
    /// Plans the expiry reminders and the expiry notice of every active credential that expires
    /// and has no scheduled work yet: those issued before this version of Attest, or by a path
    /// that did not plan them. Run once when this instance starts ticking; planning is idempotent
    /// (unique on kind, credential and lead time), so two instances doing it at once is harmless.
    /// Follow-ups are not planned here: they belong to the moment of issuance or claim.
    /// Returns how many credentials were planned for.
    @discardableResult
    public func planMissingExpiries() async throws -> Int {
        let now = environment.now()
        let random = environment.random
        let candidates = try await environment.store.read { reading in
            try reading.credentialSummaries(filter: CredentialFilter(states: [.active]))
                .filter { $0.supersededBy == nil && ($0.validUntil.map { $0 > now } ?? false) }
                .filter { try reading.scheduledWork(subjectID: $0.id).isEmpty }
        }
        guard !candidates.isEmpty else { return 0 }
        return try await environment.store.write { transaction in
            var planned = 0
            var programs: [String: Program] = [:]
            for credential in candidates {
                guard let validUntil = credential.validUntil else { continue }
                if programs[credential.programID] == nil {
                    programs[credential.programID] = try transaction.program(id: credential.programID)
                }
                guard let program = programs[credential.programID] else { continue }
                try SchedulePlanner.planExpiry(
                    credentialID: credential.id, validUntil: validUntil, program: program, random: random, now: now, in: transaction)
                planned += 1
            }
            return planned
        }
    }
}
