import Foundation
import IssuerCore

/// The markup of the Review pages: values in, ``ConsolePage`` out, every interpolated string escaped.
enum ReviewPages {
    /// What a reviewer decides.
    enum Decision: String, CaseIterable {
        case approve, reject
    }

    // MARK: The queue

    static func queuePage(_ queue: ReviewQueuePage, programs: [Program], programID: String?, age: ReviewAge) -> ConsolePage {
        let programOptions: [HTML] =
            ["<option value=\"\"\(programID == nil ? HTML(" selected") : .empty)>All programs</option>"]
            + programs.map { program in
                "<option value=\"\(program.id)\"\(program.id == programID ? HTML(" selected") : .empty)>\(program.achievement.name)</option>"
            }
        let ageOptions: [HTML] = ReviewAge.allCases.map { option in
            "<option value=\"\(option.rawValue)\"\(option == age ? HTML(" selected") : .empty)>\(option.label)</option>"
        }
        let rows: [HTML] = queue.entries.map { entry in
            let why = entry.completion.reasons.first.map(ReviewFormat.sentence) ?? ""
            return """
                <tr><th scope="row" data-label="Learner"><a href="/console/review/\(entry.completion.id)">\(entry.learnerName)</a></th>\
                <td data-label="Program">\(entry.programTitle)</td>\
                <td data-label="Held since">\(ReviewFormat.date(entry.completion.receivedAt))</td>\
                <td data-label="Why">\(why)\(entry.completion.reasons.count > 1 ? HTML(" (and \(entry.completion.reasons.count - 1) more)") : .empty)</td></tr>
                """
        }
        var query: [(String, String)] = []
        if let programID { query.append(("program", programID)) }
        if age != .any { query.append(("age", age.rawValue)) }
        let table: HTML =
            rows.isEmpty
            ? "<p>No completions are waiting for review\(programID != nil || age != .any ? HTML(" with these filters") : .empty).</p>"
            : """
            <table class="responsive"><caption>Held completions, oldest first (\(queue.total) in all)</caption>
            <thead><tr><th scope="col">Learner</th><th scope="col">Program</th><th scope="col">Held since</th><th scope="col">Why</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            \(ReviewFormat.pagination(path: "/console/review", query: query, page: queue.page, hasNext: queue.hasNextPage))
            """
        return ConsolePage(
            title: "Review", section: .review,
            body: """
                <h1>Review</h1>
                <p>Completions that met every rule but were held for a person to approve or reject. \
                Events that cannot be decided yet (invalid learner data, a program not set up) are under \
                <a href="/console/kept">Kept events</a>.</p>
                <form method="get" action="/console/review" class="filters">
                <div class="field"><label for="program">Program</label><select id="program" name="program">\(programOptions)</select></div>
                <div class="field"><label for="age">Waiting</label><select id="age" name="age">\(ageOptions)</select></div>
                <div class="field"><button type="submit" class="button--secondary">Filter</button></div>
                </form>
                \(table)
                """)
    }

    // MARK: One completion

    static func casePage(_ review: ReviewCase, session: StaffSession) -> ConsolePage {
        let completion = review.completion
        let title = "\(review.names.certificateName) — \(programTitle(review))"
        var actions: HTML = .empty
        if completion.state == .held, session.may(.decideReviews) {
            actions = """
                <h2>Decide</h2>
                <div class="button-group">
                <a class="button" href="/console/review/\(completion.id)/approve">Approve and issue the certificate</a>
                <a class="button button--warning" href="/console/review/\(completion.id)/reject">Reject</a>
                </div>
                """
        }
        var decided: HTML = .empty
        if completion.state != .held {
            decided = """
                <h2>Decision</h2>
                <dl class="summary">
                <dt>Decided by</dt><dd>\(completion.reviewedBy ?? "the rules")</dd>
                \(completion.reviewedAt.map { HTML("<dt>Decided on</dt><dd>\(ReviewFormat.date($0))</dd>") } ?? .empty)
                \(completion.reviewNote.map { HTML("<dt>Note</dt><dd>\($0)</dd>") } ?? .empty)
                </dl>
                """
        }
        return ConsolePage(
            title: title, section: .review,
            body: """
                <span class="caption">Review</span>
                <h1>\(title)</h1>
                <p>\(ReviewFormat.tag(completion.state))</p>
                \(findings(review))
                \(measures(review))
                \(modules(review))
                \(prerequisites(review))
                \(names(review))
                \(earlier(review))
                \(decided)
                \(actions)
                <p><a href="/console/review">Back to the review queue</a></p>
                """)
    }

    static func programTitle(_ review: ReviewCase) -> String {
        review.program?.achievement.name ?? review.completion.event.programID
    }

