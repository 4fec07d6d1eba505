import Foundation
import IssuerCore

/// The template family of a program: every built-in certificate template side by side, each drawn
/// with the program's branding by the real renderer, and (for administrators) a button to use it.
enum ProgramTemplatePages {
    /// What each template is for, in words.
    static func purpose(_ template: CertificateTemplate) -> String {
        switch template {
        case .completion: "For courses: says the learner completed it."
        case .achievement: "For assessments: adds the score or grade."
        case .compliance: "For safety training: lists each module with its completion and expiry dates."
        }
    }

    /// The page: one figure per template, the one in use marked.
    static func family(program: Program, session: StaffSession, savedVersion: Int?) -> ConsolePage {
        let title = "Certificate templates: \(program.achievement.name)"
        let canChange = session.may(.administer)
        let figures = HTML.joined(
            CertificateTemplate.allCases.map { template in
                let name = ProgramPages.templateName(template)
                let inUse = template == program.template
                let tag: HTML = inUse ? " <strong class=\"tag tag--valid\">In use</strong>" : .empty
                let choose: HTML =
                    canChange && !inUse
                    ? """
                    <form method="post" action="/console/programs/\(program.id)/templates">
                    \(session.csrfField)<input type="hidden" name="template" value="\(template.rawValue)">
                    <button type="submit">Use the \(name) template<span class="visually-hidden"> for \(program.achievement.name)</span></button>
                    </form>
                    """
                    : .empty
                return """
                    <li id="template-\(template.rawValue)"><h2>\(name)\(tag)</h2>
                    <p>\(purpose(template))</p>
                    <img class="preview-image" src="/console/programs/\(program.id)/templates/\(template.rawValue)/preview.png" width="900" alt="The \(name) template drawn with this program’s branding for a sample learner">
                    \(choose)</li>
                    """
            })
        let notice: HTML =
            savedVersion.map {
                """
                <div class="notice notice--success" role="status"><p>Version \($0) is saved with the \(ProgramPages.templateName(program.template)) template. Certificates issued from now on use it; certificates already issued keep theirs. To give them the new look, <a href="/console/programs/\(program.id)/reissue?from=\(max($0 - 1, 1))">reissue them</a>.</p></div>
                """
            } ?? .empty
        return ConsolePage(
            title: title, section: .programs,
            body: """
                \(notice)<span class="caption">Programs</span><h1>\(title)</h1>
                <p>Each picture is drawn by the same renderer as the issued PDF, with this program’s colours, organisation and signatory, for a sample learner.</p>
                <ul class="template-family" role="list">\(figures)</ul>
                <p><a href="/console/programs/\(program.id)">Back to the program</a></p>
                """)
    }
}
