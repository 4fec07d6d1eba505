import Foundation
import IssuerCore

/// The markup of the Programs pages: values in, ``ConsolePage`` out, every interpolated string escaped.
enum ProgramPages {
    // MARK: The list

    static func listPage(_ programs: [Program], counts: [String: ProgramCounts]?, disabled: Set<String>, canChange: Bool) -> ConsolePage {
        let rows: [HTML] = programs.map { program in
            let figures = counts?[program.id] ?? .none
            func number(_ value: Int) -> HTML { counts == nil ? "—" : "\(value)" }
            return """
                <tr><th scope="row" data-label="Program"><a href="/console/programs/\(program.id)">\(program.achievement.name)</a>\
                \(disabled.contains(program.id) ? HTML(" <strong class=\"tag tag--grey\">Disabled</strong>") : .empty)\
                <br><span class="monospace">\(program.id)</span></th>\
                <td data-label="Version" class="numeric">\(program.version)</td>\
                <td data-label="Template">\(templateName(program.template))</td>\
                <td data-label="Issued" class="numeric">\(number(figures.issued))</td>\
                <td data-label="Held" class="numeric">\(number(figures.held))</td>\
                <td data-label="Rejected" class="numeric">\(number(figures.rejected))</td>\
                <td data-label="Last issued">\(figures.lastIssuedAt.map(ReviewFormat.date) ?? "Never")</td></tr>
                """
        }
        let add: HTML = canChange ? "<p><a class=\"button\" href=\"/console/programs/new\">Add a program</a></p>" : .empty
        let table: HTML =
            rows.isEmpty
            ? "<p>There are no programs yet.</p>"
            : """
            <table class="responsive"><caption>Programs, by id. Issued counts certificates not replaced by a reissue; held and rejected count completions.</caption>
            <thead><tr><th scope="col">Program</th><th scope="col" class="numeric">Version</th><th scope="col">Template</th>\
            <th scope="col" class="numeric">Issued</th><th scope="col" class="numeric">Held</th><th scope="col" class="numeric">Rejected</th>\
            <th scope="col">Last issued</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return ConsolePage(title: "Programs", section: .programs, body: "<h1>Programs</h1>\(add)\(table)")
    }

    // MARK: One program

    /// What the page says after a change (from its query: `saved=N`, `enabled=N`, `disabled=0`).
    struct Notice {
        var savedVersion: Int?
        var enabledReleased: Int?
        var disabled = false

        init(_ query: ConsoleForm) {
            savedVersion = query["saved"].flatMap(Int.init)
            enabledReleased = query["enabled"].flatMap(Int.init)
            disabled = query["disabled"] != nil
        }

        var html: HTML {
            var text: String?
            if let savedVersion {
                text =
                    "Version \(savedVersion) is saved. Certificates issued from now on use it; certificates already issued keep the version they were issued under."
            } else if let enabledReleased {
                text =
                    "The program is enabled: new completions are decided again"
                    + (enabledReleased == 0 ? "." : ", and \(enabledReleased) kept while it was disabled were decided now.")
            } else if disabled {
                text = "The program is disabled: new completions are kept, not decided, until it is enabled again."
            }
            return text.map { "<div class=\"notice notice--success\" role=\"status\"><p>\($0)</p></div>" } ?? .empty
        }
    }

    static func programPage(_ program: Program, counts: ProgramCounts?, settings: ProgramSettings?, session: StaffSession, notice: Notice)
        -> ConsolePage
    {
        let figures = counts ?? .none
        let canChange = session.may(.administer)
        let enabled = settings?.enabled ?? true
        let state: HTML =
            enabled
            ? "<p><strong class=\"tag tag--valid\">Enabled</strong> New completions are decided and issued.</p>"
            : "<p><strong class=\"tag tag--grey\">Disabled</strong> Since \(settings.map { ReviewFormat.date($0.updatedAt) } ?? ""): new completions are kept, not decided, until the program is enabled again.</p>"
        let branding = program.branding
        let rows: [(String, String)] = [
            ("Program id", program.id), ("Version", String(program.version)), ("Template", templateName(program.template)),
            ("Paper", (branding.pageSize ?? .a4) == .a4 ? "A4 landscape" : "US Letter landscape"),
            ("Organisation", branding.organisation ?? "The issuer's name"),
            ("Valid for", program.validity?.description ?? "No expiry"),
            ("Signatory", [branding.signatoryName, branding.signatoryTitle].compactMap { $0 }.joined(separator: ", ")),
            ("Logo", branding.logo == nil ? "None" : "Set"), ("Signature image", branding.signatureImage == nil ? "None" : "Set"),
            ("LMS courses", (program.courses ?? []).joined(separator: ", ")),
            ("Required modules", program.rules.requiredModules.joined(separator: ", ")),
            ("Lowest passing score", program.rules.minimumScore.map(ReviewFormat.number) ?? "None"),
            ("Issued", String(figures.issued)), ("Held for review", String(figures.held)), ("Rejected", String(figures.rejected)),
            ("Last issued", figures.lastIssuedAt.map(ReviewFormat.date) ?? "Never"),
        ]
        let summary: [HTML] = rows.map { "<dt>\($0.0)</dt><dd>\($0.1.isEmpty ? "None" : $0.1)</dd>" }
        var actions: HTML = .empty
        if canChange {
            let toggle: HTML =
                enabled
                ? "<input type=\"hidden\" name=\"enabled\" value=\"false\"><button type=\"submit\" class=\"button--warning\">Disable this program</button>"
                : "<input type=\"hidden\" name=\"enabled\" value=\"true\"><button type=\"submit\">Enable this program</button>"
            let explanation =
                enabled
                ? "Disabling keeps new completions of this program without deciding them; certificates already issued stay valid. Enabling it again decides the kept completions."
                : "Enabling decides the completions kept while it was disabled, and issues those the rules allow."
            actions = """
                <p class="button-group"><a class="button" href="/console/programs/\(program.id)/edit">Change this program</a>\
                \(program.version > 1 ? HTML("<a class=\"button button--secondary\" href=\"/console/programs/\(program.id)/reissue\">Reissue certificates of earlier versions</a>") : .empty)</p>
                <h2>Issuing</h2><p id="toggle-hint">\(explanation)</p>
                <form method="post" action="/console/programs/\(program.id)/enabled" class="button-group">\
                <input type="hidden" name="\(ConsoleForm.csrfFieldName)" value="\(session.csrfToken)">\(toggle)</form>
                """
        }
        return ConsolePage(
            title: program.achievement.name, section: .programs,
            body: """
                \(notice.html)<span class="caption">Program</span>
                <h1>\(program.achievement.name)</h1>
                \(state)
                <dl class="summary">\(summary)</dl>
                \(actions)
                <p><a href="/console/credentials?program=\(program.id)">Certificates of this program</a> · <a href="/console/programs/\(program.id)/templates">Certificate templates</a> · <a href="/console/programs">All programs</a></p>
                """)
    }

    static func templateName(_ template: CertificateTemplate) -> String {
        switch template {
        case .completion: "Completion"
        case .achievement: "Achievement"
        case .compliance: "Compliance"
        }
    }
}
