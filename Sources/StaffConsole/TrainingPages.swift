import Foundation
import IssuerCore

/// The markup of the Training pages: the configurations (groups) and one group with its modules,
/// certificate switch and workers. Values in, ``ConsolePage`` out, every interpolated string escaped.
enum TrainingPages: ShowsFieldProblems {
    /// One worker of a group, as the group's page lists them.
    struct Member: Sendable {
        var learner: Learner
        var state: ComplianceState
    }

    // MARK: The list

    static func listPage(_ configurations: [TrainingConfiguration], workerCounts: [String: Int], session: StaffSession) -> ConsolePage {
        let rows: [HTML] = configurations.map { configuration in
            let required = configuration.modules.filter(\.required).count
            return """
                <tr><th scope="row" data-label="Group"><a href="\(groupPath(configuration.id))">\(configuration.group)</a></th>\
                <td data-label="Modules">\(configuration.modules.count) (\(required) required)</td>\
                <td data-label="Reminder">\(configuration.reminderLeadTime.map(durationText) ?? "None")</td>\
                <td data-label="Certificates">\(certificateTag(configuration))</td>\
                <td data-label="Workers">\(workerCounts[configuration.id] ?? 0)</td></tr>
                """
        }
        let add: HTML =
            session.may(.administer) ? "<p><a class=\"button\" href=\"/console/training/new\">Add a training configuration</a></p>" : .empty
        let table: HTML =
            rows.isEmpty
            ? "<p>There are no training configurations yet. A configuration is a group of workers and the safety modules each of them must hold.</p>"
            : """
            <table class="responsive"><caption>Training configurations, by group</caption>
            <thead><tr><th scope="col">Group</th><th scope="col">Modules</th><th scope="col">Reminder before expiry</th>\
            <th scope="col">Certificates</th><th scope="col">Workers</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return ConsolePage(title: "Training", section: .training, body: "<h1>Training</h1>\(table)\(add)")
    }

    // MARK: One group

    static func groupPage(
        _ configuration: TrainingConfiguration, members: [Member], session: StaffSession, assignForm: ConsoleForm? = nil,
        problem: FieldProblem? = nil
    ) -> ConsolePage {
        let modules: [HTML] = configuration.modules.map { module in
            """
            <tr><th scope="row" data-label="Module">\(module.name)</th><td data-label="Id" class="monospace">\(module.id)</td>\
            <td data-label="Valid for">\(module.validity.map(durationText) ?? "Does not expire")</td>\
            <td data-label="Required">\(module.required ? "Required of every member" : "Optional: assigned one worker at a time")</td></tr>
            """
        }
        let edit: HTML =
            session.may(.administer)
            ? "<p><a href=\"\(groupPath(configuration.id))/edit\">Change the group, modules or reminder<span class=\"visually-hidden\"> of \(configuration.group)</span></a></p>"
            : .empty
        let switchLink: HTML =
            session.may(.administer)
            ? "<p><a class=\"button\(configuration.issuesCertificates ? " button--secondary" : "")\" href=\"\(groupPath(configuration.id))/certificates\">\(configuration.issuesCertificates ? "Stop issuing certificates" : "Enable certificates")</a></p>"
            : .empty
        let certificates: HTML =
            configuration.issuesCertificates
            ? "<p>\(certificateTag(configuration)) Every member who holds all required modules has a live certificate (program <span class=\"monospace\">\(configuration.programID)</span>). It says SUSPENDED when a module expires or goes missing, and is valid again once it is done.</p>"
            : "<p>\(certificateTag(configuration)) Workers’ training is tracked, but no certificate is issued.</p>"
        return ConsolePage(
            title: configuration.group, section: .training,
            body: """
                \(errorSummary(problem))<span class="caption">Training configuration</span>
                <h1>\(configuration.group)</h1>
                <dl class="summary">
                <dt>Id</dt><dd class="monospace">\(configuration.id)</dd>
                <dt>Reminder before expiry</dt><dd>\(configuration.reminderLeadTime.map(durationText) ?? "No reminder")</dd>
                </dl>
                <h2>Modules</h2>
                <table class="responsive"><caption class="visually-hidden">Modules of \(configuration.group)</caption>
                <thead><tr><th scope="col">Module</th><th scope="col">Id</th><th scope="col">Valid for</th><th scope="col">Required</th></tr></thead>
                <tbody>\(modules)</tbody></table>
                \(edit)
                <h2>Certificates</h2>
                \(certificates)
                \(switchLink)
                \(membersSection(configuration, members: members))
                \(session.may(.changeCredentials) ? assignSection(configuration, session: session, form: assignForm, problem: problem) : .empty)
                <p><a href="/console/training">Back to training</a></p>
                """, status: problem == nil ? .ok : .badRequest)
    }

    static func membersSection(_ configuration: TrainingConfiguration, members: [Member]) -> HTML {
        guard !members.isEmpty else { return "<h2>Workers</h2><p>No worker is assigned to this group or its modules yet.</p>" }
        let rows: [HTML] = members.map { member in
            let unmet = member.state.unmet.map { "\($0.name) (\($0.state.rawValue))" }
            return """
                <tr><th scope="row" data-label="Worker"><a href="\(workerPath(member.learner.id))">\(member.learner.certificateName)</a></th>\
                <td data-label="Id" class="monospace">\(member.learner.externalID)</td>\
                <td data-label="State">\(validTag(member.state))</td>\
                <td data-label="Still to do">\(unmet.isEmpty ? "Nothing" : unmet.joined(separator: ", "))</td></tr>
                """
        }
        return """
            <h2>Workers</h2>
            <table class="responsive"><caption class="visually-hidden">Workers of \(configuration.group)</caption>
            <thead><tr><th scope="col">Worker</th><th scope="col">Id</th><th scope="col">State</th><th scope="col">Still to do</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }

