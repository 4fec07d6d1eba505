import Foundation
import IssuerCore

/// The markup of a worker's training page (their live state in each group, their certificate,
/// the completions with who recorded or removed them) and of its forms.
enum TrainingWorkerPages {
    static func workerPage(
        _ document: WorkerTrainingDocument, session: StaffSession, form: ConsoleForm? = nil, problem: FieldProblem? = nil
    ) -> ConsolePage {
        let learner = document.learner
        let canChange = session.may(.changeCredentials)
        let groups: [HTML] = document.entries.map { entry in
            let rows: [HTML] = entry.state.modules.map { module in
                let remove: HTML =
                    canChange && module.completionID != nil
                    ? "<a href=\"\(TrainingPages.workerPath(learner.id))/completions/\(module.id)/remove\">Remove the completion<span class=\"visually-hidden\"> of \(module.name)</span></a>"
                    : "—"
                return """
                    <tr><th scope="row" data-label="Module">\(module.name)</th><td data-label="State">\(TrainingPages.moduleTag(module.state))</td>\
                    <td data-label="Completed">\(module.completedAt.map(ReviewFormat.day) ?? "—")</td>\
                    <td data-label="Expires">\(module.expiresAt.map { (module.state == .expired ? "Expired " : "") + ReviewFormat.day($0) } ?? "Does not expire")</td>\
                    <td data-label="Action">\(remove)</td></tr>
                    """
            }
            let certificate: HTML =
                entry.credential.map {
                    "<p>Certificate <a class=\"monospace\" href=\"/c/\($0.id)\">\($0.id)</a> \(ReviewFormat.tag($0.state))</p>"
                }
                ?? (entry.configuration.issuesCertificates
                    ? "<p>No certificate yet: it is issued once every required module is complete.</p>" : .empty)
            let history: HTML =
                entry.credential != nil && canChange
                ? """
                <form method="post" action="\(TrainingPages.workerPath(learner.id))/history">
                \(session.csrfField)<input type="hidden" name="configuration" value="\(entry.configuration.id)">
                <button type="submit" class="button--secondary">Download the training history PDF<span class="visually-hidden"> for \(entry.configuration.group)</span></button>
                </form>
                """ : .empty
            return """
                <h2><a href="\(TrainingPages.groupPath(entry.configuration.id))">\(entry.configuration.group)</a> \(TrainingPages.validTag(entry.state))</h2>
                \(certificate)
                \(assignmentList(document, entry: entry, canChange: canChange))
                \(rows.isEmpty ? HTML("<p>No module of this group is required of \(learner.certificateName).</p>") : HTML("""
                <table class="responsive"><caption class="visually-hidden">Modules of \(entry.configuration.group) for \(learner.certificateName)</caption>
                <thead><tr><th scope="col">Module</th><th scope="col">State</th><th scope="col">Completed</th><th scope="col">Expires</th><th scope="col">Action</th></tr></thead>
                <tbody>\(rows)</tbody></table>
                """))
                \(history)
                """
        }
        return ConsolePage(
            title: learner.certificateName, section: .training,
            body: """
                \(TrainingPages.errorSummary(problem))<span class="caption">Worker</span>
                <h1>\(learner.certificateName)</h1>
                <dl class="summary">
                <dt>Email address</dt><dd>\(learner.email)</dd>
                <dt>Worker id</dt><dd class="monospace">\(learner.externalID)</dd>
                <dt>State at</dt><dd>\(ReviewFormat.date(document.evaluatedAt))</dd>
                </dl>
                <p><a href="/console/learners/\(learner.id)">All certificates of \(learner.certificateName)</a></p>
                \(groups.isEmpty ? HTML("<p>\(learner.certificateName) is in no training group. Assign them from a group’s page.</p>") : HTML.joined(groups))
                \(canChange && !document.entries.isEmpty ? completionForm(document, session: session, form: form, problem: problem) : .empty)
                \(completionHistory(document))
                <p><a href="/console/training">Back to training</a></p>
                """, status: problem == nil ? .ok : .badRequest)
    }

    /// What the worker is assigned in the entry's configuration (the group, single modules), each with its withdraw link.
    static func assignmentList(_ document: WorkerTrainingDocument, entry: WorkerTrainingDocument.Entry, canChange: Bool) -> HTML {
        let configuration = entry.configuration
        let active = document.assignments.filter { $0.isActive && $0.configurationID == configuration.id }
        let items: [HTML] = active.map { assignment in
            let what = assignment.moduleID.map { "The module \(configuration.module($0)?.name ?? $0)" } ?? "Member of the group"
            let path = withdrawPath(document.learner.id, configuration: configuration.id, module: assignment.moduleID)
            let link: HTML =
                canChange ? " <a href=\"\(path)\">Withdraw<span class=\"visually-hidden\"> \(what.lowercased())</span></a>" : .empty
            return "<li>\(what), since \(ReviewFormat.day(assignment.assignedAt))\(link)</li>"
        }
        return items.isEmpty ? .empty : "<ul class=\"assignments\">\(items)</ul>"
    }

    static func withdrawPath(_ learnerID: String, configuration: String, module: String?) -> String {
        "\(TrainingPages.workerPath(learnerID))/withdraw/\(configuration)" + (module.map { "/\($0)" } ?? "")
    }

