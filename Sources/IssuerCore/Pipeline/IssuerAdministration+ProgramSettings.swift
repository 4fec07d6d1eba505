import CanonicalJSON
import Foundation

/// Enabling and disabling programs (issue 18 point 1, issue 19 point 3): operational state that
/// makes no new program version. A disabled program keeps its new completions undecided; enabling
/// it decides them, once each.
extension IssuerAdministration {
    /// Enables or disables program `id`, audited as `program.enabled` / `program.disabled` (nothing
    /// is recorded when it is already so). Enabling decides the events kept while it was disabled
    /// and finishes the credentials they issue; their outcomes are returned.
    /// - Throws: ``IssuerError`` `notFound` when there is no such program.
    @discardableResult
    public func setProgramEnabled(_ id: String, _ enabled: Bool) async throws -> (settings: ProgramSettings, released: [IntakeOutcome]) {
        let recorder = try await environment.auditRecorder(actor: actor)
        let random = environment.random
        let result = try await environment.store.write { transaction -> (ProgramSettings, [IntakeOutcome]) in
            guard let program = try transaction.program(id: id) else { throw IssuerError(.notFound, "there is no program \(id)") }
            var settings =
                try transaction.programSettings(id: id) ?? ProgramSettings(programID: id, updatedAt: recorder.at, updatedBy: recorder.actor)
            if settings.enabled != enabled {
                settings.enabled = enabled
                settings.updatedAt = recorder.at
                settings.updatedBy = recorder.actor
                try transaction.saveProgramSettings(settings)
                try recorder.record(enabled ? "program.enabled" : "program.disabled", subject: id, data: [:], in: transaction)
            }
            guard enabled else { return (settings, []) }
            return (
                settings,
                try IssuancePipeline.releaseKeptEvents(
                    for: program, rules: CompletionRulesEngine(), random: random, recorder: recorder, in: transaction)
            )
        }
        await finishReleased(result.1)
        return (result.0, result.1)
    }

    /// Finishes the credentials released events issued. One that cannot be finished now stays
    /// pending and is finished with the others by ``IssuancePipeline/finishPending()``.
    func finishReleased(_ outcomes: [IntakeOutcome]) async {
        let pipeline = IssuancePipeline(environment: environment, actor: actor)
        for case .issued(_, let credentialID) in outcomes {
            _ = try? await pipeline.finish(credentialID: credentialID)
        }
    }

    /// A course is mapped by one program at most, so an event naming it has one meaning.
    static func refuseCourseConflicts(of program: Program, in reading: any ProgramReading) throws {
        let courses = Set(program.courses ?? [])
        guard !courses.isEmpty else { return }
        for other in try reading.programs() where other.id != program.id {
            if let shared = other.courses?.first(where: courses.contains) {
                throw IssuerError(
                    .invalidProgram, "course \(shared) is mapped by program \(other.id) already; a course maps to one program")
            }
        }
    }
}
