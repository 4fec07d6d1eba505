import Foundation
import IssuerCore
import VerifiableCredentials

/// The live part of a compliance certificate's page: VALID or INVALID now, and every required
/// module with its dates, from the issuer's records at the moment of the request (the signed
/// credential shows only what held when it was issued).
struct LiveTrainingSection: Sendable {
    struct Row: Sendable {
        var name: String
        var status: String
        var completed: String
        var expires: String
        var held: Bool
    }

    var isValid: Bool
    /// Whether the section's VALID or INVALID replaces the page's banner: yes unless a person suspended the credential.
    var decidesVerdict: Bool
    var group: String
    var asOf: String
    var rows: [Row]

    /// The banner's words when the section decides the verdict.
    var banner: String { isValid ? "VALID" : "INVALID" }
    var explanation: String {
        isValid
            ? "Every safety training module this worker's group requires is complete and within its validity period."
            : "Required safety training is missing or expired. The worker is not cleared until it is done."
    }

    /// Values for the page template (`{{#training}}`).
    var templateValues: [String: Any] {
        [
            "valid": isValid, "banner": banner, "group": group, "asOf": asOf,
            "rows": rows.map { ["name": $0.name, "status": $0.status, "completed": $0.completed, "expires": $0.expires, "held": $0.held] },
        ]
    }
}

extension IssuerServer {
    /// The live section of a credential issued under a training configuration, `nil` for any other
    /// credential, and for one revoked or superseded (those verdicts are final and stand alone).
    func liveTraining(for record: CredentialRecord, now: Date) async throws -> LiveTrainingSection? {
        guard record.state == .active || record.state == .suspended else { return nil }
        let found = try await environment.store.read { reading -> (TrainingConfiguration, [TrainingAssignment], [TrainingCompletion])? in
            guard
                let configuration = try reading.trainingConfigurations().first(where: {
                    $0.issuesCertificates && $0.programID == record.programID
                })
            else { return nil }
            return (
                configuration, try reading.trainingAssignments(learnerID: record.learnerID),
                try reading.trainingCompletions(learnerID: record.learnerID)
            )
        }
        guard let (configuration, assignments, completions) = found else { return nil }
        let state = ComplianceState.evaluate(
            configuration: configuration, learnerID: record.learnerID, assignments: assignments, completions: completions, now: now)
        func day(_ date: Date?) -> String { date.map { Self.displayDate(DateTimeStamp.format($0)) } ?? "—" }
        let rows = state.modules.map { module in
            let status =
                switch module.state {
                case .complete: "Complete"
                case .expiring: "Complete — expires soon"
                case .expired: "EXPIRED"
                case .missing: "MISSING"
                }
            return LiveTrainingSection.Row(
                name: module.name, status: status, completed: day(module.completedAt), expires: day(module.expiresAt),
                held: module.state.isHeld)
        }
        // A person's own suspension (not the training's) keeps the page's SUSPENDED verdict: the section is then only shown.
        let valid = state.isValid && record.state == .active
        return LiveTrainingSection(
            isValid: valid,
            decidesVerdict: record.state == .active || (record.stateReason?.hasPrefix(ComplianceService.suspensionReasonPrefix) ?? false),
            group: configuration.group, asOf: Self.displayDate(DateTimeStamp.format(now)), rows: rows)
    }
}
