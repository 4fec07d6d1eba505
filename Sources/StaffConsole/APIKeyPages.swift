import Foundation
import IssuerCore

/// The pages of Settings → API keys. A token appears only on ``tokenPage(_:token:secret:rotated:)``,
/// the answer to the form that made it; no page shows a token hash or an HMAC secret otherwise.
enum APIKeyPages: ShowsFieldProblems {
    /// A field the admin must correct, with the message shown beside it and in the summary.
    typealias Problem = FieldProblem

    static let roleHints: [(APIRole, String)] = [
        (.lms, "LMS: posts completions only (events must be signed; the secret is shown once)"),
        (.viewer, "Viewer: reads, changes nothing"),
        (.issuer, "Issuer: reads, changes credentials and decides reviews"),
        (.admin, "Administrator: everything, including API keys"),
    ]

    static func roleTitle(_ role: APIRole) -> String {
        switch role {
        case .admin: "Administrator"
        case .issuer: "Issuer"
        case .lms: "LMS"
        case .viewer: "Viewer"
        }
    }

    static func state(_ key: APIKeyRecord, now: Date) -> HTML {
        if key.revokedAt != nil { return "<strong class=\"tag tag--revoked\">Revoked</strong>" }
        if !key.isUsable(at: now) { return "<strong class=\"tag tag--grey\">Expired</strong>" }
        return "<strong class=\"tag tag--valid\">Active</strong>"
    }

    static func listPage(_ keys: [APIKeyRecord], now: Date, csrf: HTML, done: String?, problem: Problem?, form: ConsoleForm?) -> ConsolePage
    {
        let notice: HTML =
            done == "revoked"
            ? "<div class=\"notice notice--success\" role=\"status\"><p>The key was revoked. The API refuses it from the next request on.</p></div>"
            : .empty
        let rows: [HTML] = keys.map { key in
            let expires = key.expiresAt.map { ConsoleDates.dateTime($0) } ?? "Never"
            let allowed = key.allowedNetworks.isEmpty ? "Anywhere" : key.allowedNetworks.map(\.description).joined(separator: ", ")
            let lastUsed: HTML =
                key.lastUsedAt.map { date in
                    "\(ConsoleDates.dateTime(date))\(key.lastUsedAddress.map { HTML(" from <code>\($0)</code>") } ?? .empty)"
                } ?? "Never"
            let overlap: HTML =
                key.previousTokenValidUntil.flatMap { until in
                    key.acceptsPreviousToken(at: now) ? "<br>The old token works until \(ConsoleDates.dateTime(until))" : nil
                } ?? .empty
            let actions: HTML =
                key.isUsable(at: now)
                ? """
                <a href="/console/settings/api-keys/\(key.id)/rotate">Rotate<span class="visually-hidden"> \(key.name)</span></a>
                · <a href="/console/settings/api-keys/\(key.id)/revoke">Revoke<span class="visually-hidden"> \(key.name)</span></a>
                """ : .empty
            return """
                <tr>
                <td data-label="Name">\(key.name)<br><code>\(key.id)</code></td>
                <td data-label="Role">\(roleTitle(key.role))</td>
                <td data-label="State">\(state(key, now: now))\(overlap)</td>
                <td data-label="Expires">\(expires)</td>
                <td data-label="Allowed from">\(allowed)</td>
                <td data-label="Last used">\(lastUsed)</td>
                <td data-label="Actions">\(actions)</td>
                </tr>
                """
        }
        let table: HTML =
            keys.isEmpty
            ? "<p>There are no API keys yet.</p>"
            : """
            <table class="responsive">
            <caption>Keys of the HTTP API</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">State</th><th scope="col">Expires</th><th scope="col">Allowed from</th><th scope="col">Last used</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
            \(HTML.joined(rows))
            </tbody>
            </table>
            """
        let roleOptions: [HTML] = roleHints.map { role, hint in
            "<option value=\"\(role.rawValue)\"\(form?["role"] == role.rawValue ? " selected" : "")>\(hint)</option>"
        }
        return ConsolePage(
            title: problem == nil ? "API keys" : "Error: API keys", section: .settings,
            body: """
                \(errorSummary(problem))
                \(notice)
                <span class="caption">Settings</span>
                <h1>API keys</h1>
                <p>Systems such as your LMS use these keys to call the API of this issuer. The API refuses a key that is revoked or expired (401) and a request from an address outside the key's allow-list (403).</p>
                \(table)
                <h2 id="create">Create a key</h2>
                <form method="post" action="/console/settings/api-keys">
                \(csrf)
                <div class="\(fieldClass("name", problem))"><label for="name">Name</label>
                <p class="hint" id="name-hint">Who uses the key, for example the LMS. Completions it reports carry this name as their source.</p>
                \(fieldError("name", problem))
                <input type="text" id="name" name="name" maxlength="64" autocomplete="off" spellcheck="false" aria-describedby="name-hint\(describedBy("name", problem))" value="\(form?["name"] ?? "")"></div>
                <div class="\(fieldClass("role", problem))"><label for="role">What the key may do</label>
                \(fieldError("role", problem))
                <select id="role" name="role"\(problem?.field == "role" ? HTML(" aria-describedby=\"role-error\"") : .empty)>\(HTML.joined(roleOptions))</select></div>
                <div class="\(fieldClass("expires", problem))"><label for="expires">Expiry date (optional)</label>
                <p class="hint" id="expires-hint">The key stops working at 00:00 UTC on this day. Leave empty for a key that does not expire.</p>
                \(fieldError("expires", problem))
                <input type="date" id="expires" name="expires" aria-describedby="expires-hint\(describedBy("expires", problem))" value="\(form?["expires"] ?? "")"></div>
                <div class="\(fieldClass("allowed", problem))"><label for="allowed">Allowed addresses (optional)</label>
                <p class="hint" id="allowed-hint">IP addresses or CIDR blocks, IPv4 or IPv6, one per line, for example 10.0.0.0/8 or 2001:db8::/32. Leave empty to accept the key from anywhere.</p>
                \(fieldError("allowed", problem))
                <textarea id="allowed" name="allowed" rows="3" spellcheck="false" aria-describedby="allowed-hint\(describedBy("allowed", problem))">\(form?["allowed"] ?? "")</textarea></div>
                <button type="submit">Create the key</button>
                </form>
                """, status: problem == nil ? .ok : .badRequest)
    }

