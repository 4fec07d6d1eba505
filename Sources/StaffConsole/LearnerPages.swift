import Foundation
import IssuerCore

/// The markup of the Learners pages: values in, ``ConsolePage`` out, every interpolated string escaped.
enum LearnerPages {
    /// What staff can do to one credential.
    enum CredentialAction: String, CaseIterable {
        case resend, correctName = "correct-name", revoke, suspend, reinstate

        /// The link and button words.
        var label: String {
            switch self {
            case .resend: "Send the certificate again"
            case .correctName: "Correct the name"
            case .revoke: "Revoke"
            case .suspend: "Suspend"
            case .reinstate: "Reinstate"
            }
        }

        /// The states it applies to.
        var states: Set<CredentialState> {
            switch self {
            case .resend: [.active]
            case .correctName, .revoke: [.active, .suspended]
            case .suspend: [.active]
            case .reinstate: [.suspended]
            }
        }

        /// Whether the form asks why (everything but sending again).
        var asksForReason: Bool { self != .resend }

        /// The result page's heading.
        var doneHeading: String {
            switch self {
            case .resend: "Certificate sent again"
            case .correctName: "Name corrected"
            case .revoke: "Certificate revoked"
            case .suspend: "Certificate suspended"
            case .reinstate: "Certificate reinstated"
            }
        }
    }

    // MARK: Search

    static func searchPage(text: String, learners: [Learner], page: Int, hasNext: Bool) -> ConsolePage {
        let rows: [HTML] = learners.map { learner in
            """
            <tr><th scope="row" data-label="Name"><a href="/console/learners/\(learner.id)">\(learner.certificateName)</a></th>\
            <td data-label="Email">\(learner.email)</td><td data-label="LMS id" class="monospace">\(learner.externalID)</td></tr>
            """
        }
        let searched = !LearnerSearchText(text).isEmpty
        let results: HTML =
            rows.isEmpty
            ? (searched
                ? "<p>No learner matches “\(text)”. Try part of a name, an email address or an LMS id.</p>"
                : "<p>There are no learners yet.</p>")
            : """
            <table class="responsive"><caption>\(searched ? HTML("Learners matching “\(text)”") : "All learners, by name")</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">LMS id</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            \(ReviewFormat.pagination(path: "/console/learners", query: searched ? [("q", text)] : [], page: page, hasNext: hasNext))
            """
        return ConsolePage(
            title: "Learners", section: .learners,
            body: """
                <h1>Learners</h1>
                <form method="get" action="/console/learners" class="filters" role="search">
                <div class="field"><label for="q">Name, email or LMS id</label>
                <input type="search" id="q" name="q" value="\(text)" maxlength="200" autocomplete="off"></div>
                <div class="field"><button type="submit" class="button--secondary">Search</button></div>
                </form>
                \(results)
                """)
    }

    // MARK: One learner

