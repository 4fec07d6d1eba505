import Foundation

extension ProgramValidation {
    /// The longest ``Program/issuanceDelay``: a review period, not a second validity.
    public static let maximumIssuanceDelayDays = 366
    /// The longest ``FollowUp/after``.
    public static let maximumFollowUpDays = 3660
    /// At most this many follow-ups and this many expiry reminders per program.
    public static let maximumScheduledEntries = 10
    /// The longest expiry-reminder lead time, in days.
    public static let maximumReminderLeadDays = 3650

    /// The timing fields: a positive delay of at most a year, follow-ups with distinct valid event
    /// names, an absolute http(s) renewal link, distinct reminder lead times of 1–3650 days.
    static func validateTiming(_ program: Program) throws(IssuerError) {
        func invalid(_ detail: String) -> IssuerError { IssuerError(.invalidProgram, detail) }
        if let delay = program.issuanceDelay {
            let seconds = length(of: delay)
            guard seconds > 0 else { throw invalid("issuanceDelay \(delay) must be longer than zero") }
            guard seconds <= Double(maximumIssuanceDelayDays) * 86_400 else {
                throw invalid("issuanceDelay \(delay) is longer than \(maximumIssuanceDelayDays) days")
            }
        }
        let followUps = program.followUps ?? []
        guard followUps.count <= maximumScheduledEntries else {
            throw invalid("followUps has \(followUps.count) entries; at most \(maximumScheduledEntries)")
        }
        var events = Set<String>()
        for (index, followUp) in followUps.enumerated() {
            let seconds = length(of: followUp.after)
            guard seconds > 0, seconds <= Double(maximumFollowUpDays) * 86_400 else {
                throw invalid(
                    "followUps[\(index)].after \(followUp.after) must be longer than zero and at most \(maximumFollowUpDays) days")
            }
            guard isEventName(followUp.event) else {
                throw invalid(
                    "followUps[\(index)].event \"\(followUp.event)\" must be 1–64 lower-case letters, digits, '_' or '-', parts joined by '.'"
                )
            }
            guard events.insert(followUp.event).inserted else { throw invalid("followUps: event \"\(followUp.event)\" is listed twice") }
        }
        if let link = program.renewalURL {
            guard let url = URL(string: link), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
                url.host?.isEmpty == false, !link.contains(where: \.isWhitespace)
            else { throw invalid("renewalURL \"\(link)\" must be an absolute http or https URL") }
        }
        if let leads = program.expiryReminders {
            guard (1...maximumScheduledEntries).contains(leads.count) else {
                throw invalid(
                    "expiryReminders has \(leads.count) entries; give 1–\(maximumScheduledEntries) (or leave it out for 90, 30 and 7)")
            }
            var seen = Set<Int>()
            for days in leads {
                guard (1...maximumReminderLeadDays).contains(days) else {
                    throw invalid("expiryReminders: \(days) days is outside 1–\(maximumReminderLeadDays)")
                }
                guard seen.insert(days).inserted else { throw invalid("expiryReminders: \(days) days is listed twice") }
            }
        }
    }

    /// Seconds from the Unix epoch to the duration after it (calendar parts on the UTC calendar).
    private static func length(of duration: ISODuration) -> Double {
        duration.added(to: Date(timeIntervalSince1970: 0)).timeIntervalSince1970
    }

    /// `a.b_c-d`: ASCII lower-case letters, digits, `_` and `-`, dot-separated non-empty parts, at most 64.
    static func isEventName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...64).contains(bytes.count) else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty
                && part.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F || $0 == 0x2D }
        }
    }
}
