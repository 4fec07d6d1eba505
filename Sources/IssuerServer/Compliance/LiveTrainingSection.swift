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
}

/// The records a live section is made from, read in the same snapshot as the credential.
struct TrainingRecords: Sendable {
    var configuration: TrainingConfiguration
    var assignments: [TrainingAssignment]
    var completions: [TrainingCompletion]

    /// The records for `record`'s live section, `nil` when it has none (not issued under a training
    /// configuration, or revoked or superseded: those verdicts are final and stand alone).
    init?(for record: CredentialRecord, in reading: any IssuerReading) throws {
        guard record.state == .active || record.state == .suspended,
            let configuration = try reading.trainingConfigurations().first(where: {
                $0.issuesCertificates && $0.programID == record.programID
            })
        else { return nil }
        self.configuration = configuration
        assignments = try reading.trainingAssignments(learnerID: record.learnerID)
        completions = try reading.trainingCompletions(learnerID: record.learnerID)
    }
}

extension IssuerServer {
    /// The live section of a credential issued under a training configuration, from its records
    /// (`nil`, and so no section, for any other credential).
    func liveTraining(for record: CredentialRecord, records: TrainingRecords?, now: Date) -> LiveTrainingSection? {
        guard let records else { return nil }
        let (configuration, assignments, completions) = (records.configuration, records.assignments, records.completions)
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
