import Delivery
import Foundation
import IssuerCore

/// The pages of Settings → Webhooks, Email and Signing keys (``ConsoleRoutes`` registers them).
/// Secrets appear once, on the answer to the form that made them, and never again.
enum IntegrationPages: ShowsFieldProblems {
    /// A form's problem: the field it is about and what to do.
    typealias Problem = FieldProblem

    static func notice(_ text: String?) -> HTML {
        text.map { "<div class=\"notice notice--success\" role=\"status\"><p>\($0)</p></div>" } ?? .empty
    }

    static func eventsText(_ events: [OutboxEvent]?) -> String {
        events.map { $0.map(\.rawValue).joined(separator: ", ") } ?? "All events"
    }

    static func state(_ message: OutboxMessage) -> HTML {
        switch message.state {
        case .sent: "<strong class=\"tag tag--valid\">Sent</strong>"
        case .failed: "<strong class=\"tag tag--revoked\">Failed</strong>"
        case .pending: "<strong class=\"tag tag--grey\">Waiting</strong>"
        }
    }

    /// The events as checkboxes, ticked as `chosen` says (`nil`: none ticked, meaning all).
    static func eventBoxes(chosen: [OutboxEvent]?, problem: Problem?) -> HTML {
        let boxes: [HTML] = OutboxEvent.allCases.filter { $0.isWebhookEvent }.enumerated().map { index, event in
            """
            <div class="field field--checkbox"><input type="checkbox" id="event-\(index)" name="event" value="\(event.rawValue)"\(chosen?.contains(event) == true ? " checked" : "")>
            <label for="event-\(index)">\(event.rawValue)</label></div>
            """
        }
        return """
            <fieldset class="\(fieldClass("event-0", problem))" aria-describedby="events-hint\(describedBy("event-0", problem))">
            <legend>Events</legend>
            <p class="hint" id="events-hint">Tick none to send every event, including ones added in later versions.</p>
            \(fieldError("event-0", problem))
            \(boxes)
            </fieldset>
            """
    }

    static func webhooksPage(
        _ endpoints: [WebhookEndpointRecord], now: Date, csrf: HTML, isAdmin: Bool, done: String?, problem: Problem?, form: ConsoleForm?
    ) -> ConsolePage {
        let rows: [HTML] = endpoints.map { endpoint in
            let overlap = endpoint.signingSecrets(at: now).count > 1 ? " (previous secret signs until \(ConsoleDates.dateTime(endpoint.previousSecretUntil!)))" : ""
            return """
                <tr>
                <td data-label="Endpoint"><a href="/console/settings/webhooks/\(endpoint.id)">\(endpoint.url)</a></td>
                <td data-label="Events">\(eventsText(endpoint.events))</td>
                <td data-label="Secret">Set\(overlap)</td>
                <td data-label="Added">\(ConsoleDates.dateTime(endpoint.createdAt))</td>
                </tr>
                """
        }
        let table: HTML =
            endpoints.isEmpty
            ? "<p>No webhook endpoints are set up here. (Endpoints written in <code>attest.json</code> still receive events and are not shown.)</p>"
            : """
            <table class="responsive">
            <caption>Webhook endpoints</caption>
            <thead><tr><th scope="col">Endpoint</th><th scope="col">Events</th><th scope="col">Signing secret</th><th scope="col">Added</th></tr></thead>
            <tbody>\(rows)</tbody>
            </table>
            """
        let add: HTML =
            isAdmin
            ? """
            <h2 id="add">Add an endpoint</h2>
            <form method="post" action="/console/settings/webhooks">
            \(csrf)
            <div class="\(fieldClass("url", problem))"><label for="url">URL</label>
            <p class="hint" id="url-hint">Where Attest POSTs signed JSON events: https://… (http:// only for a receiver on the same network).</p>
            \(fieldError("url", problem))
            <input type="url" id="url" name="url" spellcheck="false" autocomplete="off" aria-describedby="url-hint\(describedBy("url", problem))" value="\(form?["url"] ?? "")"></div>
            \(eventBoxes(chosen: form.map { $0.values("event").compactMap(OutboxEvent.init(rawValue:)) }, problem: problem))
            <button type="submit">Add the endpoint</button>
            </form>
            """ : "<p>Only an administrator can add or change webhook endpoints.</p>"
        return ConsolePage(
            title: problem == nil ? "Webhooks" : "Error: Webhooks", section: .settings,
            body: """
                \(errorSummary(problem))
                \(notice(done == "removed" ? "The endpoint was removed. Events already queued for it fail." : nil))
                <p><a href="/console/settings">Settings</a></p>
                <h1>Webhooks</h1>
                <p>Each event is POSTed as JSON with an <code>X-Attest-Signature</code> header (HMAC-SHA256 of the time and the body under the endpoint's secret; Spec/delivery.md). Failed deliveries are retried with growing waits.</p>
                \(table)
                \(add)
                """, status: problem == nil ? .ok : .badRequest)
    }