    /// The confirmation of withdrawing an assignment: what stops being required, and what happens to the certificate.
    static func withdrawPage(
        _ document: WorkerTrainingDocument, entry: WorkerTrainingDocument.Entry, module: TrainingModule?, session: StaffSession
    ) -> ConsolePage {
        let learner = document.learner
        let what = module.map { "the module \($0.name) of \(entry.configuration.group)" } ?? "the group \(entry.configuration.group)"
        let certificate: HTML =
            entry.credential != nil && entry.credential?.state == .active
            ? " If that leaves a required module missing, or no longer in the group, \(learner.certificateName)’s certificate <span class=\"monospace\">\(entry.credential!.id)</span> will say SUSPENDED to anyone who scans it."
            : .empty
        return TrainingPages.formPage(
            title: "Withdraw an assignment: \(learner.certificateName)", caption: "Training", problem: nil,
            body: """
                <p>\(learner.certificateName) will no longer be assigned \(what). Completions stay in the history.\(certificate)</p>
                <form method="post" action="\(withdrawPath(learner.id, configuration: entry.configuration.id, module: module?.id))">
                \(session.csrfField)
                <div class="button-group"><button type="submit" class="button--warning">Withdraw the assignment</button>\
                <a href="\(TrainingPages.workerPath(learner.id))">Cancel</a></div>
                </form>
                """)
    }

    /// Every module of the worker's groups (each once), for the completion form.
    static func modules(_ document: WorkerTrainingDocument) -> [TrainingModule] {
        var seen: Set<String> = []
        return document.entries.flatMap(\.configuration.modules).filter { seen.insert($0.id).inserted }
    }

    static func completionForm(
        _ document: WorkerTrainingDocument, session: StaffSession, form: ConsoleForm?, problem: FieldProblem?
    ) -> HTML {
        let chosen = form?["module"] ?? ""
        let options: [HTML] = modules(document).map {
            "<option value=\"\($0.id)\"\(chosen == $0.id ? " selected" : "")>\($0.name)</option>"
        }
        let parts = ConsoleDates.utc.dateComponents([.year, .month, .day], from: document.evaluatedAt)
        let today = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        return """
            <h2>Record a completion</h2>
            <form method="post" action="\(TrainingPages.workerPath(document.learner.id))/completions">
            \(session.csrfField)
            <div class="field"><label for="module">Module</label><select id="module" name="module">\(options)</select></div>
            \(TrainingPages.field("completedOn", "Completed on", hint: "The day the worker completed it (UTC); its validity runs from that day.", type: "date", form: form, value: today, problem: problem))
            <div class="button-group"><button type="submit">Record the completion</button></div>
            </form>
            """
    }

    static func completionHistory(_ document: WorkerTrainingDocument) -> HTML {
        guard !document.completions.isEmpty else { return .empty }
        let names = Dictionary(modules(document).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let rows: [HTML] = document.completions.reversed().map { completion in
            let removed: HTML =
                completion.removedAt.map { at in
                    HTML(
                        "<strong class=\"tag tag--grey\">Removed</strong> \(ReviewFormat.day(at)) by \(completion.removedBy ?? "unknown"): \(completion.removalReason ?? "")"
                    )
                } ?? "<strong class=\"tag tag--valid\">Counts</strong>"
            return """
                <tr><th scope="row" data-label="Module">\(names[completion.moduleID] ?? completion.moduleID)</th>\
                <td data-label="Completed">\(ReviewFormat.day(completion.completedAt))</td>\
                <td data-label="Recorded">\(ReviewFormat.date(completion.recordedAt)) by \(completion.recordedBy)</td>\
                <td data-label="State">\(removed)</td></tr>
                """
        }
        return """
            <h2>Completion history</h2>
            <table class="responsive"><caption class="visually-hidden">Every completion recorded, newest first</caption>
            <thead><tr><th scope="col">Module</th><th scope="col">Completed</th><th scope="col">Recorded</th><th scope="col">State</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }

    /// The confirmation of removing a completion: what will happen, and the reason (required).
    static func removePage(
        _ document: WorkerTrainingDocument, module: ComplianceState.Module, session: StaffSession, form: ConsoleForm?, error: String?
    ) -> ConsolePage {
        let learner = document.learner
        let certificates = document.entries.filter { entry in entry.credential != nil && entry.state.modules.contains { $0.id == module.id }
        }
        let consequence: HTML =
            certificates.isEmpty
            ? ""
            : " While the module is required and missing, \(learner.certificateName)’s certificate for \(certificates.map(\.configuration.group).joined(separator: ", ")) will say SUSPENDED to anyone who scans it."
        let problem = error.map { FieldProblem(field: "reason", message: $0) }
        let completed = module.completedAt.map(ReviewFormat.day) ?? "—"
        return TrainingPages.formPage(
            title: "Remove a completion: \(learner.certificateName)", caption: "Training", problem: problem,
            body: """
                <p>The completion of <strong>\(module.name)</strong> on \(completed) will no longer count. It stays in the history with your name and reason.\(consequence)</p>
                <form method="post" action="\(TrainingPages.workerPath(learner.id))/completions/\(module.id)/remove">
                \(session.csrfField)
                <div class="field\(error == nil ? "" : " field--error")"><label for="reason">Reason</label>
                <p class="hint" id="reason-hint">Required. It is kept in the audit trail with your name.</p>\
                \(error.map { HTML("<p class=\"field-error\" id=\"reason-error\"><span class=\"visually-hidden\">Error:</span> \($0)</p>") } ?? .empty)
                <textarea id="reason" name="reason" aria-describedby="reason-hint\(error == nil ? "" : " reason-error")" maxlength="1000">\(form?["reason"] ?? "")</textarea></div>
                <div class="button-group"><button type="submit" class="button--warning">Remove the completion</button>\
                <a href="\(TrainingPages.workerPath(learner.id))">Cancel</a></div>
                </form>
                """)
    }
}
