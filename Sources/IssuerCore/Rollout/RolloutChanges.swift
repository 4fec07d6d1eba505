import CanonicalJSON
import Foundation

/// Setting a program's rollout mode and working the post-issuance check list, audited under the
/// person who does it (issue 19 point 1).
public struct RolloutChanges: Sendable {
    /// The issuer the changes are made to.
    public let environment: IssuerEnvironment
    /// Who acts, as the audit trail names them (`cli`, `api:NAME`, `staff:ID:EMAIL`).
    public let actor: String

    /// Changes made by `actor`.
    public init(environment: IssuerEnvironment, actor: String) {
        self.environment = environment
        self.actor = actor
    }

    /// What a mode change did.
    public struct ModeChange: Sendable {
        /// The setting before and after.
        public let previous: ProgramRollout
        /// The setting now.
        public let current: ProgramRollout
        /// The credentials issued from shadow decisions (`issueShadowed`), finished.
        public let issuedFromShadow: [String]
        /// Shadow decisions to issue that were not issued now (the rules now decide otherwise,
        /// the learner already holds one, or the event was taken since), with what happened.
        public let notIssuedFromShadow: [(shadowID: String, outcome: String)]
    }

    /// Sets the mode of `programID`; `samplePerMille` and `firstCount` keep their stored (or
    /// default) values when `nil`. Entering `assisted` starts the count of the first N again.
    /// `issueShadowed` (only when the new mode is not `shadow`) takes again, once each, every event
    /// the rules decided to issue in shadow mode; without it nothing is issued retroactively.
    public func setMode(
        programID: String, mode: RolloutMode, samplePerMille: Int? = nil, firstCount: Int? = nil, issueShadowed: Bool = false
    ) async throws -> ModeChange {
        if let samplePerMille, !(0...1000).contains(samplePerMille) {
            throw IssuerError(.invalidRequest, "the sample must be from 0% to 100%")
        }
        if let firstCount, !(1...ProgramRollout.maximumFirstCount).contains(firstCount) {
            throw IssuerError(
                .invalidRequest, "the number of first issuances to check must be from 1 to \(ProgramRollout.maximumFirstCount)")
        }
        if issueShadowed && mode == .shadow {
            throw IssuerError(.invalidRequest, "issuing the shadow decisions needs a mode other than shadow")
        }
        let recorder = try await environment.auditRecorder(actor: actor)
        let random = environment.random
        let actor = self.actor
        let change = try await environment.store.write { transaction -> ModeChange in
            guard try transaction.program(id: programID) != nil else {
                throw IssuerError(.unknownProgram, "there is no program \"\(programID)\"")
            }
            let previous = try transaction.programRollout(programID: programID) ?? .full(programID: programID)
            var current = previous
            current.mode = mode
            current.samplePerMille = samplePerMille ?? previous.samplePerMille
            current.firstCount = firstCount ?? previous.firstCount
            if mode == .assisted && previous.mode != .assisted { current.firstEntered = 0 }
            current.changedAt = recorder.at
            current.changedBy = actor
            try transaction.saveProgramRollout(current)
            try recorder.record(
                "program.rolloutChanged", subject: programID,
                data: [
                    "from": .string(previous.mode.rawValue), "to": .string(mode.rawValue), "sample": .string(current.sampleText),
                    "first": .number(Double(current.firstCount)), "issueShadowed": .bool(issueShadowed),
                ], in: transaction)
            var issued: [String] = []
            var notIssued: [(String, String)] = []
            if issueShadowed {
                for var shadow in try transaction.shadowDecisions(programID: programID)
                where shadow.decision == .issue && shadow.issuedCompletionID == nil {
                    let outcome = try IssuancePipeline.intake(
                        shadow.event, namespace: shadow.namespace, rules: CompletionRulesEngine(), random: random, recorder: recorder,
                        in: transaction)
                    shadow.issuedCompletionID = outcome.completionID
                    try transaction.saveShadowDecision(shadow)
                    if case .issued(_, let credentialID) = outcome {
                        issued.append(credentialID)
                    } else {
                        notIssued.append((shadow.id, Self.describe(outcome)))
                    }
                }
            }
            // The issuances above may have entered the check list (and counted towards the first N).
            let now = try transaction.programRollout(programID: programID) ?? current
            return ModeChange(previous: previous, current: now, issuedFromShadow: issued, notIssuedFromShadow: notIssued)
        }
        let pipeline = IssuancePipeline(environment: environment, actor: actor)
        for id in change.issuedFromShadow { try await pipeline.finish(credentialID: id) }
        return change
    }

    /// A staff member confirms a checked issuance.
    @discardableResult
    public func confirm(credentialID: String, note: String? = nil) async throws -> RolloutCheck {
        let recorder = try await environment.auditRecorder(actor: actor)
        let actor = self.actor
        return try await environment.store.write { transaction in
            var check = try Self.open(credentialID, in: transaction)
            check.state = .confirmed
            check.decidedBy = actor
            check.decidedAt = recorder.at
            check.note = note
            try transaction.saveRolloutCheck(check)
            try recorder.record(
                "rollout.checkConfirmed", subject: credentialID, data: ["note": note.map(JSONValue.string) ?? .null], in: transaction)
            return check
        }
    }

    /// A staff member revokes a checked issuance; the reason is required and becomes the revocation's.
    @discardableResult
    public func revoke(credentialID: String, reason: String) async throws -> RolloutCheck {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw IssuerError(.invalidRequest, "revoking a checked issuance needs a reason")
        }
        _ = try await environment.store.read { try Self.open(credentialID, in: $0) }
        try await CredentialChanges(environment: environment, actor: actor).revoke(credentialID, reason: "post-issuance check: \(reason)")
        let recorder = try await environment.auditRecorder(actor: actor)
        let actor = self.actor
        return try await environment.store.write { transaction in
            var check = try Self.open(credentialID, in: transaction)
            check.state = .revoked
            check.decidedBy = actor
            check.decidedAt = recorder.at
            check.note = reason
            try transaction.saveRolloutCheck(check)
            try recorder.record("rollout.checkRevoked", subject: credentialID, data: ["reason": .string(reason)], in: transaction)
            return check
        }
    }

    private static func open(_ credentialID: String, in reading: any RolloutReading) throws -> RolloutCheck {
        guard let check = try reading.rolloutCheck(credentialID: credentialID) else {
            throw IssuerError(.notFound, "credential \(credentialID) is not on the check list")
        }
        guard check.state == .open else {
            throw IssuerError(.invalidState, "the check of \(credentialID) was \(check.state.rawValue) already")
        }
        return check
    }

    private static func describe(_ outcome: IntakeOutcome) -> String {
        switch outcome {
        case .issued: "issued"
        case .alreadyHeld(_, let id): "the learner already holds \(id)"
        case .duplicate(let id, let state): "the event was taken since, as \(id) (\(state.rawValue))"
        case .held(_, let reasons): "held for review: " + reasons.joined(separator: "; ")
        case .rejected(_, let reasons): "rejected: " + reasons.joined(separator: "; ")
        default: "not issued now: \(outcome)"
        }
    }
}
