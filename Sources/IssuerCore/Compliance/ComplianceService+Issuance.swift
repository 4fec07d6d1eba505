import CanonicalJSON
import Foundation

extension ComplianceService {
    /// Issues the worker's compliance certificate (template `compliance`) signing each required
    /// module with its completion and expiry dates; with `old`, the new one supersedes it (the
    /// old one's revocation bit is set, its page links to the new one). Email and webhook follow
    /// from the pipeline's finish.
    func issue(state: ComplianceState, configuration: TrainingConfiguration, superseding old: CredentialRecord?) async throws -> String {
        let signing = try await environment.activeSigningKey()
        let recorder = AuditRecorder(keyID: signing.record.id, key: signing.key, actor: actor, at: environment.now())
        let random = environment.random
        let newID = try await environment.store.write { transaction -> String in
            guard let program = try transaction.program(id: configuration.programID),
                let learner = try transaction.learner(id: state.learnerID),
                let issuer = try transaction.issuer()
            else { throw IssuerError(.inconsistentStore, "the program or worker of configuration \(configuration.id) is not stored") }
            let current = try transaction.currentCredential(learnerID: learner.id, programID: program.id)
            if let current, current.id != old?.id {
                // Another process issued or reissued a moment ago: theirs stands.
                return current.id
            }
            if var old = current {
                let context = ChangeContext(
                    transaction: transaction,
                    publisher: StatusListPublisher(
                        issuer: issuer, signingKeyID: signing.record.id, signingKey: signing.key, now: recorder.at))
                old.state = .superseded
                old.stateReason = "superseded: the required training changed"
                try context.markRevoked(old)
                try transaction.updateCredential(old)
            }
            let modules = state.modules.map {
                ModuleCompletion(id: $0.id, completedAt: $0.completedAt, expiresAt: $0.expiresAt, name: $0.name)
            }
            let event = CompletionEvent(
                source: "compliance", eventID: "\(configuration.id)/\(learner.id)/\(random.identifier(length: 12))", programID: program.id,
                learner: LearnerDetails(
                    externalID: learner.externalID, email: learner.email, legalName: learner.legalName, preferredName: learner.preferredName
                ),
                completedAt: state.modules.compactMap(\.completedAt).max() ?? recorder.at, modules: modules)
            let completion = CompletionRecord(
                id: "cmp-" + random.identifier(length: 12), event: event, learnerID: learner.id, receivedAt: recorder.at, state: .issued,
                reasons: [])
            try transaction.insertCompletion(completion)
            try recorder.record(
                "compliance.satisfied", subject: completion.id,
                data: [
                    "configuration": .string(configuration.id), "learner": .string(learner.id), "program": .string(program.id),
                    "modules": .array(modules.map { .string($0.id) }),
                ], in: transaction)
            let id = try IssuancePipeline.reserveCredential(
                completion: completion, program: program, learnerID: learner.id, validUntil: nil, supersedes: old?.id, random: random,
                now: recorder.at, recorder: recorder, in: transaction)
            if var superseded = try old.flatMap({ try transaction.credential(id: $0.id) }) {
                superseded.supersededBy = id
                try transaction.updateCredential(superseded)
                try recorder.record("credential.superseded", subject: superseded.id, data: ["by": .string(id)], in: transaction)
            }
            return id
        }
        try await IssuancePipeline(environment: environment, actor: actor).finish(credentialID: newID)
        return newID
    }
}
