import Foundation
import IssuerCore

/// The pages of a program's bulk reissue: the confirmation with the count, the progress, and the
/// summary (what was reissued, what was not and why).
enum ProgramReissuePages {
    /// How a version range reads: "version 2" or "versions 1–3".
    static func versions(_ plan: ProgramReissue.Plan) -> String {
        plan.fromVersion == plan.toVersion - 1 ? "version \(plan.fromVersion)" : "versions \(plan.fromVersion)–\(plan.toVersion - 1)"
    }

    /// The confirmation: what will happen, in words, with the count, the version to start from,
    /// and the reason.
    static func confirmation(
        program: Program, plan: ProgramReissue.Plan, running: ProgramReissueJobs.Job?, session: StaffSession, form: ConsoleForm?,
        error: String?
    ) -> ConsolePage {
        let title = "Reissue certificates: \(program.achievement.name)"
        let count = plan.credentialIDs.count
        let path = "/console/programs/\(program.id)/reissue"
        let options = HTML.joined(
            (1..<program.version).map { version in
                let selected: HTML = version == plan.fromVersion ? " selected" : .empty
                return "<option value=\"\(version)\"\(selected)>Version \(version)</option>"
            })
        let chooser: HTML = """
            <form method="get" action="\(path)" class="filters">
            <div class="field"><label for="from">Reissue certificates issued under this version and later</label>
            <p class="hint" id="from-hint">The program is at version \(program.version). Certificates issued under an earlier version show what the program said then.</p>
            <select id="from" name="from" aria-describedby="from-hint">\(options)</select></div>
            <button type="submit" class="button--secondary">Count again</button>
            </form>
            """
        var body: HTML = program.version > 1 ? chooser : .empty
        if program.version == 1 {
            body =
                "<p>This program has only ever had version 1, so no certificate was issued under an earlier version and there is nothing to reissue. Change the program first; its certificates can then be reissued here.</p>"
        } else if let running, running.isRunning {
            body =
                body
                + "<p>A reissue of this program is running now. <a href=\"\(path)/progress\">See its progress</a>.</p>"
        } else if plan.total == 0 {
            body = body + "<p>No active certificate of this program was issued under \(versions(plan)), so there is nothing to reissue.</p>"
        } else {
            let unfinished: HTML =
                plan.unfinishedIDs.isEmpty
                ? .empty
                : " \(plan.unfinishedIDs.count) certificates reissued by a run that stopped half-way will be finished first."
            let noun = count == 1 ? "certificate" : "certificates"
            body =
                body + """
                    <p id="reissue-count"><strong>\(count) active \(noun)</strong> of <strong>\(program.achievement.name)</strong> issued under \(versions(plan)) will be reissued under version \(program.version).\(unfinished)</p>
                    <p>Each learner is emailed the corrected certificate with a new link. The old certificates will say SUPERSEDED to anyone who scans them and point to the new ones. Suspended and revoked certificates are left as they are.</p>
                    <form method="post" action="\(path)">
                    \(session.csrfField)
                    <input type="hidden" name="from" value="\(plan.fromVersion)">
                    \(LearnerPages.reasonField(form))
                    <div class="button-group"><button type="submit">Reissue \(count) \(noun)</button><a href="/console/programs">Cancel</a></div>
                    </form>
                    """
        }
        let summary: HTML =
            error.map {
                """
                <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
                <h2 id="error-summary-title">There is a problem</h2><ul><li><a href="#reason">\($0)</a></li></ul></div>
                """
            } ?? .empty
        return ConsolePage(
            title: title, section: .programs, body: "\(summary)<span class=\"caption\">Programs</span><h1>\(title)</h1>\(body)",
            status: error == nil ? .ok : .badRequest)
    }