    /// The answer to adding or rotating: the secret, this once.
    static func secretPage(_ endpoint: WebhookEndpointRecord, rotated: Bool) -> ConsolePage {
        let overlap: HTML = endpoint.previousSecretUntil.map {
            "<p>The previous secret also signs every event until \(ConsoleDates.dateTime($0)), so the receiver can switch without missing one.</p>"
        } ?? .empty
        return ConsolePage(
            title: rotated ? "Secret rotated" : "Endpoint added", section: .settings,
            body: """
                <div class="notice notice--success" role="status"><p>\(rotated ? "The endpoint has a new signing secret." : "The endpoint was added.")</p></div>
                <h1>\(rotated ? "New signing secret" : "Endpoint added")</h1>
                <p>The signing secret of <strong>\(endpoint.url)</strong>, shown only this once. Put it in the receiver's settings now.</p>
                <div class="field"><label for="secret">Signing secret</label>
                <input type="text" id="secret" readonly spellcheck="false" value="\(endpoint.secret)"></div>
                \(overlap)
                <p><a href="/console/settings/webhooks/\(endpoint.id)">Back to the endpoint</a></p>
                """)
    }

    static func endpointPage(
        _ endpoint: WebhookEndpointRecord, deliveries: [OutboxMessage], now: Date, csrf: HTML, isAdmin: Bool, done: String?,
        problem: Problem?
    ) -> ConsolePage {
        let rows: [HTML] = deliveries.map { message in
            let retry: HTML =
                isAdmin && message.state == .failed
                ? """
                <form method="post" action="/console/settings/outbox/\(message.id)/retry" class="inline-form">\(csrf)
                <input type="hidden" name="back" value="/console/settings/webhooks/\(endpoint.id)">
                <button type="submit" class="button--secondary">Retry<span class="visually-hidden"> \(message.event.rawValue) \(message.id)</span></button></form>
                """ : .empty
            return """
                <tr>
                <td data-label="Event">\(message.event.rawValue)</td>
                <td data-label="Queued">\(ConsoleDates.dateTime(message.createdAt))</td>
                <td data-label="State">\(state(message))</td>
                <td data-label="Attempts">\(message.attempts)</td>
                <td data-label="Last answer">\(message.lastError ?? "—")</td>
                <td data-label="Actions">\(retry)</td>
                </tr>
                """
        }
        let deliveriesTable: HTML =
            deliveries.isEmpty
            ? "<p>Nothing has been sent to this endpoint yet.</p>"
            : """
            <table class="responsive">
            <caption>The last \(deliveries.count) deliveries, newest first</caption>
            <thead><tr><th scope="col">Event</th><th scope="col">Queued</th><th scope="col">State</th><th scope="col">Attempts</th><th scope="col">Last answer</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>\(rows)</tbody>
            </table>
            """
        let notices: [String: String] = [
            "events": "The events were saved.", "retried": "The delivery was queued again; it goes out within seconds.",
        ]
        let forms: HTML =
            isAdmin
            ? """
            <h2>Events</h2>
            <form method="post" action="/console/settings/webhooks/\(endpoint.id)/events">
            \(csrf)
            \(eventBoxes(chosen: endpoint.events, problem: problem))
            <button type="submit" class="button--secondary">Save the events</button>
            </form>
            <h2>Send a test event</h2>
            <p>A <code>webhook.test</code> event, signed like every other, POSTed now; the answer is shown here.</p>
            <form method="post" action="/console/settings/webhooks/\(endpoint.id)/test">\(csrf)<button type="submit" class="button--secondary">Send a test event</button></form>
            <h2>Rotate the signing secret</h2>
            <form method="post" action="/console/settings/webhooks/\(endpoint.id)/rotate">
            \(csrf)
            <div class="\(fieldClass("overlap", problem))"><label for="overlap">Overlap in hours</label>
            <p class="hint" id="overlap-hint">How long the old secret also signs, so the receiver can switch without missing an event (0 to 720).</p>
            \(fieldError("overlap", problem))
            <input type="text" inputmode="numeric" id="overlap" name="overlap" value="24" aria-describedby="overlap-hint\(describedBy("overlap", problem))"></div>
            <button type="submit" class="button--secondary">Rotate the secret</button>
            </form>
            <h2>Remove</h2>
            <form method="post" action="/console/settings/webhooks/\(endpoint.id)/remove">\(csrf)<button type="submit" class="button--warning">Remove the endpoint</button></form>
            """ : .empty
        let overlap = endpoint.signingSecrets(at: now).count > 1 ? " The previous secret also signs until \(ConsoleDates.dateTime(endpoint.previousSecretUntil!))." : ""
        return ConsolePage(
            title: problem == nil ? "Webhook endpoint" : "Error: Webhook endpoint", section: .settings,
            body: """
                \(errorSummary(problem))
                \(notice(done.flatMap { notices[$0] }))
                <p><a href="/console/settings/webhooks">Webhooks</a></p>
                <h1>Webhook endpoint</h1>
                <dl class="summary">
                <dt>URL</dt><dd>\(endpoint.url)</dd>
                <dt>Events</dt><dd>\(eventsText(endpoint.events))</dd>
                <dt>Signing secret</dt><dd>Set (shown only when made).\(overlap)</dd>
                <dt>Added</dt><dd>\(ConsoleDates.dateTime(endpoint.createdAt))</dd>
                </dl>
                <h2>Recent deliveries</h2>
                \(deliveriesTable)
                \(forms)
                """, status: problem == nil ? .ok : .badRequest)
    }

