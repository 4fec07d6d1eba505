import Pages

/// The verification page as UTF-8 bytes, written in Swift with ``HTMLWriter``: the same bytes the
/// Mustache template it replaced wrote (`VerificationPageHTMLTests` renders both and compares them),
/// every value escaped by ``HTMLEscaping``, and no name looked up at render time.
enum VerificationPageHTML {
    /// The page of `page`.
    static func render(_ page: VerificationPage) -> [UInt8] {
        var html = HTMLWriter(capacity: 8192)
        // The verdict: the live training section decides it unless a person suspended the credential.
        var (banner, state, explanation) = (page.state.banner, page.state.rawValue, page.state.explanation)
        if let training = page.training, training.decidesVerdict {
            (banner, state, explanation) = (training.banner, training.isValid ? "valid" : "invalid", training.explanation)
        }
        html.markup(PageTemplates.headBeforeTitle)
        html.text(banner)
        html.markup(": ")
        nameLine(page, into: &html)
        html.markup(PageTemplates.headAfterTitle)
        html.markup("<meta name=\"description\" content=\"")
        description(page, into: &html)
        html.markup("\">\n<meta property=\"og:type\" content=\"website\">\n<meta property=\"og:title\" content=\"")
        nameLine(page, into: &html)
        html.markup("\">\n<meta property=\"og:description\" content=\"")
        html.text(banner)
        html.markup(": ")
        description(page, into: &html)
        html.markup("\">\n<meta property=\"og:url\" content=\"")
        html.text(page.pageURL)
        html.markup("\">\n")
        if page.hasPNG {
            html.markup("<meta property=\"og:image\" content=\"")
            html.text(page.pageURL + ".png")
            html.markup("\">\n<meta name=\"twitter:image\" content=\"")
            html.text(page.pageURL + ".png")
            html.markup("\">")
        }
        html.markup("\n<meta name=\"twitter:card\" content=\"summary_large_image\">\n<meta name=\"twitter:title\" content=\"")
        nameLine(page, into: &html)
        html.markup("\">\n</head>\n<body>\n<main>\n<section class=\"banner state-")
        html.text(state)
        html.markup("\" role=\"status\" aria-labelledby=\"verdict\">\n<h1 id=\"verdict\">")
        html.text(banner)
        html.markup("</h1>\n<p>")
        html.text(explanation)
        html.markup("</p>\n")
        if let reason = page.stateReason {
            html.markup("<p>Reason: ")
            html.text(reason)
            html.markup("</p>")
        }
        html.markup("\n")
        if let newer = page.supersededBy {
            html.markup("<p><a style=\"color:#ffffff\" href=\"/c/")
            html.text(newer)
            html.markup("\">See the current version of this certificate</a></p>")
        }
        html.markup("\n</section>\n")
        if let training = page.training { liveTraining(training, into: &html) }
        html.markup("\n")
        certified(page, into: &html)
        signatureAndLinks(page, into: &html)
        return html.bytes
    }

    /// `Achievement — Learner`.
    private static func nameLine(_ page: VerificationPage, into html: inout HTMLWriter) {
        html.text(page.achievementName)
        html.markup(" — ")
        html.text(page.learnerName)
    }

    /// `Learner — Achievement, issued by Issuer`.
    private static func description(_ page: VerificationPage, into html: inout HTMLWriter) {
        html.text(page.learnerName)
        html.markup(" — ")
        html.text(page.achievementName)
        html.markup(", issued by ")
        html.text(page.issuerName)
    }

    private static func liveTraining(_ training: LiveTrainingSection, into html: inout HTMLWriter) {
        html.markup("<section class=\"card\" aria-labelledby=\"live\">\n<h2 id=\"live\">Live training state — ")
        html.text(training.group)
        html.markup("</h2>\n<p><strong>")
        html.text(training.banner)
        html.markup("</strong> — live training state as of ")
        html.text(training.asOf)
        html.markup(
            """
            , from the issuer's records now; the certificate below shows what was signed when it was issued.</p>
            <table>
            <thead><tr><th scope="col">Module</th><th scope="col">Status</th><th scope="col">Completed</th><th scope="col">Expires</th></tr></thead>
            <tbody>
            """)
        for row in training.rows {
            html.markup(row.held ? "<tr class=\"held\"><td>" : "<tr class=\"unmet\"><td>")
            html.text(row.name)
            html.markup("</td><td>")
            html.text(row.status)
            html.markup("</td><td>")
            html.text(row.completed)
            html.markup("</td><td>")
            html.text(row.expires)
            html.markup("</td></tr>")
        }
        html.markup("</tbody>\n</table>\n</section>")
    }

