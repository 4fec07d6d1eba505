import Foundation
import Mustache
import Pages
import Testing

@testable import IssuerServer

/// The verification page written in Swift (`VerificationPageHTML`) against the Mustache template it
/// replaced, kept here as the reference: the same bytes for every kind of page, and every value escaped.
@Suite("The verification page's Swift renderer")
struct VerificationPageHTMLTests {
    static let page = VerificationPage(
        state: .valid, stateReason: nil, credentialID: "4WQB2803", pageURL: "https://certs.example.org/c/4WQB2803",
        learnerName: "Zoë Åkesson", achievementName: "Working at Height — Level 2", achievementDescription: "Ladders & scaffolds.",
        issuerName: "Example Safety Training", validFrom: "2026-11-23 09:00 UTC", validUntil: "2029-11-23 09:00 UTC",
        completedOn: "2026-11-10", score: "92", modules: [("ladders", "Completed on 2026-11-10"), ("harness", "Completed")],
        signatureChecked: true, signatureMessage: "The issuer's Ed25519 signature was checked.",
        signingKey: "did:web:certs.example.org#key-1", hasPDF: true, hasPNG: true, supersededBy: nil,
        linkedInURL: "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=A%20B")

    static let training = LiveTrainingSection(
        isValid: false, decidesVerdict: true, group: "Scaffolders", asOf: "2026-12-05 02:00 UTC",
        rows: [
            .init(name: "Harness", status: "Complete", completed: "2026-01-02 00:00 UTC", expires: "2027-01-02 00:00 UTC", held: true),
            .init(name: "Rescue", status: "MISSING", completed: "—", expires: "—", held: false),
        ])

    /// Every kind of page: each optional part present and absent, each verdict, the live section deciding or not.
    static var variants: [(String, VerificationPage)] {
        var bare = page
        (bare.achievementDescription, bare.validFrom, bare.validUntil, bare.completedOn, bare.score) = (nil, nil, nil, nil, nil)
        (bare.modules, bare.signingKey, bare.hasPDF, bare.hasPNG, bare.linkedInURL) = ([], nil, false, false, nil)
        var revoked = page
        (revoked.state, revoked.stateReason, revoked.linkedInURL) = (.revoked, "issued in error", nil)
        var superseded = page
        (superseded.state, superseded.supersededBy) = (.superseded, "NEWER123")
        var unsigned = page
        (unsigned.signatureChecked, unsigned.signatureMessage) = (false, "the proof does not match")
        var deciding = page
        deciding.training = training
        var shown = page
        (shown.state, shown.stateReason) = (.suspended, "paused by the registrar")
        shown.training = LiveTrainingSection(isValid: true, decidesVerdict: false, group: "All", asOf: "now", rows: [])
        var emptyStrings = page
        (emptyStrings.stateReason, emptyStrings.score, emptyStrings.learnerName) = ("", "", "")
        return [
            ("valid", page), ("bare", bare), ("revoked", revoked), ("superseded", superseded), ("unsigned", unsigned),
            ("training decides", deciding), ("training shown", shown), ("empty strings", emptyStrings),
            (
                "expired",
                {
                    var expired = page; expired.state = .expired; return expired
                }()
            ),
            (
                "invalid",
                {
                    var invalid = page; invalid.state = .invalid; return invalid
                }()
            ),
        ]
    }

    @Test(arguments: variants.map(\.0))
    func sameBytesAsTheMustacheTemplate(variant: String) throws {
        let page = try #require(Self.variants.first { $0.0 == variant }?.1)
        let reference = try Self.referenceRendering(page)
        let written = String(decoding: VerificationPageHTML.render(page), as: UTF8.self)
        #expect(Array(written.utf8) == Array(reference.utf8), "\(Self.firstDifference(written, reference))")
    }