    static func testResultPage(_ endpoint: WebhookEndpointRecord, eventID: String, result: Result<Int, DeliveryError>) -> ConsolePage {
        let outcome: HTML =
            switch result {
            case .success(let status):
                "<div class=\"notice notice--success\" role=\"status\"><p>\(endpoint.url) answered \(status) to the test event \(eventID).</p></div>"
            case .failure(let error):
                "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>The test event did not arrive</h2><p>\(error.reason)</p></div>"
            }
        return ConsolePage(
            title: "Test event", section: .settings,
            body: """
                \(outcome)
                <h1>Test event</h1>
                <p><a href="/console/settings/webhooks/\(endpoint.id)">Back to the endpoint</a></p>
                """)
    }

    static func emailPage(
        _ mail: MailSetup?, failed: [OutboxMessage], defaultAddress: String, csrf: HTML, isAdmin: Bool, done: String?, problem: Problem?,
        result: HTML = .empty
    ) -> ConsolePage {
        let settings: HTML =
            mail.map { mail in
                let rows: [HTML] = mail.settings.map { "<dt>\($0.label)</dt><dd>\($0.value)</dd>" }
                return "<dl class=\"summary\">\(rows)</dl><p>Change these with <code>attest serve --smtp-url</code> (or <code>ATTEST_SMTP_URL</code>) and <code>--from</code>.</p>"
            } ?? "<p>This console was started without the server's mail settings.</p>"
        let test: HTML =
            isAdmin && mail != nil
            ? """
            <h2>Send a test email</h2>
            <form method="post" action="/console/settings/email/test">
            \(csrf)
            <div class="\(fieldClass("to", problem))"><label for="to">Send it to</label>
            \(fieldError("to", problem))
            <input type="email" id="to" name="to" spellcheck="false" autocomplete="email" value="\(defaultAddress)"\(HTML(unescaped: problem == nil ? "" : " aria-describedby=\"to-error\""))></div>
            <button type="submit" class="button--secondary">Send a test email</button>
            </form>
            """ : .empty
        let rows: [HTML] = failed.map { message in
            let retry: HTML =
                isAdmin
                ? """
                <form method="post" action="/console/settings/outbox/\(message.id)/retry" class="inline-form">\(csrf)
                <input type="hidden" name="back" value="/console/settings/email">
                <button type="submit" class="button--secondary">Retry<span class="visually-hidden"> \(message.id)</span></button></form>
                """ : .empty
            return """
                <tr>
                <td data-label="Message">\(message.channel.rawValue): \(message.event.rawValue)</td>
                <td data-label="To">\(message.recipient ?? "—")</td>
                <td data-label="Queued">\(ConsoleDates.dateTime(message.createdAt))</td>
                <td data-label="Attempts">\(message.attempts)</td>
                <td data-label="Last error">\(message.lastError ?? "—")</td>
                <td data-label="Actions">\(retry)</td>
                </tr>
                """
        }
        let outbox: HTML =
            failed.isEmpty
            ? "<p>No email or webhook has failed.</p>"
            : """
            <table class="responsive">
            <caption>Messages that failed after every attempt (the newest \(failed.count))</caption>
            <thead><tr><th scope="col">Message</th><th scope="col">To</th><th scope="col">Queued</th><th scope="col">Attempts</th><th scope="col">Last error</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>\(rows)</tbody>
            </table>
            """
        return ConsolePage(
            title: problem == nil ? "Email" : "Error: Email", section: .settings,
            body: """
                \(errorSummary(problem))
                \(result)
                \(notice(done == "retried" ? "The message was queued again; it goes out within seconds." : nil))
                <p><a href="/console/settings">Settings</a></p>
                <h1>Email</h1>
                <h2>Mail settings in use</h2>
                \(settings)
                \(test)
                <h2>Failed messages</h2>
                \(outbox)
                """, status: problem == nil ? .ok : .badRequest)
    }