    static func findings(_ review: ReviewCase) -> HTML {
        let lines = review.findings.isEmpty ? review.completion.reasons.map(ReviewFormat.sentence) : review.findings.map(\.summary)
        guard !lines.isEmpty else { return .empty }
        let heading: HTML = review.completion.state == .held ? "Why it was held" : "Reasons recorded"
        return "<h2>\(heading)</h2><ul>\(lines.map { HTML("<li>\($0)</li>") })</ul>"
    }

    static func measures(_ review: ReviewCase) -> HTML {
        func measure(_ label: String, _ measure: ReviewCase.Measure, unit: String) -> HTML {
            guard measure.value != nil || measure.minimum != nil else { return .empty }
            let value = measure.value.map { ReviewFormat.number($0) + unit } ?? "Not reported"
            let minimum = measure.minimum.map { " (minimum \(ReviewFormat.number($0))\(unit))" } ?? ""
            let verdict: HTML = measure.meetsMinimum ? "" : " <strong class=\"tag tag--error\">Below the minimum</strong>"
            return "<dt>\(label)</dt><dd>\(value)\(minimum)\(verdict)</dd>"
        }
        let event = review.completion.event
        return """
            <h2>The completion</h2>
            <dl class="summary">
            <dt>Program</dt><dd>\(programTitle(review))</dd>
            \(measure("Score", review.score, unit: ""))
            \(measure("Time spent", review.minutes, unit: " min"))
            <dt>Completed on</dt><dd>\(ReviewFormat.date(event.completedAt))</dd>
            <dt>Received</dt><dd>\(ReviewFormat.date(review.completion.receivedAt)) from <span class="monospace">\(event.source)</span></dd>
            <dt>Email address</dt><dd>\(event.learner.email)</dd>
            <dt>LMS id</dt><dd class="monospace">\(event.learner.externalID)</dd>
            </dl>
            """
    }