    static func assignSection(_ configuration: TrainingConfiguration, session: StaffSession, form: ConsoleForm?, problem: FieldProblem?)
        -> HTML
    {
        let chosen = form?["what"] ?? ""
        let options: [HTML] =
            ["<option value=\"\"\(chosen.isEmpty ? " selected" : "")>The whole group (every required module)</option>"]
            + configuration.modules.map { module in
                "<option value=\"\(module.id)\"\(chosen == module.id ? " selected" : "")>Only the module \(module.name)</option>"
            }
        return """
            <h2>Assign a worker</h2>
            <form method="post" action="\(groupPath(configuration.id))/assign">
            \(session.csrfField)
            \(field("worker", "Worker’s id", hint: "Their LMS or staff-system id (or Attest id). A worker not known yet is added with the name and email below.", form: form, problem: problem))
            \(field("name", "Name (new workers only)", hint: "", form: form, problem: problem))
            \(field("email", "Email address (new workers only)", hint: "", type: "email", form: form, problem: problem))
            <div class="field"><label for="what">What to assign</label>
            <select id="what" name="what">\(options)</select></div>
            <div class="button-group"><button type="submit">Assign</button></div>
            </form>
            """
    }

    // MARK: Pieces

    static func groupPath(_ id: String) -> String { "/console/training/groups/\(id)" }
    static func workerPath(_ id: String) -> String { "/console/training/workers/\(id)" }

    static func certificateTag(_ configuration: TrainingConfiguration) -> HTML {
        configuration.issuesCertificates
            ? "<strong class=\"tag tag--valid\">Certificates on</strong>" : "<strong class=\"tag tag--grey\">Certificates off</strong>"
    }

    static func validTag(_ state: ComplianceState) -> HTML {
        state.isValid ? "<strong class=\"tag tag--valid\">Valid</strong>" : "<strong class=\"tag tag--error\">Not valid</strong>"
    }

    /// A module's state as a tag with its word (upper-cased by the stylesheet: COMPLETE, EXPIRING, EXPIRED, MISSING).
    static func moduleTag(_ state: ComplianceState.ModuleState) -> HTML {
        switch state {
        case .complete: "<strong class=\"tag tag--valid\">Complete</strong>"
        case .expiring: "<strong class=\"tag tag--warning\">Expiring</strong>"
        case .expired: "<strong class=\"tag tag--error\">Expired</strong>"
        case .missing: "<strong class=\"tag tag--error\">Missing</strong>"
        }
    }