    /// The progress of a run, then its summary.
    static func progress(program: Program, job: ProgramReissueJobs.Job?) -> ConsolePage {
        let title = "Reissue progress: \(program.achievement.name)"
        let back: HTML = "<p><a href=\"/console/programs/\(program.id)/reissue\">Back to the reissue page</a></p>"
        guard let job else {
            return ConsolePage(
                title: title, section: .programs,
                body:
                    "<span class=\"caption\">Programs</span><h1>\(title)</h1><p>No reissue of this program has run since the server started.</p>\(back)"
            )
        }
        let bar: HTML = """
            <div class="field"><label for="reissue-progress">\(job.progress.done) of \(job.progress.total) certificates (\(job.percent) %)</label>
            <progress id="reissue-progress" max="\(max(job.progress.total, 1))" value="\(job.progress.total == 0 ? 1 : job.progress.done)">\(job.percent) %</progress></div>
            """
        var body: HTML = "<span class=\"caption\">Programs</span><h1>\(title)</h1>"
        if job.isRunning {
            body =
                body
                + "<div role=\"status\"><p id=\"reissue-state\">Reissuing certificates under \(versions(job.plan)). This page updates itself every two seconds; you may leave it and come back.</p>\(bar)</div>"
                + "<p><a href=\"/console/programs/\(program.id)/reissue/progress\">Update now</a></p>"
        } else if let failure = job.failure {
            body =
                body + "<div class=\"notice\" role=\"alert\"><p id=\"reissue-state\">The reissue stopped: \(failure)</p></div>\(bar)\(back)"
        } else if let summary = job.summary {
            body =
                body + "<div class=\"notice notice--success\" role=\"status\"><p id=\"reissue-state\">Finished.</p></div>\(bar)"
                + result(summary)
            body = body + back
        }
        return ConsolePage(title: title, section: .programs, body: body)
    }

    /// Every certificate the run handled, one CSV row each: `credential,outcome,newCredential,reason`.
    static func csv(_ summary: ProgramReissue.Summary) -> String {
        var text = CredentialListCSV.line(["credential", "outcome", "newCredential", "reason"])
        for replacement in summary.reissued { text += CredentialListCSV.line([replacement.oldID, "reissued", replacement.newID, ""]) }
        for id in summary.resumed { text += CredentialListCSV.line([id, "finished", id, "reserved by an earlier run that stopped"]) }
        for id in summary.skipped { text += CredentialListCSV.line([id, "skipped", "", "no longer active when its turn came"]) }
        for failure in summary.failed { text += CredentialListCSV.line([failure.credentialID, "failed", "", failure.reason]) }
        return text
    }

    /// What a finished run did: counts, each old → new certificate, and what did not happen and why.
    static func result(_ summary: ProgramReissue.Summary) -> HTML {
        let rows = HTML.joined(
            summary.reissued.map {
                "<tr><td><a class=\"monospace\" href=\"/c/\($0.oldID)\">\($0.oldID)</a></td><td><a class=\"monospace\" href=\"/c/\($0.newID)\">\($0.newID)</a></td></tr>"
            })
        let notDone = HTML.joined(
            summary.failed.map { "<li><span class=\"monospace\">\($0.credentialID)</span>: \($0.reason)</li>" }
                + summary.skipped.map {
                    "<li><span class=\"monospace\">\($0)</span>: no longer active when its turn came (reissued, suspended or revoked meanwhile)</li>"
                })
        var html: HTML = """
            <p id="reissue-summary">\(summary.reissued.count) reissued, \(summary.resumed.count) finished from an earlier run, \(summary.skipped.count) no longer active, \(summary.failed.count) failed.</p>
            """
        if !summary.reissued.isEmpty {
            html =
                html
                + "<table id=\"reissued\"><caption>Reissued certificates</caption><thead><tr><th scope=\"col\">Old certificate (superseded)</th><th scope=\"col\">New certificate</th></tr></thead><tbody>\(rows)</tbody></table>"
        }
        html =
            html
            + "<p><a href=\"/console/programs/\(summary.plan.programID)/reissue/result.csv\" download>Download the result as CSV</a> (every certificate: reissued as which, or not and why)</p>"
        if !summary.failed.isEmpty || !summary.skipped.isEmpty {
            html =
                html
                + "<h2>Not reissued</h2><ul>\(notDone)</ul><p>Reissuing again retries the ones that failed; nothing is reissued twice.</p>"
        }
        return html
    }
}