    /// Each text field, set in turn to markup, comes out escaped and never as markup.
    @Test func everyFieldIsEscaped() {
        let hostile = #"<b id="x">'&"#
        let escaped = "&lt;b id=&quot;x&quot;&gt;&#39;&amp;"
        var fields: [(String, (inout VerificationPage) -> Void)] = [
            ("credentialID", { $0.credentialID = hostile }), ("pageURL", { $0.pageURL = hostile }),
            ("learnerName", { $0.learnerName = hostile }), ("achievementName", { $0.achievementName = hostile }),
            ("issuerName", { $0.issuerName = hostile }), ("signatureMessage", { $0.signatureMessage = hostile }),
            ("stateReason", { $0.stateReason = hostile }), ("achievementDescription", { $0.achievementDescription = hostile }),
            ("validFrom", { $0.validFrom = hostile }), ("validUntil", { $0.validUntil = hostile }),
            ("completedOn", { $0.completedOn = hostile }), ("score", { $0.score = hostile }),
            ("signingKey", { $0.signingKey = hostile }), ("supersededBy", { $0.supersededBy = hostile }),
            ("linkedInURL", { $0.linkedInURL = hostile }), ("module name", { $0.modules = [(hostile, "n")] }),
            ("module narrative", { $0.modules = [("m", hostile)] }),
        ]
        let rowFields: [(String, (inout LiveTrainingSection.Row) -> Void)] = [
            ("row name", { $0.name = hostile }), ("row status", { $0.status = hostile }),
            ("row completed", { $0.completed = hostile }), ("row expires", { $0.expires = hostile }),
        ]
        for (name, change) in rowFields {
            fields.append(
                (
                    name,
                    { page in
                        page.training = Self.training; change(&page.training!.rows[0])
                    }
                ))
        }
        fields.append(
            (
                "training group",
                {
                    $0.training = Self.training; $0.training!.group = hostile
                }
            ))
        fields.append(
            (
                "training as of",
                {
                    $0.training = Self.training; $0.training!.asOf = hostile
                }
            ))
        for (name, change) in fields {
            var page = Self.page
            change(&page)
            let html = String(decoding: VerificationPageHTML.render(page), as: UTF8.self)
            #expect(!html.contains("<b id"), "\(name) reached the page as markup")
            #expect(html.contains(escaped), "\(name) is not on the page escaped")
        }
    }

    // MARK: - The reference: the Mustache template and values the page was rendered with before.