    static func learnerPage(_ profile: LearnerProfile, training: WorkerTrainingDocument, session: StaffSession) -> ConsolePage {
        let learner = profile.learner
        let canChange = session.may(.changeCredentials)
        let rows: [HTML] = profile.entries.reversed().map { entry in
            let credential = entry.credential
            let actions: [HTML] =
                canChange
                ? CredentialAction.allCases.filter { $0.states.contains(credential.state) }.map { action in
                    "<li><a href=\"/console/learners/\(learner.id)/credentials/\(credential.id)/\(action.rawValue)\">\(action.label)<span class=\"visually-hidden\"> (\(credential.id))</span></a></li>"
                } : []
            return """
                <tr><th scope="row" data-label="Certificate"><a class="monospace" href="/c/\(credential.id)">\(credential.id)</a></th>\
                <td data-label="State">\(ReviewFormat.tag(credential.state))\(credential.stateReason.map { HTML("<br>\($0)") } ?? .empty)</td>\
                <td data-label="Program">\(entry.programTitle)</td>\
                <td data-label="Dates">Issued \(ReviewFormat.day(credential.issuedAt))\(credential.validUntil.map { HTML("<br>Valid until \(ReviewFormat.day($0))") } ?? .empty)</td>\
                <td data-label="Delivery">\(delivery(entry.latestEmail))</td>\
                <td data-label="Claimed">\(credential.claimedAt.map { "Claimed \(ReviewFormat.day($0))" } ?? "Not yet")</td>\
                <td data-label="Actions">\(actions.isEmpty ? HTML("—") : HTML("<ul class=\"action-list\">\(actions)</ul>"))</td></tr>
                """
        }
        let credentials: HTML =
            rows.isEmpty
            ? "<h2>Certificates</h2><p>\(learner.certificateName) holds no certificates yet.</p>"
            : """
            <h2>Certificates</h2>
            <table class="responsive"><caption class="visually-hidden">Certificates, newest first</caption>
            <thead><tr><th scope="col">Certificate</th><th scope="col">State</th><th scope="col">Program</th><th scope="col">Dates</th>\
            <th scope="col">Delivery</th><th scope="col">Claimed</th><th scope="col">Actions</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return ConsolePage(
            title: learner.certificateName, section: .learners,
            body: """
                <span class="caption">Learner</span>
                <h1>\(learner.certificateName)</h1>
                <dl class="summary">
                <dt>Email address</dt><dd>\(learner.email)\(canChange ? HTML(" <a href=\"/console/learners/\(learner.id)/email\">Change<span class=\"visually-hidden\"> the email address</span></a>") : .empty)</dd>
                <dt>Legal name</dt><dd>\(learner.legalName)</dd>
                <dt>LMS id</dt><dd><span class="monospace">\(learner.externalID)</span> (\(learner.namespace.rawValue))</dd>
                <dt>Attest id</dt><dd class="monospace">\(learner.id)</dd>
                </dl>
                \(credentials)
                \(trainingSection(training, learnerID: learner.id, session: session))
                <p><a href="/console/learners">Back to learners</a></p>
                """)
    }

    static func delivery(_ email: OutboxMessage?) -> HTML {
        guard let email else { return "No email" }
        let to = email.recipient ?? "the learner"
        return switch email.state {
        case .sent: "Sent to \(to)"
        case .pending: "Waiting to be sent to \(to)"
        case .failed: "<strong class=\"tag tag--error\">Failed</strong> to \(to)\(email.lastError.map { HTML(": \($0)") } ?? .empty)"
        }
    }

    static func trainingSection(_ training: WorkerTrainingDocument, learnerID: String, session: StaffSession) -> HTML {
        guard !training.entries.isEmpty else { return .empty }
        let sections: [HTML] = training.entries.map { entry in
            let modules: [HTML] = entry.state.modules.map { module in
                let state: HTML =
                    switch module.state {
                    case .complete: "<strong class=\"tag tag--valid\">Complete</strong>"
                    case .expiring: "<strong class=\"tag tag--warning\">Expiring</strong>"
                    case .expired: "<strong class=\"tag tag--error\">Expired</strong>"
                    case .missing: "<strong class=\"tag tag--error\">Missing</strong>"
                    }
                return """
                    <tr><th scope="row" data-label="Module">\(module.name)</th><td data-label="State">\(state)</td>\
                    <td data-label="Completed">\(module.completedAt.map(ReviewFormat.day) ?? "—")</td>\
                    <td data-label="Expires">\(module.expiresAt.map(ReviewFormat.day) ?? "—")</td></tr>
                    """
            }
            let print: HTML =
                entry.credential != nil && session.may(.changeCredentials)
                ? """
                <form method="post" action="/console/learners/\(learnerID)/history">
                \(session.csrfField)<input type="hidden" name="configuration" value="\(entry.configuration.id)">
                <button type="submit" class="button--secondary">Generate the training history PDF<span class="visually-hidden"> for \(entry.configuration.group)</span></button>
                </form>
                """ : .empty
            return """
                <h3>\(entry.configuration.group) \(entry.state.isValid ? HTML("<strong class=\"tag tag--valid\">Valid</strong>") : HTML("<strong class=\"tag tag--error\">Not valid</strong>"))</h3>
                <table class="responsive"><caption class="visually-hidden">Modules of \(entry.configuration.group)</caption>
                <thead><tr><th scope="col">Module</th><th scope="col">State</th><th scope="col">Completed</th><th scope="col">Expires</th></tr></thead>
                <tbody>\(modules)</tbody></table>
                \(print)
                """
        }
        return "<h2>Training</h2>\(sections)"
    }

    // MARK: Actions

    static func actionPage(
        _ action: CredentialAction, profile: LearnerProfile, entry: LearnerProfile.Entry, session: StaffSession, form: ConsoleForm?,
        error: String?
    ) -> ConsolePage {
        let learner = profile.learner
        let id = entry.credential.id
        let name = learner.certificateName
        let (consequence, fields, button): (HTML, HTML, HTML) =
            switch action {
            case .resend:
                (
                    "The certificate email for <strong>\(entry.programTitle)</strong> (<span class=\"monospace\">\(id)</span>) will be sent again, with the PDF attached.",
                    textField(
                        "email", "Send to", hint: "Leave empty to send it to \(learner.email), or give another address.", type: "email",
                        form: form),
                    "<button type=\"submit\">Send the certificate again</button>"
                )
            case .correctName:
                (
                    "\(name)’s certificate <span class=\"monospace\">\(id)</span> for <strong>\(entry.programTitle)</strong> will be reissued with the name below: a new certificate with a new link is made and emailed to \(learner.email), and <span class=\"monospace\">\(id)</span> will say SUPERSEDED to anyone who scans it.",
                    textField(
                        "name", "Name on the certificate", hint: "Exactly as it should be printed.", type: "text", form: form, value: name)
                        + reasonField(form),
                    "<button type=\"submit\">Correct the name and reissue</button>"
                )
            case .revoke:
                (
                    "\(name)’s certificate <span class=\"monospace\">\(id)</span> for <strong>\(entry.programTitle)</strong> will say REVOKED to anyone who scans it. This cannot be undone.",
                    reasonField(form), "<button type=\"submit\" class=\"button--warning\">Revoke the certificate</button>"
                )
            case .suspend:
                (
                    "\(name)’s certificate <span class=\"monospace\">\(id)</span> for <strong>\(entry.programTitle)</strong> will say SUSPENDED to anyone who scans it, until it is reinstated.",
                    reasonField(form), "<button type=\"submit\" class=\"button--warning\">Suspend the certificate</button>"
                )
            case .reinstate:
                (
                    "\(name)’s certificate <span class=\"monospace\">\(id)</span> for <strong>\(entry.programTitle)</strong> will be valid again for anyone who scans it.",
                    reasonField(form), "<button type=\"submit\">Reinstate the certificate</button>"
                )
            }
        return formPage(
            title: "\(action.label): \(name)", error: error,
            errorField: action == .correctName && form?.trimmed("name") == nil ? "name" : action.asksForReason ? "reason" : "email",
            body: """
                <p>\(consequence)</p>
                <form method="post" action="/console/learners/\(learner.id)/credentials/\(id)/\(action.rawValue)">
                \(session.csrfField)
                \(fields)
                <div class="button-group">\(button)<a href="/console/learners/\(learner.id)">Cancel</a></div>
                </form>
                """)
    }

    static func emailPage(_ profile: LearnerProfile, session: StaffSession, form: ConsoleForm?, error: String?) -> ConsolePage {
        let learner = profile.learner
        return formPage(
            title: "Change the email address: \(learner.certificateName)", error: error,
            errorField: form?.trimmed("email") == nil ? "email" : "reason",
            body: """
                <p>Certificates for \(learner.certificateName) are sent to <strong>\(learner.email)</strong>. From now on they will go to the address below. Certificates already issued do not change.</p>
                <form method="post" action="/console/learners/\(learner.id)/email">
                \(session.csrfField)
                \(textField("email", "New email address", hint: "", type: "email", form: form))
                \(reasonField(form))
                <div class="button-group"><button type="submit">Change the email address</button><a href="/console/learners/\(learner.id)">Cancel</a></div>
                </form>
                """)
    }

    static func resultPage(learner: Learner, heading: String, text: String) -> ConsolePage {
        ConsolePage(
            title: heading, section: .learners,
            body: """
                <div class="notice notice--success" role="status"><h1>\(heading)</h1></div>
                <p>\(text)</p>
                <p><a href="/console/learners/\(learner.id)">Back to \(learner.certificateName)</a></p>
                """)
    }

    // MARK: Pieces

    static func formPage(title: String, error: String?, errorField: String, body: HTML) -> ConsolePage {
        let summary: HTML =
            error.map {
                """
                <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
                <h2 id="error-summary-title">There is a problem</h2><ul><li><a href="#\(errorField)">\($0)</a></li></ul></div>
                """
            } ?? .empty
        return ConsolePage(
            title: title, section: .learners, body: "\(summary)<span class=\"caption\">Learners</span><h1>\(title)</h1>\(body)",
            status: error == nil ? .ok : .badRequest)
    }

    static func textField(_ name: String, _ label: String, hint: String, type: String, form: ConsoleForm?, value: String? = nil) -> HTML {
        let hintMarkup: HTML = hint.isEmpty ? .empty : "<p class=\"hint\" id=\"\(name)-hint\">\(hint)</p>"
        let described: HTML = hint.isEmpty ? .empty : " aria-describedby=\"\(name)-hint\""
        return """
            <div class="field"><label for="\(name)">\(label)</label>\(hintMarkup)\
            <input type="\(type)" id="\(name)" name="\(name)" value="\(form?[name] ?? value ?? "")"\(described) maxlength="300" spellcheck="false"></div>
            """
    }

    static func reasonField(_ form: ConsoleForm?) -> HTML {
        """
        <div class="field"><label for="reason">Reason</label>
        <p class="hint" id="reason-hint">Required. It is kept in the audit trail with your name.</p>
        <textarea id="reason" name="reason" aria-describedby="reason-hint" maxlength="1000">\(form?["reason"] ?? "")</textarea></div>
        """
    }
}
