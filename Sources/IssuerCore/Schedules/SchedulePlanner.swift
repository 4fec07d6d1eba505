import Foundation

/// Writes the ``ScheduledWork`` a credential's program asks for, in the transaction that issues or
/// claims it: follow-ups, expiry reminders and the expiry notice. Planning twice keeps one of each.
enum SchedulePlanner {
    /// At issuance: follow-ups counted from issuance, a reminder for each lead time still ahead of
    /// `now`, and the `credential.expired` notice at `validUntil`.
    static func planAfterIssuance(
        of record: CredentialRecord, program: Program, random: any RandomSource, now: Date, in transaction: any ScheduleWriting
    ) throws {
        // A reissue (a corrected name) is the same award: its follow-ups went with the first issuance.
        for followUp in program.followUps ?? [] where followUp.from == .issuance && record.supersedes == nil {
            try plan(
                .followUp, record, program, detail: followUp.event, dueAt: followUp.after.added(to: record.issuedAt), random, transaction)
        }
        guard let validUntil = record.validUntil else { return }
        try planExpiry(credentialID: record.id, validUntil: validUntil, program: program, random: random, now: now, in: transaction)
    }

    /// A reminder for each lead time still ahead of `now`, and the `credential.expired` notice at `validUntil`.
    static func planExpiry(
        credentialID: String, validUntil: Date, program: Program, random: any RandomSource, now: Date,
        in transaction: any ScheduleWriting
    ) throws {
        func plan(_ kind: ScheduledWorkKind, detail: String, dueAt: Date) throws {
            try transaction.planScheduledWork(
                ScheduledWork(
                    id: "sch-" + random.identifier(length: 12), kind: kind, subjectID: credentialID, programID: program.id,
                    detail: detail, dueAt: dueAt))
        }
        for days in ExpiryReminderPlan.leadDays(of: program) {
            let dueAt = validUntil.addingTimeInterval(-Double(days) * 86_400)
            // A lead time already past (a short validity) is skipped, not sent late all at once.
            if dueAt > now { try plan(.expiryReminder, detail: String(days), dueAt: dueAt) }
        }
        try plan(.expired, detail: "", dueAt: validUntil)
    }

    /// At the learner's first claim: follow-ups counted from the claim.
    static func planAfterClaim(
        of record: CredentialRecord, claimedAt: Date, random: any RandomSource, in transaction: any IssuerTransaction
    ) throws {
        guard let program = try transaction.program(id: record.programID) else { return }
        for followUp in program.followUps ?? [] where followUp.from == .claim {
            try plan(.followUp, record, program, detail: followUp.event, dueAt: followUp.after.added(to: claimedAt), random, transaction)
        }
    }

    private static func plan(
        _ kind: ScheduledWorkKind, _ record: CredentialRecord, _ program: Program, detail: String, dueAt: Date, _ random: any RandomSource,
        _ transaction: any ScheduleWriting
    ) throws {
        try transaction.planScheduledWork(
            ScheduledWork(
                id: "sch-" + random.identifier(length: 12), kind: kind, subjectID: record.id, programID: program.id, detail: detail,
                dueAt: dueAt))
    }
}