    static func referenceRendering(_ page: VerificationPage) throws -> String {
        var library = MustacheLibrary()
        library.register(try HTMLEscaping.template(referenceTemplate), named: "verification")
        var values: [String: Any] = [
            "title": "\(page.state.banner): \(page.achievementName) — \(page.learnerName)",
            "state": page.state.rawValue, "banner": page.state.banner, "explanation": page.state.explanation,
            "learnerName": page.learnerName, "achievementName": page.achievementName, "issuerName": page.issuerName,
            "credentialID": page.credentialID, "pageURL": page.pageURL, "signatureChecked": page.signatureChecked,
            "signatureMessage": page.signatureMessage, "hasPDF": page.hasPDF, "hasPNG": page.hasPNG,
            "modules": page.modules.map { ["name": $0.name, "narrative": $0.narrative] }, "hasModules": !page.modules.isEmpty,
            "description": "\(page.learnerName) — \(page.achievementName), issued by \(page.issuerName)",
        ]
        let optional: [String: String?] = [
            "stateReason": page.stateReason, "achievementDescription": page.achievementDescription, "validFrom": page.validFrom,
            "validUntil": page.validUntil, "completedOn": page.completedOn, "score": page.score, "signingKey": page.signingKey,
            "supersededBy": page.supersededBy, "linkedInURL": page.linkedInURL,
        ]
        for (key, value) in optional { if let value { values[key] = value } }
        if page.hasPNG { values["imageURL"] = page.pageURL + ".png" }
        if let training = page.training {
            values["training"] = [
                "valid": training.isValid, "banner": training.banner, "group": training.group, "asOf": training.asOf,
                "rows": training.rows.map {
                    ["name": $0.name, "status": $0.status, "completed": $0.completed, "expires": $0.expires, "held": $0.held]
                },
            ]
            if training.decidesVerdict {
                (values["banner"], values["state"], values["explanation"]) = (
                    training.banner, training.isValid ? "valid" : "invalid", training.explanation
                )
                values["title"] = "\(training.banner): \(page.achievementName) — \(page.learnerName)"
            }
        }
        return try #require(library.render(values, withTemplate: "verification"))
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        let index = (0..<min(x.count, y.count)).first { x[$0] != y[$0] } ?? min(x.count, y.count)
        func around(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, index - 40)..<min(bytes.count, index + 40)], as: UTF8.self)
        }
        return "at byte \(index): Swift …\(around(x))… Mustache …\(around(y))…"
    }

    static let referenceTemplate =
        PageTemplates.head + """
            <meta name="description" content="{{description}}">
            <meta property="og:type" content="website">
            <meta property="og:title" content="{{achievementName}} — {{learnerName}}">
            <meta property="og:description" content="{{banner}}: {{description}}">
            <meta property="og:url" content="{{pageURL}}">
            {{#imageURL}}<meta property="og:image" content="{{imageURL}}">
            <meta name="twitter:image" content="{{imageURL}}">{{/imageURL}}
            <meta name="twitter:card" content="summary_large_image">
            <meta name="twitter:title" content="{{achievementName}} — {{learnerName}}">
            </head>
            <body>
            <main>
            <section class="banner state-{{state}}" role="status" aria-labelledby="verdict">
            <h1 id="verdict">{{banner}}</h1>
            <p>{{explanation}}</p>
            {{#stateReason}}<p>Reason: {{stateReason}}</p>{{/stateReason}}
            {{#supersededBy}}<p><a style="color:#ffffff" href="/c/{{supersededBy}}">See the current version of this certificate</a></p>{{/supersededBy}}
            </section>
            {{#training}}<section class="card" aria-labelledby="live">
            <h2 id="live">Live training state — {{group}}</h2>
            <p><strong>{{banner}}</strong> — live training state as of {{asOf}}, from the issuer's records now; the certificate below shows what was signed when it was issued.</p>
            <table>
            <thead><tr><th scope="col">Module</th><th scope="col">Status</th><th scope="col">Completed</th><th scope="col">Expires</th></tr></thead>
            <tbody>{{#rows}}<tr class="{{#held}}held{{/held}}{{^held}}unmet{{/held}}"><td>{{name}}</td><td>{{status}}</td><td>{{completed}}</td><td>{{expires}}</td></tr>{{/rows}}</tbody>
            </table>
            </section>{{/training}}
            <section class="card" aria-labelledby="signed">
            <h2 id="signed">What was certified</h2>
            <dl>
            <dt>Learner</dt><dd>{{learnerName}}</dd>
            <dt>Achievement</dt><dd>{{achievementName}}</dd>
            {{#achievementDescription}}<dt>About</dt><dd>{{achievementDescription}}</dd>{{/achievementDescription}}
            <dt>Issuer</dt><dd>{{issuerName}}</dd>
            {{#completedOn}}<dt>Completed</dt><dd>{{completedOn}}</dd>{{/completedOn}}
            {{#validFrom}}<dt>Issued</dt><dd>{{validFrom}}</dd>{{/validFrom}}
            {{#validUntil}}<dt>Valid until</dt><dd>{{validUntil}}</dd>{{/validUntil}}
            {{#score}}<dt>Score</dt><dd>{{score}}</dd>{{/score}}
            <dt>Certificate id</dt><dd><code>{{credentialID}}</code></dd>
            </dl>
            {{#hasModules}}<h3>Modules</h3>
            <ul>{{#modules}}<li>{{name}} — {{narrative}}</li>{{/modules}}</ul>{{/hasModules}}
            </section>
            <section class="card" aria-labelledby="signature">
            <h2 id="signature">Signature</h2>
            {{#signatureChecked}}<p>✓ {{signatureMessage}}</p>{{/signatureChecked}}
            {{^signatureChecked}}<p>✗ The signature could not be confirmed: {{signatureMessage}}</p>{{/signatureChecked}}
            {{#signingKey}}<p class="hint">Signed with the key <code>{{signingKey}}</code>.</p>{{/signingKey}}
            </section>
            <nav class="actions" aria-label="Downloads">
            {{#hasPDF}}<a href="/c/{{credentialID}}.pdf">Download the PDF</a>{{/hasPDF}}
            <a href="/c/{{credentialID}}.json">Download the credential (JSON)</a>
            {{#linkedInURL}}<a href="{{linkedInURL}}" rel="noopener">Add to LinkedIn profile</a>{{/linkedInURL}}
            </nav>
            {{#hasPNG}}<h2>Certificate</h2>
            <p><img class="preview" src="/c/{{credentialID}}.png" alt="The certificate of {{learnerName}} for {{achievementName}}" width="1200" height="848"></p>{{/hasPNG}}
            <p class="hint"><a href="/verify">Verify another certificate</a></p>
            </main>
            </body>
            </html>
            """
}
