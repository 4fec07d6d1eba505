import Foundation
import IssuerCore

/// The markup of the kept-events pages (Review → Kept events): completion events nothing may
/// decide yet, each with why and what decides it; the learner data of one kept for invalid data
/// can be corrected, and any can be discarded with a reason. Every value escaped.
enum KeptEventPages: ShowsFieldProblems {
    static func stateTitle(_ state: ParkedState) -> String {
        switch state {
        case .invalidLearner: "Invalid learner data"
        case .unknownProgram: "No such program"
        case .unmapped: "Course not mapped"
        case .disabled: "Program disabled"
        }
    }

    /// What decides an event kept in `state`, for the person looking at it.
    static func whatDecides(_ state: ParkedState) -> String {
        switch state {
        case .invalidLearner: "Correct the learner data below, or the LMS sends the event again with the data corrected."
        case .unknownProgram: "It is decided when a program with this id is added (Programs)."
        case .unmapped: "It is decided when a program lists this course in its courses (Programs)."
        case .disabled: "It is decided when the program is enabled again (Programs)."
        }
    }

    /// The most events the list shows (the oldest); the counts say how many there are.
    static let listLimit = 500

    static func listPage(_ kept: [ParkedEvent], state: ParkedState?, counts: [ParkedState: Int]) -> ConsolePage {
        let total = state.map { counts[$0] ?? 0 } ?? counts.values.reduce(0, +)
        let options: [HTML] =
            ["<option value=\"\"\(state == nil ? HTML(" selected") : .empty)>Every reason</option>"]
            + ParkedState.allCases.map { option in
                "<option value=\"\(option.rawValue)\"\(option == state ? HTML(" selected") : .empty)>\(stateTitle(option)) (\(counts[option] ?? 0))</option>"
            }
        let rows: [HTML] = kept.map { event in
            """
            <tr><th scope="row" data-label="Event"><a href="/console/kept/\(event.id)">\(event.event.source) / \(event.event.eventID)</a></th>\
            <td data-label="Learner">\(event.event.learner.externalID)</td>\
            <td data-label="Kept because"><strong class="tag tag--warning">\(stateTitle(event.state))</strong> \(ReviewFormat.sentence(event.reason))</td>\
            <td data-label="Received">\(ReviewFormat.date(event.receivedAt))</td></tr>
            """
        }
        let table: HTML =
            rows.isEmpty
            ? "<p>No completion events are kept\(state == nil ? HTML("") : HTML(" for this reason")).</p>"
            : """
            <table class="responsive"><caption>Kept events, oldest first (\(total > kept.count ? HTML("the oldest \(kept.count) of \(total)") : HTML("\(total)")))</caption>
            <thead><tr><th scope="col">Event</th><th scope="col">Learner id</th><th scope="col">Kept because</th><th scope="col">Received</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return ConsolePage(
            title: "Kept events", section: .review,
            body: """
                <span class="caption">Review</span>
                <h1>Kept events</h1>
                <p>Completion events Attest took in but cannot decide yet: the learner data cannot go on a certificate, \
                the program they name does not exist or is disabled, or no program maps their course. None is dropped; \
                each is decided once what it waits for changes.</p>
                <form method="get" action="/console/kept" class="filters">
                <div class="field"><label for="state">Kept because</label><select id="state" name="state">\(options)</select></div>
                <div class="field"><button type="submit" class="button--secondary">Filter</button></div>
                </form>
                \(table)
                """)
    }

    /// The values a correction form shows: what was posted, else what the event said.
    struct CorrectionValues {
        var legalName: String
        var preferredName: String
        var email: String
        var note: String

        init(_ event: ParkedEvent) {
            legalName = event.event.learner.legalName
            preferredName = event.event.learner.preferredName ?? ""
            email = event.event.learner.email
            note = ""
        }

        init(_ form: ConsoleForm) {
            legalName = form["legalName"] ?? ""
            preferredName = form["preferredName"] ?? ""
            email = form["email"] ?? ""
            note = form["note"] ?? ""
        }
    }

    static func eventPage(
        _ kept: ParkedEvent, session: StaffSession, correction: CorrectionValues? = nil, problem: FieldProblem? = nil,
        discardReason: String = ""
    ) -> ConsolePage {
        let event = kept.event
        let learner = event.learner
        let facts: [(String, String)] =
            [
                ("Reported by", kept.actor), ("Source and event id", "\(event.source) / \(event.eventID)"),
                ("Program", event.programID.isEmpty ? "none named" : event.programID), ("Course", event.course ?? "none named"),
                ("Learner id", learner.externalID), ("Legal name", learner.legalName), ("Preferred name", learner.preferredName ?? "none"),
                ("Email", learner.email), ("Completed", ReviewFormat.date(event.completedAt)),
                ("Received", ReviewFormat.date(kept.receivedAt)),
            ]
        let list: [HTML] = facts.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }
        let mayChange = session.may(.changeCredentials)
        let correct: HTML =
            kept.state == .invalidLearner && mayChange ? correctionForm(kept, session: session, values: correction ?? .init(kept), problem: problem) : .empty
        let discard: HTML =
            mayChange
            ? """
            <h2>Discard it</h2>
            <p>The event is forgotten without a decision: no certificate, no email. If the LMS sends it again, it is taken in as new.</p>
            <form method="post" action="/console/kept/\(kept.id)/discard">
            \(session.csrfField)
            <div class="\(fieldClass("reason", problem))"><label for="reason">Why</label>
            <p class="hint" id="reason-hint">Required. It is kept in the audit trail with your name.</p>
            \(fieldError("reason", problem))
            <textarea id="reason" name="reason" maxlength="1000" aria-describedby="reason-hint\(describedBy("reason", problem))">\(discardReason)</textarea></div>
            <div class="button-group"><button type="submit" class="button--warning">Discard the event</button></div>
            </form>
            """ : .empty
        return ConsolePage(
            title: "Kept event \(kept.id)", section: .review,
            body: """
                \(errorSummary(problem))
                <span class="caption"><a href="/console/kept">Kept events</a></span>
                <h1>Kept event \(kept.id)</h1>
                <p><strong class="tag tag--warning">\(stateTitle(kept.state))</strong> \(ReviewFormat.sentence(kept.reason))</p>
                <p>\(whatDecides(kept.state))</p>
                <dl class="summary">\(list)</dl>
                \(correct)
                \(discard)
                """,
            status: problem == nil ? .ok : .badRequest)
    }

    private static func correctionForm(_ kept: ParkedEvent, session: StaffSession, values: CorrectionValues, problem: FieldProblem?) -> HTML {
        func field(_ name: String, _ label: String, _ hint: String, _ value: String, type: String = "text", autocomplete: String) -> HTML {
            """
            <div class="\(fieldClass(name, problem))"><label for="\(name)">\(label)</label>
            <p class="hint" id="\(name)-hint">\(hint)</p>
            \(fieldError(name, problem))
            <input id="\(name)" name="\(name)" type="\(type)" value="\(value)" maxlength="300" autocomplete="\(autocomplete)" \
            aria-describedby="\(name)-hint\(describedBy(name, problem))"></div>
            """
        }
        return """
            <h2>Correct the learner data</h2>
            <p>Once corrected, the completion is decided by the program's rules as if it had just arrived: \
            a certificate it issues is emailed to the address below.</p>
            <form method="post" action="/console/kept/\(kept.id)/correct" novalidate>
            \(session.csrfField)
            \(field("legalName", "Legal name", "As on the learner's identity documents.", values.legalName, autocomplete: "off"))
            \(field("preferredName", "Name on the certificate (optional)", "Leave empty to print the legal name.", values.preferredName, autocomplete: "off"))
            \(field("email", "Email address", "Where the certificate is sent.", values.email, type: "email", autocomplete: "off"))
            <div class="\(fieldClass("note", problem))"><label for="note">Note</label>
            <p class="hint" id="note-hint">Required: where the right data came from. It is kept in the audit trail with your name.</p>
            \(fieldError("note", problem))
            <textarea id="note" name="note" maxlength="1000" aria-describedby="note-hint\(describedBy("note", problem))">\(values.note)</textarea></div>
            <div class="button-group"><button type="submit">Correct and decide</button></div>
            </form>
            """
    }

    /// After a correction: what the rules decided.
    static func decidedPage(_ kept: ParkedEvent, outcome: IntakeOutcome) -> ConsolePage {
        let result: HTML =
            switch outcome {
            case .issued(_, let credentialID), .alreadyHeld(_, let credentialID):
                "A certificate was issued: <a href=\"/console/credentials/\(credentialID)\">\(credentialID)</a>. The learner is emailed."
            case .held(let completionID, _):
                "The rules held it for review: <a href=\"/console/review/\(completionID)\">open the completion</a>."
            case .rejected(_, let reasons): "The rules rejected it: \(ReviewFormat.sentence(reasons.joined(separator: "; ")))"
            case .scheduled(_, let dueAt): "It will be issued on \(ReviewFormat.date(dueAt)), after the program's review period."
            case .shadowed: "The program is in shadow mode: the decision is recorded and nothing is issued."
            case .parked(let id, let state, _):
                "It is kept again, now because: \(stateTitle(state).lowercased()). <a href=\"/console/kept/\(id)\">Open it</a>."
            case .duplicate: "The same event had already been decided; nothing changed."
            }
        return ConsolePage(
            title: "Corrected", section: .review,
            body: """
                <span class="caption"><a href="/console/kept">Kept events</a></span>
                <h1>Corrected and decided</h1>
                <p role="status">\(result)</p>
                <p><a href="/console/kept">Back to the kept events</a></p>
                """)
    }

    static func discardedPage(_ kept: ParkedEvent) -> ConsolePage {
        ConsolePage(
            title: "Discarded", section: .review,
            body: """
                <span class="caption"><a href="/console/kept">Kept events</a></span>
                <h1>Event discarded</h1>
                <p role="status">The event \(kept.event.source) / \(kept.event.eventID) was discarded; the audit trail has your reason.</p>
                <p><a href="/console/kept">Back to the kept events</a></p>
                """)
    }
}