    static func modules(_ review: ReviewCase) -> HTML {
        guard !review.modules.isEmpty else { return .empty }
        let required = review.modules.filter(\.isRequired)
        let done = required.filter { $0.completedAt != nil }.count
        let exempted = required.filter { $0.isExempt && $0.completedAt == nil }.count
        let rows: [HTML] = review.modules.map { module in
            let status: HTML =
                if let at = module.completedAt { "Done on \(ReviewFormat.day(at))" } else if module.isExempt {
                    "<strong class=\"tag tag--warning\">Exempted</strong>"
                } else { "<strong class=\"tag tag--error\">Not reported</strong>" }
            return """
                <tr><th scope="row" data-label="Module" class="monospace">\(module.id)</th>\
                <td data-label="Required">\(module.isRequired ? "Required" : "Not required")</td><td data-label="Status">\(status)</td></tr>
                """
        }
        return """
            <h2>Modules</h2>
            <p>\(done) of \(required.count) required modules done, \(exempted) exempted.</p>
            <table class="responsive"><caption class="visually-hidden">Modules</caption>
            <thead><tr><th scope="col">Module</th><th scope="col">Required</th><th scope="col">Status</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }

    static func prerequisites(_ review: ReviewCase) -> HTML {
        guard !review.prerequisites.isEmpty else { return "<h2>Prerequisites</h2><p>The program has no prerequisites.</p>" }
        let rows: [HTML] = review.prerequisites.map { prerequisite in
            let held: HTML =
                prerequisite.heldCredentialID.map {
                    "<strong class=\"tag tag--valid\">Held</strong> <a class=\"monospace\" href=\"/c/\($0)\">\($0)</a>"
                } ?? "<strong class=\"tag tag--error\">Not held</strong>"
            return
                "<tr><th scope=\"row\" data-label=\"Program\">\(prerequisite.title ?? prerequisite.programID)</th><td data-label=\"Valid certificate\">\(held)</td></tr>"
        }
        return """
            <h2>Prerequisites</h2>
            <table class="responsive"><caption class="visually-hidden">Prerequisites</caption>
            <thead><tr><th scope="col">Program</th><th scope="col">Valid certificate</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    static func names(_ review: ReviewCase) -> HTML {
        let names = review.names
        let verdict: HTML =
            switch names.namesMatch {
            case .some(true): " <strong class=\"tag tag--valid\">Same</strong>"
            case .some(false): " <strong class=\"tag tag--warning\">Different</strong>"
            case .none: ""
            }
        return """
            <h2>Names</h2>
            <dl class="summary">
            <dt>Name for the certificate</dt><dd>\(names.certificateName)\(verdict)</dd>
            <dt>Name in the LMS</dt><dd>\(names.profileName ?? "Not reported")</dd>
            <dt>Legal name</dt><dd>\(names.legalName)</dd>
            \(review.learner.map { HTML("<dt>Name on earlier certificates</dt><dd>\($0.certificateName)</dd>") } ?? .empty)
            </dl>
            """
    }

    static func earlier(_ review: ReviewCase) -> HTML {
        guard !review.earlierCredentials.isEmpty else {
            return "<h2>Earlier certificates</h2><p>The learner holds no other certificates.</p>"
        }
        let rows: [HTML] = review.earlierCredentials.map { credential in
            """
            <tr><th scope="row" data-label="Certificate"><a class="monospace" href="/c/\(credential.id)">\(credential.id)</a></th>\
            <td data-label="Program">\(review.programTitles[credential.programID] ?? credential.programID)</td>\
            <td data-label="State">\(ReviewFormat.tag(credential.state))</td><td data-label="Issued">\(ReviewFormat.day(credential.issuedAt))</td></tr>
            """
        }
        return """
            <h2>Earlier certificates</h2>
            <table class="responsive"><caption class="visually-hidden">Earlier certificates</caption>
            <thead><tr><th scope="col">Certificate</th><th scope="col">Program</th><th scope="col">State</th><th scope="col">Issued</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }

    // MARK: Confirmation and result

    static func confirmationPage(_ decision: Decision, _ review: ReviewCase, session: StaffSession, note: String?, error: String?)
        -> ConsolePage
    {
        let id = review.completion.id
        let name = review.names.certificateName
        let program = programTitle(review)
        let address = review.completion.event.learner.email
        let (title, consequence, button, hint): (String, HTML, HTML, HTML) =
            switch decision {
            case .approve:
                (
                    "Approve \(name)’s completion",
                    "A certificate for <strong>\(program)</strong> will be issued to <strong>\(name)</strong> and emailed to <strong>\(address)</strong>. Anyone who scans it will see it as valid.",
                    "<button type=\"submit\">Approve and issue the certificate</button>",
                    "Optional. It is kept in the audit trail with your name."
                )
            case .reject:
                (
                    "Reject \(name)’s completion",
                    "No certificate will be issued to <strong>\(name)</strong> for <strong>\(program)</strong>. The completion leaves the queue; a new completion from the LMS is decided afresh.",
                    "<button type=\"submit\" class=\"button--warning\">Reject the completion</button>",
                    "Required. Say why; it is kept in the audit trail with your name."
                )
            }
        let errorSummary: HTML =
            error.map {
                """
                <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
                <h2 id="error-summary-title">There is a problem</h2><ul><li><a href="#note">\($0)</a></li></ul></div>
                """
            } ?? .empty
        return ConsolePage(
            title: title, section: .review,
            body: """
                \(errorSummary)
                <span class="caption">Review</span>
                <h1>\(title)</h1>
                <p>\(consequence)</p>
                <form method="post" action="/console/review/\(id)/\(decision.rawValue)">
                \(session.csrfField)
                <div class="field\(error == nil ? HTML("") : HTML(" field--error"))">
                <label for="note">Note</label>
                <p class="hint" id="note-hint">\(hint)</p>
                \(error.map { HTML("<p class=\"field-error\" id=\"note-error\"><span class=\"visually-hidden\">Error:</span> \($0)</p>") } ?? .empty)
                <textarea id="note" name="note" aria-describedby="note-hint\(error == nil ? HTML("") : HTML(" note-error"))" maxlength="2000">\(note ?? "")</textarea>
                </div>
                <div class="button-group">\(button)<a href="/console/review/\(id)">Cancel</a></div>
                </form>
                """,
            status: error == nil ? .ok : .badRequest)
    }

    static func approvedPage(_ review: ReviewCase, credential: CredentialRecordSummary?, learner: Learner?, issuer: IssuerProfile)
        -> ConsolePage
    {
        let name = review.names.certificateName
        let outcome: HTML =
            credential.map { credential in
                """
                <p>Certificate <a class="monospace" href="/c/\(credential.id)">\(credential.id)</a> for <strong>\(programTitle(review))</strong> \
                is \(ReviewFormat.tag(credential.state)). Its email to <strong>\(learner?.email ?? review.completion.event.learner.email)</strong> is on its way.</p>
                """
            } ?? "<p>The completion was approved.</p>"
        return ConsolePage(
            title: "Approved", section: .review,
            body: """
                <div class="notice notice--success" role="status"><h1>Approved: \(name)</h1></div>
                \(outcome)
                <p><a href="/console/review">Back to the review queue</a></p>
                """)
    }

    static func rejectedPage(_ review: ReviewCase) -> ConsolePage {
        ConsolePage(
            title: "Rejected", section: .review,
            body: """
                <div class="notice notice--success" role="status"><h1>Rejected: \(review.names.certificateName)</h1></div>
                <p>No certificate was issued for <strong>\(programTitle(review))</strong>. Your note is kept in the audit trail.</p>
                <p><a href="/console/review">Back to the review queue</a></p>
                """)
    }
}