    static func keysPage(
        _ keys: [SigningKeyRecord], issuer: IssuerProfile, csrf: HTML, isAdmin: Bool, canRotate: Bool, done: String?
    ) -> ConsolePage {
        let rows: [HTML] = keys.map { key in
            let state: HTML =
                key.compromisedSince != nil
                ? "<strong class=\"tag tag--revoked\">Compromised</strong>"
                : key.retiredAt == nil ? "<strong class=\"tag tag--valid\">Signing</strong>" : "<strong class=\"tag tag--grey\">Retired</strong>"
            return """
                <tr>
                <td data-label="Key"><code>\(issuer.did)#\(key.id)</code></td>
                <td data-label="State">\(state)</td>
                <td data-label="Made">\(ConsoleDates.dateTime(key.createdAt))</td>
                <td data-label="Retired">\(key.retiredAt.map(ConsoleDates.dateTime) ?? "—")</td>
                </tr>
                """
        }
        let rotate: HTML =
            !isAdmin ? "<p>Only an administrator can rotate the signing key.</p>"
            : !canRotate ? "<p>This server was started without a key store it may write to: rotate with <code>attest keys rotate</code>.</p>"
            : """
            <form method="post" action="/console/settings/keys/rotate">\(csrf)<button type="submit" class="button--secondary">Rotate the signing key</button></form>
            """
        return ConsolePage(
            title: "Signing keys", section: .settings,
            body: """
                \(notice(done == "rotated" ? "A new key signs from now on. The old key is retired and stays in the DID document." : nil))
                <p><a href="/console/settings">Settings</a></p>
                <h1>Signing keys</h1>
                <p>Every certificate is signed with the issuer's Ed25519 key. The keys are published in the <a href="/.well-known/did.json">DID document</a>, which verifiers and wallets read.</p>
                <table class="responsive">
                <caption>Keys in the DID document</caption>
                <thead><tr><th scope="col">Key</th><th scope="col">State</th><th scope="col">Made</th><th scope="col">Retired</th></tr></thead>
                <tbody>\(rows)</tbody>
                </table>
                <h2>Rotate</h2>
                <p>Rotating makes a new key that signs everything from now on. <strong>Certificates already issued are not changed and stay valid</strong>: the retired key stays in the DID document, so their signatures keep verifying, online and offline. Rotate on a schedule, or when someone who could read the key leaves. If the key may have been stolen, use <code>attest keys compromised</code> instead: that also says from when its signatures are not to be trusted.</p>
                \(rotate)
                """)
    }
}

extension OutboxEvent {
    /// Whether an endpoint can ask for it: the events that become webhooks (not the emails only staff and learners get).
    var isWebhookEvent: Bool {
        switch self {
        case .credentialIssuedSupervisor, .learnerLink, .staffSignIn, .walletTransactionCode, .complianceReminder: false
        default: true
        }
    }
}
