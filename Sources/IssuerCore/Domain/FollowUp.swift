import Foundation

/// A webhook a program sends once, a set time after one of its credentials was issued or claimed
/// (a testimonial request a week after issuance, a re-enrolment offer a month after the claim).
public struct FollowUp: Codable, Sendable, Hashable {
    /// How long after ``from`` it is sent, e.g. `P7D`.
    public var after: ISODuration
    /// What the time is counted from.
    public var from: FollowUpStart
    /// The program's name for it, sent as `data.followUp.event` of a `credential.follow_up` webhook,
    /// e.g. `testimonial.request`: lower-case letters, digits, `_` and `-`, parts joined by `.`.
    public var event: String

    /// A follow-up.
    public init(after: ISODuration, from: FollowUpStart, event: String) {
        self.after = after
        self.from = from
        self.event = event
    }
}

/// What a ``FollowUp``'s time is counted from.
public enum FollowUpStart: String, Codable, Sendable, CaseIterable {
    /// The credential's issuance.
    case issuance
    /// The learner's first opening of the credential through their own link.
    case claim
}

/// The expiry reminders of a program: lead times in days before `validUntil`.
public enum ExpiryReminderPlan {
    /// The lead times when a program names none: 90, 30 and 7 days.
    public static let defaultLeadDays = [90, 30, 7]

    /// The lead times `program` uses, longest first.
    public static func leadDays(of program: Program) -> [Int] {
        (program.expiryReminders ?? defaultLeadDays).sorted(by: >)
    }
}
