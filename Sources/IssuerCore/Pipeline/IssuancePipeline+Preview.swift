import Foundation

extension IssuancePipeline {
    /// What intake would decide, without storing anything (`import --dry-run`). Throws what intake
    /// would throw for an invalid event or an unknown program.
    public func preview(_ event: CompletionEvent) async throws -> Decision {
        try CompletionValidation.validate(event)
        let now = environment.now()
        return try await environment.store.read { reading in
            if let existing = try reading.completion(source: event.source, eventID: event.eventID) {
                return .reject(reasons: ["duplicate of completion \(existing.id)"])
            }
            guard let program = try reading.program(id: event.programID) else {
                throw IssuerError(.unknownProgram, "there is no program \"\(event.programID)\"; add it with attest programs add")
            }
            let learner = try reading.learner(namespace: namespace, externalID: event.learner.externalID)
            let held =
                try learner.map { learner in
                    Set(
                        try reading.credentialSummaries(filter: CredentialFilter(learnerID: learner.id, states: [.active]))
                            .filter { $0.validUntil.map { $0 > now } ?? true }.map(\.programID))
                } ?? []
            return CompletionRulesEngine().decide(event, program: program, heldPrograms: held)
        }
    }
}
