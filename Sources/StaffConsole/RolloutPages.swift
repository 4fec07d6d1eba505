import Foundation
import IssuerCore

/// The markup of the Rollout pages (issue 19 point 1): each program's rollout mode with the form
/// that changes it, and the post-issuance check list with confirm and revoke.
enum RolloutPages {
    /// What a staff member does with a check.
    enum CheckDecision: String, CaseIterable {
        case confirm, revoke
    }

    /// One open check with the names a person reads.
    struct CheckRow: Sendable {
        let check: RolloutCheck
        let learnerName: String
        let programTitle: String
    }

    static func modeTag(_ mode: RolloutMode) -> HTML {
        switch mode {
        case .shadow: "<strong class=\"tag tag--grey\">Shadow</strong>"
        case .assisted: "<strong class=\"tag tag--held\">Assisted</strong>"
        case .monitored: "<strong class=\"tag tag--suspended\">Monitored</strong>"
        case .full: "<strong class=\"tag tag--valid\">Full</strong>"
        }
    }

    static func describe(_ rollout: ProgramRollout) -> String {
        switch rollout.mode {
        case .shadow: "Decided and recorded; nothing is issued."
        case .assisted: "The first \(rollout.firstCount) issuances are checked (\(rollout.firstEntered) so far)."
        case .monitored: "\(rollout.sampleText) of issuances, drawn at random, are checked."
        case .full: "Issued without checks."
        }
    }

    /// The Dashboard's line about the check list: nothing when it is empty.
    static func dashboardNotice(_ open: [RolloutCheck], now: Date) -> HTML {
        guard !open.isEmpty else { return .empty }
        let overdue = open.count { $0.isOverdue(at: now) }
        let waiting = open.count == 1 ? "1 issuance is waiting to be checked" : "\(open.count) issuances are waiting to be checked"
        let late: HTML = overdue == 0 ? "." : ", <strong class=\"tag tag--error\">\(overdue) overdue</strong>."
        return """
            <div class="notice" role="status" id="rollout-checks"><p>\(waiting)\(late) <a href="/console/rollout">Open the check list</a></p></div>
            """
    }

