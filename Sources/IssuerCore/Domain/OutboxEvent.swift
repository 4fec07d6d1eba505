/// What happened that an outbox message tells someone about; the raw value is the event's name in
/// webhooks and emails (`credential.issued`, …).
public enum OutboxEvent: String, Codable, Sendable, CaseIterable {
    /// A credential was issued (the learner's email, the webhook).
    case credentialIssued = "credential.issued"
    /// A credential was issued and the learner's supervisor is told (the supervisor's email).
    case credentialIssuedSupervisor = "credential.issued.supervisor"
    /// A credential was reissued (a new version superseding the old one).
    case credentialReissued = "credential.reissued"
    /// A credential was revoked.
    case credentialRevoked = "credential.revoked"
    /// A credential was suspended.
    case credentialSuspended = "credential.suspended"
    /// A suspended credential was reinstated.
    case credentialReinstated = "credential.reinstated"
    /// The learner opened their credential through the link only they were sent.
    case credentialClaimed = "credential.claimed"
    /// A completion waits for a reviewer.
    case completionHeldForReview = "completion.held_for_review"
    /// A completion was not issued because the learner lacks prerequisite programs: the learner's
    /// email naming them (email only; the row's subject is the completion).
    case completionPrerequisitesMissing = "completion.prerequisites_missing"
    /// A learner asked for a sign-in link to the learner portal.
    case learnerLink = "learner.link"
    /// A worker's compliance certificate stopped being valid.
    case complianceInvalid = "compliance.invalid"
    /// A worker's training is about to expire.
    case complianceReminder = "compliance.reminder"
    /// A member of staff asked for a sign-in link to the staff console (the token is made when the email is composed).
    case staffSignIn = "staff.sign_in"
    /// A learner's wallet was offered a credential (OpenID4VCI): the email with the transaction
    /// code (made when the email is composed; the row's subject is the offer's id).
    case walletTransactionCode = "wallet.transaction_code"
    /// A credential expires soon (``ScheduledWorkKind/expiryReminder``): the learner's reminder
    /// email with the program's renewal link, and the webhook. The row's subject is the scheduled work.
    case credentialExpiring = "credential.expiring"
    /// A credential has lapsed (its `validUntil` passed); webhook only. The subject is the scheduled work.
    case credentialExpired = "credential.expired"
    /// A program's follow-up, a set time after issuance or claim; webhook only. The subject is the scheduled work.
    case credentialFollowUp = "credential.follow_up"
    /// Someone other than the learner's own link opened the verification page, first that UTC day; webhook only.
    case credentialViewed = "credential.viewed"
    /// The PDF was downloaded, first that UTC day; webhook only.
    case credentialDownloaded = "credential.downloaded"
    /// The LinkedIn add-to-profile link (through `/c/{id}/share/linkedin`) was followed, first that UTC day; webhook only.
    case credentialShared = "credential.shared"
}