    /// "1 year", "6 months", "90 days" for `P1Y`, `P6M`, `P90D`; other durations as written.
    static func durationText(_ text: String) -> String {
        guard let duration = ISODuration(text) else { return text }
        let parts: [(Int, String)] = [
            (duration.years, "year"), (duration.months, "month"), (duration.weeks, "week"), (duration.days, "day"),
            (duration.hours, "hour"), (duration.minutes, "minute"), (duration.seconds, "second"),
        ]
        let words = parts.filter { $0.0 != 0 }.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
        return words.isEmpty ? text : words.joined(separator: ", ")
    }

    /// A text field with its label, hint and (when `problem` names it) its error beside it.
    static func field(
        _ name: String, _ label: String, hint: String, type: String = "text", form: ConsoleForm?, value: String? = nil,
        problem: FieldProblem?
    ) -> HTML {
        let error = problem?.field == name ? problem?.message : nil
        let describedBy = [hint.isEmpty ? nil : "\(name)-hint", error == nil ? nil : "\(name)-error"].compactMap { $0 }
        return """
            <div class="field\(error == nil ? "" : " field--error")"><label for="\(name)">\(label)</label>\
            \(hint.isEmpty ? HTML.empty : HTML("<p class=\"hint\" id=\"\(name)-hint\">\(hint)</p>"))\
            \(error.map { HTML("<p class=\"field-error\" id=\"\(name)-error\"><span class=\"visually-hidden\">Error:</span> \($0)</p>") } ?? .empty)\
            <input type="\(type)" id="\(name)" name="\(name)" value="\(form?[name] ?? value ?? "")"\
            \(describedBy.isEmpty ? HTML.empty : HTML(" aria-describedby=\"\(describedBy.joined(separator: " "))\"")) maxlength="300" spellcheck="false"></div>
            """
    }

    /// A page of the Training section, headed `title` under the caption, with the error summary.
    static func formPage(title: String, caption: String, problem: FieldProblem?, body: HTML) -> ConsolePage {
        ConsolePage(
            title: title, section: .training,
            body: "\(errorSummary(problem))<span class=\"caption\">\(caption)</span><h1>\(title)</h1>\(body)",
            status: problem == nil ? .ok : .badRequest)
    }

    /// A result page after a change: the heading in a success notice, what happened, and links on.
    static func resultPage(heading: String, lines: [String], links: [(String, String)]) -> ConsolePage {
        let paragraphs: [HTML] = lines.map { "<p>\($0)</p>" }
        let anchors: [HTML] = links.map { "<li><a href=\"\($0.0)\">\($0.1)</a></li>" }
        return ConsolePage(
            title: heading, section: .training,
            body: """
                <div class="notice notice--success" role="status"><h1>\(heading)</h1></div>
                \(paragraphs)
                <ul class="action-list">\(anchors)</ul>
                """)
    }

    /// What an evaluation did, in words ("Certificate 7Q4XK2M9 was issued for Site electricians and is emailed to the worker.").
    static func outcomeSentences(_ outcomes: [ComplianceOutcome], groups: [String: String]) -> [String] {
        outcomes.map { outcome in
            let group = groups[outcome.state.configurationID] ?? outcome.state.configurationID
            let standing = outcome.state.isValid ? "VALID" : "NOT VALID"
            switch outcome.action {
            case .none: return "\(group): \(standing); the certificate is unchanged."
            case .issued(let id): return "\(group): \(standing). Certificate \(id) was issued and is emailed to the worker."
            case .suspended(let id): return "\(group): \(standing). Certificate \(id) now says SUSPENDED to anyone who scans it."
            case .reinstated(let id): return "\(group): \(standing). Certificate \(id) is valid again."
            case .reissued(let old, let new):
                return "\(group): \(standing). Certificate \(new) replaces \(old), because the required modules changed."
            }
        }
    }
}