    static func page(
        programs: [Program], rollouts: [String: ProgramRollout], checks: [CheckRow], now: Date, session: StaffSession, changed: String?,
        error: String?
    ) -> ConsolePage {
        let rows: [HTML] = programs.map { program in
            let rollout = rollouts[program.id] ?? .full(programID: program.id)
            return """
                <tr><th scope="row" data-label="Program">\(program.achievement.name) <span class="monospace">\(program.id)</span></th>\
                <td data-label="Mode">\(modeTag(rollout.mode))</td><td data-label="What happens">\(describe(rollout))</td></tr>
                """
        }
        let modes: HTML =
            programs.isEmpty
            ? "<p>There are no programs yet.</p>"
            : """
            <table class="responsive"><caption>Rollout mode of each program</caption>
            <thead><tr><th scope="col">Program</th><th scope="col">Mode</th><th scope="col">What happens</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        var form: HTML = .empty
        if session.may(.administer), !programs.isEmpty {
            let programOptions: [HTML] = programs.map { "<option value=\"\($0.id)\">\($0.achievement.name)</option>" }
            let modeOptions: [HTML] = RolloutMode.allCases.map { "<option value=\"\($0.rawValue)\">\($0.rawValue.capitalized)</option>" }
            form = """
                <h2>Change a program’s mode</h2>
                <form method="post" action="/console/rollout/mode">
                \(session.csrfField)
                <div class="field"><label for="program">Program</label><select id="program" name="program">\(programOptions)</select></div>
                <div class="field"><label for="mode">Mode</label>
                <p class="hint" id="mode-hint">Shadow decides and issues nothing; assisted checks the first issuances; monitored checks a random sample; full checks none.</p>
                <select id="mode" name="mode" aria-describedby="mode-hint">\(modeOptions)</select></div>
                <div class="field"><label for="first">First issuances to check (assisted)</label>
                <input id="first" name="first" inputmode="numeric" value="\(ProgramRollout.defaultFirstCount)"></div>
                <div class="field"><label for="sample">Share to check (monitored)</label>
                <input id="sample" name="sample" value="10%"></div>
                <div class="field"><input type="checkbox" id="issueShadowed" name="issueShadowed" value="yes">
                <label for="issueShadowed">Leaving shadow mode: issue what the rules decided to issue meanwhile (once each)</label></div>
                <div class="button-group"><button type="submit">Change the mode</button></div>
                </form>
                """
        }
        let checkRows: [HTML] = checks.map { row in
            let check = row.check
            let due: HTML =
                check.isOverdue(at: now)
                ? "<strong class=\"tag tag--revoked\">Overdue</strong> since \(ReviewFormat.date(check.dueAt))"
                : "Due \(ReviewFormat.date(check.dueAt))"
            let actions: HTML =
                session.may(.changeCredentials)
                ? """
                <a href="/console/rollout/checks/\(check.credentialID)/confirm">Confirm<span class="visually-hidden"> \(row.learnerName)’s certificate</span></a> \
                <a href="/console/rollout/checks/\(check.credentialID)/revoke">Revoke<span class="visually-hidden"> \(row.learnerName)’s certificate</span></a>
                """ : .empty
            return """
                <tr><th scope="row" data-label="Learner">\(row.learnerName)</th><td data-label="Program">\(row.programTitle)</td>\
                <td data-label="Certificate"><a class="monospace" href="/c/\(check.credentialID)">\(check.credentialID)</a></td>\
                <td data-label="Why checked">\(check.reason == .first ? "One of the first issuances" : "Random sample")</td>\
                <td data-label="Deadline">\(due)</td><td data-label="Actions">\(actions)</td></tr>
                """
        }
        let overdue = checks.count { $0.check.isOverdue(at: now) }
        let list: HTML =
            checks.isEmpty
            ? "<p>No issuances are waiting to be checked.</p>"
            : """
            <table class="responsive"><caption>Issuances waiting to be checked, oldest first (\(checks.count), \(overdue) overdue)</caption>
            <thead><tr><th scope="col">Learner</th><th scope="col">Program</th><th scope="col">Certificate</th><th scope="col">Why checked</th>\
            <th scope="col">Deadline</th><th scope="col">Actions</th></tr></thead>
            <tbody>\(checkRows)</tbody></table>
            """
        let notice: HTML = changed.map { "<div class=\"notice notice--success\" role=\"status\"><p>\($0)</p></div>" } ?? .empty
        let errorSummary: HTML =
            error.map {
                """
                <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
                <h2 id="error-summary-title">There is a problem</h2><ul><li><a href="#mode">\($0)</a></li></ul></div>
                """
            } ?? .empty
        return ConsolePage(
            title: "Rollout", section: .programs,
            body: """
                \(errorSummary)\(notice)
                <h1>Rollout</h1>
                <p>Run the rules beside your manual process before trusting them, then check what they issue.</p>
                \(modes)
                \(form)
                <h2>Post-issuance checks</h2>
                \(list)
                """,
            status: error == nil ? .ok : .badRequest)
    }

    static func confirmationPage(_ decision: CheckDecision, _ row: CheckRow, session: StaffSession, error: String?) -> ConsolePage {
        let id = row.check.credentialID
        let (title, consequence, button): (String, HTML, HTML) =
            switch decision {
            case .confirm:
                (
                    "Confirm \(row.learnerName)’s certificate",
                    "The certificate <span class=\"monospace\">\(id)</span> for <strong>\(row.programTitle)</strong> stays valid and leaves the check list.",
                    "<button type=\"submit\">Confirm the certificate</button>"
                )
            case .revoke:
                (
                    "Revoke \(row.learnerName)’s certificate",
                    "\(row.learnerName)’s certificate <span class=\"monospace\">\(id)</span> for <strong>\(row.programTitle)</strong> will say REVOKED to anyone who scans it. This cannot be undone.",
                    "<button type=\"submit\" class=\"button--warning\">Revoke the certificate</button>"
                )
            }
        let hint =
            decision == .revoke
            ? "Required. Say why; it is kept in the audit trail with your name." : "Optional. Kept in the audit trail with your name."
        let errorSummary: HTML =
            error.map {
                """
                <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
                <h2 id="error-summary-title">There is a problem</h2><ul><li><a href="#note">\($0)</a></li></ul></div>
                """
            } ?? .empty
        return ConsolePage(
            title: title, section: .programs,
            body: """
                \(errorSummary)
                <span class="caption">Rollout</span>
                <h1>\(title)</h1>
                <p>\(consequence)</p>
                <form method="post" action="/console/rollout/checks/\(id)/\(decision.rawValue)">
                \(session.csrfField)
                <div class="field\(error == nil ? HTML("") : HTML(" field--error"))">
                <label for="note">\(decision == .revoke ? "Reason" : "Note")</label>
                <p class="hint" id="note-hint">\(hint)</p>
                \(error.map { HTML("<p class=\"field-error\" id=\"note-error\"><span class=\"visually-hidden\">Error:</span> \($0)</p>") } ?? .empty)
                <textarea id="note" name="note" aria-describedby="note-hint\(error == nil ? HTML("") : HTML(" note-error"))" maxlength="1000"></textarea>
                </div>
                <div class="button-group">\(button)<a href="/console/rollout">Cancel</a></div>
                </form>
                """,
            status: error == nil ? .ok : .badRequest)
    }
}
