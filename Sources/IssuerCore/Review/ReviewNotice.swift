import Foundation

/// The email that tells reviewers a completion is waiting for them: one outbox row per reviewer
/// (channel `email`, event ``OutboxEvent/completionHeldForReview``, the completion as subject),
/// written in the transaction that holds the completion, so the notice goes out exactly when the
/// hold is stored. Delivery composes it from the ``ReviewCase`` at send time, with a link to
/// `/console/review/{id}`.
public enum ReviewNotice {
    /// The path of a held completion's page in the staff console.
    public static func consolePath(completionID: String) -> String { "/console/review/\(completionID)" }

    /// Who is told: active staff whose role decides reviews and is `reviewer` or `admin`, each
    /// address once (lower-cased), in the order given.
    public static func recipients(among staff: [StaffMember]) -> [String] {
        var seen = Set<String>()
        return staff.filter { $0.isActive && [.reviewer, .admin].contains($0.role) }.map { $0.email.lowercased() }
            .filter { seen.insert($0).inserted }
    }

    /// Writes one notice row per address in `recipients` for completion `completionID`.
    static func queue(
        completionID: String, recipients: [String], random: any RandomSource, now: Date, in transaction: any IssuerTransaction
    ) throws {
        for address in recipients {
            try transaction.saveOutboxMessage(
                OutboxMessage(
                    id: "out-" + random.identifier(length: 12), channel: .email, event: .completionHeldForReview,
                    subjectID: completionID, recipient: address, createdAt: now))
        }
    }
}
