import Foundation

extension IssuancePipeline {
    /// For a program with an ``Program/issuanceDelay``: plans the issuance at completion time plus
    /// the delay and returns that time; `nil` (issue at once) without a delay or when it has passed.
    static func scheduleDelayedIssuance(
        _ completion: CompletionRecord, program: Program, random: any RandomSource, now: Date, in transaction: any IssuerTransaction
    ) throws -> Date? {
        guard let delay = program.issuanceDelay else { return nil }
        let dueAt = delay.added(to: completion.event.completedAt)
        guard dueAt > now else { return nil }
        try transaction.planScheduledWork(
            ScheduledWork(
                id: "sch-" + random.identifier(length: 12), kind: .issuance, subjectID: completion.id, programID: program.id,
                dueAt: dueAt))
        return dueAt
    }
}
