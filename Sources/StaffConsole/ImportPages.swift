import Foundation
import HTTPTypes
import IssuerCore

/// The Import pages: the upload form, the dry run of a file, the progress of its run and the
/// summary with what was not issued and why.
enum ImportPages: ShowsFieldProblems {
    /// A problem with the upload, shown above the form and beside the field it names.
    typealias Problem = FieldProblem

    /// The upload form and the imports this console has kept.
    static func uploadPage(
        programs: [Program], jobs: [ImportJobs.Job], session: StaffSession, problem: Problem?, chosenProgram: String?,
        limits: CompletionImport.Limits, status: HTTPResponse.Status = .ok
    ) -> ConsolePage {
        let form: HTML
        if session.may(.changeCredentials) {
            let options = HTML.joined(
                programs.map { program in
                    "<option value=\"\(program.id)\"\(HTML(unescaped: program.id == chosenProgram ? " selected" : ""))>\(program.achievement.name) (\(program.id))</option>"
                })
            form = """
                \(errorSummary(problem))
                <form method="post" action="/console/import" enctype="multipart/form-data" novalidate>\(session.csrfField)
                <div class="\(fieldClass("program", problem))"><label for="program">Program</label>\
                <p class="hint" id="program-hint">The program every row of the file completed.</p>\(fieldError("program", problem))\
                <select id="program" name="program" aria-describedby="program-hint\(describedBy("program", problem))">\(options)</select></div>
                <div class="\(fieldClass("file", problem))"><label for="file">CSV file</label>\
                <p class="hint" id="file-hint">Columns learner_id, email, legal_name and completed_at, and optionally event_id, \
                preferred_name, profile_name, score, minutes and modules (see Spec/schemas/completions-csv.md). \
                At most \(limits.maximumRows) rows and \(limits.maximumBytes / 1_048_576) MB. Nothing is changed until you run the import.</p>\
                \(fieldError("file", problem))\
                <input type="file" id="file" name="file" accept=".csv,text/csv" aria-describedby="file-hint\(describedBy("file", problem))"></div>
                <button type="submit">Check the file</button>
                </form>
                """
        } else {
            form = "<p>Your role can see imports but not start them. An administrator or issuer can import a file.</p>"
        }
        let rows = HTML.joined(
            jobs.map { job in
                """
                <tr><td data-label="File"><a href="/console/import/\(job.id)">\(job.fileName)</a></td>\
                <td data-label="Program">\(job.program.achievement.name)</td>\
                <td data-label="Rows" class="numeric">\(job.rows.count)</td>\
                <td data-label="State">\(phaseTag(job))</td>\
                <td data-label="Checked">\(ConsoleDates.dateTime(job.checkedAt)) by \(job.checkedByName)</td></tr>
                """
            })
        let recent: HTML =
            jobs.isEmpty
            ? ""
            : """
            <table class="responsive"><caption>Recent imports (kept until the server restarts)</caption>
            <thead><tr><th scope="col">File</th><th scope="col">Program</th><th scope="col" class="numeric">Rows</th>\
            <th scope="col">State</th><th scope="col">Checked</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        return ConsolePage(
            title: "Import completions", section: .import,
            body: "<h1>Import completions</h1>\(form)\(recent)",
            status: status)
    }

    /// A file's page: its dry run and the Run button, its progress, or its summary.
    static func jobPage(_ job: ImportJobs.Job, session: StaffSession, problem: String?) -> ConsolePage {
        let heading: HTML = "<h1>Import of \(job.fileName)</h1>"
        let about: HTML = """
            <dl class="summary"><dt>Program</dt><dd>\(job.program.achievement.name) (<span class="monospace">\(job.program.id)</span>)</dd>\
            <dt>Rows</dt><dd>\(job.rows.count)</dd><dt>Checked</dt><dd>\(ConsoleDates.dateTime(job.checkedAt)) by \(job.checkedByName)</dd>\
            <dt>State</dt><dd>\(phaseTag(job))</dd></dl>
            """
        let body: HTML
        switch job.phase {
        case .checked:
            let run: HTML =
                session.may(.changeCredentials)
                ? """
                <form method="post" action="/console/import/\(job.id)/run">\(session.csrfField)
                <p>Running the import stores every readable row with its decision and issues the certificates shown as \
                “Would issue”; each learner gets their certificate by email. Rows already imported are skipped.</p>
                <div class="button-group"><button type="submit">Run the import</button><a href="/console/import">Upload a different file</a></div></form>
                """
                : "<p>Your role cannot run imports.</p>"
            body = """
                \(problem.map { HTML("<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\" tabindex=\"-1\"><h2 id=\"error-summary-title\">There is a problem</h2><p>\($0)</p></div>") } ?? .empty)
                <p class="notice">This is a dry run: nothing has been stored, issued or sent yet.</p>
                \(totals(job.dryRun, dryRun: true, rows: job.rows.count))\(run)\(rowTables(job.dryRun, dryRun: true))
                """
        case .running(let done):
            body = """
                <div class="field"><label for="import-progress" id="import-progress-label">Rows done</label>
                <progress id="import-progress" max="\(max(job.rows.count, 1))" value="\(done)" \
                data-progress-url="/console/import/\(job.id)/progress">\(job.percent) %</progress>
                <p id="import-status" aria-live="polite">\(done) of \(job.rows.count) rows (\(job.percent) %)</p></div>
                <p>You can leave or reload this page: the import goes on. <a href="/console/import/\(job.id)">Update now</a></p>
                <script src="/console/import/progress.js" defer></script>
                """
        case .finished(let results):
            let notIssued = results.filter { $0.verdict != .issue }.count
            body = """
                <p class="notice notice--success" role="status">The import is finished: \(results.filter { $0.verdict == .issue }.count) \
                certificates issued, \(notIssued) rows not issued.</p>
                \(totals(results, dryRun: false, rows: job.rows.count))
                \(notIssued == 0 ? HTML.empty : HTML("<p><a href=\"/console/import/\(job.id)/not-issued.csv\" download>Download the \(notIssued) rows not issued, with why (CSV)</a></p>"))
                \(rowTables(results, dryRun: false))
                """
        case .failed(let reason):
            body = """
                <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">\
                <h2 id="error-summary-title">The import stopped</h2><p>\(ReviewFormat.sentence(reason))</p>\
                <p>Rows taken in before it stopped are kept. Upload the same file again to finish the rest: rows already imported are \
                shown as duplicates and nothing is issued twice.</p></div>
                """
        }
        return ConsolePage(
            title: "Import of \(job.fileName)", section: .import,
            body: heading + about + body + "<p><a href=\"/console/import\">Back to Import</a></p>",
            status: problem == nil ? .ok : .conflict)
    }

    /// The progress as JSON for the page's script: `{"state":…,"done":…,"total":…,"percent":…}`.
    static func progressJSON(_ job: ImportJobs.Job) -> String {
        let state =
            switch job.phase {
            case .checked: "checked"
            case .running: "running"
            case .finished: "finished"
            case .failed: "failed"
            }
        return "{\"state\":\"\(state)\",\"done\":\(job.done),\"total\":\(job.rows.count),\"percent\":\(job.percent)}"
    }

    /// The rows not issued, with why, as CSV (formula-looking cells guarded as in the credentials export).
    static func notIssuedCSV(_ results: [CompletionImport.RowResult]) -> String {
        var out = CredentialListCSV.line(["line", "learner_id", "email", "legal_name", "outcome", "reasons"])
        for row in results where row.verdict != .issue {
            out += CredentialListCSV.line([
                String(row.line), row.learnerID, row.email, row.name, row.verdict.rawValue, row.reasons.joined(separator: "; "),
            ])
        }
        return out
    }

    /// How a verdict reads on a dry run or after a run.
    static func label(_ verdict: CompletionImport.Verdict, dryRun: Bool) -> String {
        switch verdict {
        case .issue: dryRun ? "Would issue" : "Issued"
        case .hold: dryRun ? "Would hold for review" : "Held for review"
        case .reject: dryRun ? "Would reject" : "Rejected"
        case .duplicate: "Duplicate"
        case .alreadyHeld: "Already holds it"
        case .invalid: "Bad row"
        case .other: "Other"
        }
    }

    static func tag(_ verdict: CompletionImport.Verdict, dryRun: Bool) -> HTML {
        let style =
            switch verdict {
            case .issue: "tag--valid"
            case .hold: "tag--held"
            case .reject, .invalid: "tag--error"
            case .duplicate, .alreadyHeld: "tag--grey"
            case .other: "tag--warning"
            }
        return "<strong class=\"tag \(HTML(unescaped: style))\">\(label(verdict, dryRun: dryRun))</strong>"
    }

    static func totals(_ results: [CompletionImport.RowResult], dryRun: Bool, rows: Int) -> HTML {
        let entries = CompletionImport.Verdict.allCases.map { verdict -> HTML in
            let count = results.count { $0.verdict == verdict }
            return "<dt>\(label(verdict, dryRun: dryRun))</dt><dd id=\"total-\(verdict.rawValue)\">\(count)</dd>"
        }
        return """
            <h2>Totals</h2><dl class="summary"><dt>Rows</dt><dd id="total-rows">\(rows)</dd>\(entries)</dl>
            """
    }

    /// The rows not issued in a table, and the issued ones in a table inside a closed `details`.
    static func rowTables(_ results: [CompletionImport.RowResult], dryRun: Bool) -> HTML {
        let notIssued = results.filter { $0.verdict != .issue }
        let issued = results.filter { $0.verdict == .issue }
        let first: HTML =
            notIssued.isEmpty
            ? "<p>Every row \(dryRun ? "would be" : "was") issued.</p>"
            : table(
                notIssued, id: "rows-not-issued", caption: "Rows \(dryRun ? "that would not be" : "not") issued, and why", dryRun: dryRun)
        let second: HTML =
            issued.isEmpty
            ? ""
            : """
            <details><summary>Rows \(dryRun ? "that would be" : "") issued (\(issued.count))</summary>\
            \(table(issued, id: "rows-issued", caption: "Rows \(dryRun ? "that would be" : "") issued", dryRun: dryRun))</details>
            """
        return first + second
    }

    static func table(_ results: [CompletionImport.RowResult], id: String, caption: String, dryRun: Bool) -> HTML {
        let rows = HTML.joined(
            results.map { row in
                """
                <tr><td data-label="Line" class="numeric">\(row.line)</td>\
                <td data-label="Learner">\(row.name)\(row.learnerID.isEmpty ? HTML.empty : HTML(" <span class=\"monospace\">\(row.learnerID)</span>"))</td>\
                <td data-label="Email">\(row.email)</td>\
                <td data-label="Decision">\(tag(row.verdict, dryRun: dryRun))</td>\
                <td data-label="Why">\(row.reasons.joined(separator: "; "))</td></tr>
                """
            })
        return """
            <table class="responsive" id="\(id)"><caption>\(caption)</caption><thead><tr><th scope="col" class="numeric">Line</th>\
            <th scope="col">Learner</th><th scope="col">Email</th><th scope="col">Decision</th><th scope="col">Why</th></tr></thead>\
            <tbody>\(rows)</tbody></table>
            """
    }

    static func phaseTag(_ job: ImportJobs.Job) -> HTML {
        switch job.phase {
        case .checked: "<strong class=\"tag tag--grey\">Checked, not run</strong>"
        case .running: "<strong class=\"tag tag--warning\">Running: \(job.percent) %</strong>"
        case .finished: "<strong class=\"tag tag--valid\">Finished</strong>"
        case .failed: "<strong class=\"tag tag--error\">Stopped</strong>"
        }
    }

    /// The progress page's script: polls the progress endpoint, moves the bar, and reloads the page
    /// for the summary once the run ends. Without it the page still works (the "Update now" link).
    static let progressScript = """
        (function () {
          var bar = document.getElementById('import-progress');
          if (!bar || !window.fetch) return;
          var status = document.getElementById('import-status');
          var url = bar.getAttribute('data-progress-url');
          var spoken = -1;
          function poll() {
            fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
              .then(function (response) { return response.json(); })
              .then(function (progress) {
                bar.max = Math.max(progress.total, 1);
                bar.value = progress.done;
                bar.textContent = progress.percent + ' %';
                var step = Math.floor(progress.percent / 10);
                if (step !== spoken) {
                  spoken = step;
                  status.textContent = progress.done + ' of ' + progress.total + ' rows (' + progress.percent + ' %)';
                }
                if (progress.state === 'running') { setTimeout(poll, 500); } else { window.location.reload(); }
              }, function () { setTimeout(poll, 2000); });
          }
          setTimeout(poll, 500);
        })();
        """
}