    /// The card of what was signed.
    private static func certified(_ page: VerificationPage, into html: inout HTMLWriter) {
        html.markup(
            "<section class=\"card\" aria-labelledby=\"signed\">\n<h2 id=\"signed\">What was certified</h2>\n<dl>\n<dt>Learner</dt><dd>")
        html.text(page.learnerName)
        html.markup("</dd>\n<dt>Achievement</dt><dd>")
        html.text(page.achievementName)
        html.markup("</dd>\n")
        if let about = page.achievementDescription {
            html.markup("<dt>About</dt><dd>")
            html.text(about)
            html.markup("</dd>")
        }
        html.markup("\n<dt>Issuer</dt><dd>")
        html.text(page.issuerName)
        html.markup("</dd>\n")
        let terms: [(StaticString, String?)] = [
            ("<dt>Completed</dt><dd>", page.completedOn), ("<dt>Issued</dt><dd>", page.validFrom),
            ("<dt>Valid until</dt><dd>", page.validUntil), ("<dt>Score</dt><dd>", page.score),
        ]
        for (term, value) in terms {
            if let value {
                html.markup(term)
                html.text(value)
                html.markup("</dd>")
            }
            html.markup("\n")
        }
        html.markup("<dt>Certificate id</dt><dd><code>")
        html.text(page.credentialID)
        html.markup("</code></dd>\n</dl>\n")
        if !page.modules.isEmpty {
            html.markup("<h3>Modules</h3>\n<ul>")
            for module in page.modules {
                html.markup("<li>")
                html.text(module.name)
                html.markup(" — ")
                html.text(module.narrative)
                html.markup("</li>")
            }
            html.markup("</ul>")
        }
        html.markup("\n</section>\n")
    }

    /// The signature card, the downloads and the preview.
    private static func signatureAndLinks(_ page: VerificationPage, into html: inout HTMLWriter) {
        html.markup("<section class=\"card\" aria-labelledby=\"signature\">\n<h2 id=\"signature\">Signature</h2>\n")
        html.markup(page.signatureChecked ? "<p>✓ " : "\n<p>✗ The signature could not be confirmed: ")
        html.text(page.signatureMessage)
        html.markup(page.signatureChecked ? "</p>\n\n" : "</p>\n")
        if let key = page.signingKey {
            html.markup("<p class=\"hint\">Signed with the key <code>")
            html.text(key)
            html.markup("</code>.</p>")
        }
        html.markup("\n</section>\n<nav class=\"actions\" aria-label=\"Downloads\">\n")
        if page.hasPDF {
            html.markup("<a href=\"/c/")
            html.text(page.credentialID)
            html.markup(".pdf\">Download the PDF</a>")
        }
        html.markup("\n<a href=\"/c/")
        html.text(page.credentialID)
        html.markup(".json\">Download the credential (JSON)</a>\n")
        if let linkedIn = page.linkedInURL {
            html.markup("<a href=\"")
            html.text(linkedIn)
            html.markup("\" rel=\"noopener\">Add to LinkedIn profile</a>")
        }
        html.markup("\n</nav>\n")
        if page.hasPNG {
            html.markup("<h2>Certificate</h2>\n<p><img class=\"preview\" src=\"/c/")
            html.text(page.credentialID)
            html.markup(".png\" alt=\"The certificate of ")
            html.text(page.learnerName)
            html.markup(" for ")
            html.text(page.achievementName)
            html.markup("\" width=\"1200\" height=\"848\"></p>")
        }
        html.markup("\n<p class=\"hint\"><a href=\"/verify\">Verify another certificate</a></p>\n</main>\n</body>\n</html>")
    }
}