    /// The one page that shows a token (and the HMAC secret of a new LMS key).
    static func tokenPage(_ key: APIKeyRecord, token: String, secret: String?, rotated: Bool) -> ConsolePage {
        let overlap: HTML =
            rotated
            ? (key.previousTokenValidUntil.map {
                "<p>The old token keeps working until \(ConsoleDates.dateTime($0)). Put the new token in place before then.</p>"
            }
                ?? "<p>The old token stopped working now.</p>")
            : .empty
        let secretField: HTML =
            secret.map { secret in
                """
                <div class="field"><label for="secret">Secret for signing events (X-Attest-Signature)</label>
                <input type="text" id="secret" readonly value="\(secret)" spellcheck="false" autocomplete="off"></div>
                """
            } ?? .empty
        return ConsolePage(
            title: rotated ? "New token for \(key.name)" : "API key created", section: .settings,
            body: """
                <div class="notice notice--success" role="status"><p>\(rotated ? "The key \(key.name) has a new token." : "The key \(key.name) was created.")</p></div>
                <span class="caption">Settings · API keys</span>
                <h1>\(rotated ? "Copy the new token now" : "Copy the token now")</h1>
                <div class="notice"><p><strong class="tag tag--warning">Shown once</strong> <strong>This is the only time the token is shown.</strong> Attest keeps only a fingerprint of it and cannot show it again. If it is lost, rotate the key.</p></div>
                <div class="field"><label for="token">Token of <code>\(key.id)</code></label>
                <input type="text" id="token" readonly value="\(token)" spellcheck="false" autocomplete="off"></div>
                \(secretField)
                \(overlap)
                <p>Send it as <code>Authorization: Bearer TOKEN</code>.</p>
                <p><a href="/console/settings/api-keys">Back to API keys</a></p>
                """)
    }

    static func rotatePage(_ key: APIKeyRecord, csrf: HTML, problem: Problem?, form: ConsoleForm?) -> ConsolePage {
        ConsolePage(
            title: problem == nil ? "Rotate \(key.name)" : "Error: Rotate \(key.name)", section: .settings,
            body: """
                \(errorSummary(problem))
                <span class="caption">Settings · API keys</span>
                <h1>Rotate the key \(key.name)</h1>
                <p>The key <code>\(key.id)</code> gets a new token, shown once on the next page. The old token keeps working for the overlap you choose, so the system that uses it can switch without a gap; then it stops. A token from an earlier rotation stops at once.</p>
                <form method="post" action="/console/settings/api-keys/\(key.id)/rotate">
                \(csrf)
                <div class="\(fieldClass("overlap", problem))"><label for="overlap">Overlap in hours</label>
                <p class="hint" id="overlap-hint">How long the old token keeps working: 0 to 720 hours (30 days). 0 stops it at once.</p>
                \(fieldError("overlap", problem))
                <input type="text" inputmode="numeric" id="overlap" name="overlap" maxlength="3" aria-describedby="overlap-hint\(describedBy("overlap", problem))" value="\(form?["overlap"] ?? "24")"></div>
                <button type="submit">Rotate the key</button>
                </form>
                <p><a href="/console/settings/api-keys">Cancel</a></p>
                """, status: problem == nil ? .ok : .badRequest)
    }

    static func revokePage(_ key: APIKeyRecord, csrf: HTML) -> ConsolePage {
        ConsolePage(
            title: "Revoke \(key.name)", section: .settings,
            body: """
                <span class="caption">Settings · API keys</span>
                <h1>Revoke the key \(key.name)</h1>
                <p>Every request with the key <code>\(key.id)</code> (\(roleTitle(key.role))) will be refused from now on, also its old token during a rotation overlap. This cannot be undone: a system that still needs access needs a new key.</p>
                <form method="post" action="/console/settings/api-keys/\(key.id)/revoke">
                \(csrf)
                <button type="submit" class="button--warning">Revoke the key</button>
                </form>
                <p><a href="/console/settings/api-keys">Cancel</a></p>
                """)
    }
}
