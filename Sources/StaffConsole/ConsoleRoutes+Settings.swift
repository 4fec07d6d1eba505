import Hummingbird
import IssuerCore

extension ConsoleRoutes {
    /// `/console/settings`: the staff accounts (everyone sees them; an admin adds and disables
    /// them) and whether everyone must use two-step sign-in (admin). The same rules as
    /// `attest staff` and `/api/v1/staff`, through ``StaffAccounts``; audited under the admin.
    func registerSettings(on console: RouterGroup<Context>) {
        console.get("settings") { request, context in
            try await page(request, context) { session in try await settingsPage(session, done: query(request)["done"]) }
        }
        console.post("settings/staff") { request, context in
            try await action(request, context, may: .administer) { session, form in
                guard let role = form["role"].flatMap(StaffRole.init(rawValue:)) else {
                    return try await render(try await settingsPage(session, error: "Choose a role", form: form), session: session)
                }
                do {
                    _ = try await StaffAccounts(environment: environment, actor: session.auditActor).add(
                        email: form["email"] ?? "", name: form["name"] ?? "", role: role)
                } catch let error as IssuerError where error.code == .invalidRequest || error.code == .duplicate {
                    return try await render(try await settingsPage(session, error: error.reason, form: form), session: session)
                }
                return ConsoleResponse.redirect(to: "/console/settings?done=added")
            }
        }
        console.post("settings/staff/:id/disable") { request, context in
            try await action(request, context, may: .administer) { session, _ in
                let id = context.parameters.get("id") ?? ""
                guard let member = try await environment.store.read({ try $0.staffMember(id: id) }) else {
                    throw ConsoleError(.notFound, "There is no member of staff with this id.")
                }
                guard member.id != session.member.id else {
                    throw ConsoleError(.badRequest, "You cannot disable your own account; ask another administrator.")
                }
                try await StaffAccounts(environment: environment, actor: session.auditActor).disable(email: member.email)
                return ConsoleResponse.redirect(to: "/console/settings?done=disabled")
            }
        }
        console.post("settings/two-factor") { request, context in
            try await action(request, context, may: .administer) { session, form in
                try await StaffAccounts(environment: environment, actor: session.auditActor).requireSecondFactor(form["required"] == "on")
                return ConsoleResponse.redirect(to: "/console/settings?done=two-factor")
            }
        }
    }

    func settingsPage(_ session: StaffSession, done: String? = nil, error: String? = nil, form: ConsoleForm? = nil) async throws
        -> ConsolePage
    {
        let (members, settings) = try await environment.store.read { (try $0.staffMembers(), try $0.staffSettings()) }
        let isAdmin = session.may(.administer)
        let notice: HTML =
            switch done {
            case "added":
                "<div class=\"notice notice--success\" role=\"status\"><p>The member of staff was added. They sign in at /console with their email address.</p></div>"
            case "disabled":
                "<div class=\"notice notice--success\" role=\"status\"><p>The account was disabled and its sessions ended.</p></div>"
            case "two-factor": "<div class=\"notice notice--success\" role=\"status\"><p>The two-step sign-in setting was saved.</p></div>"
            default: .empty
            }
        let rows: [HTML] = members.map { member in
            let state: HTML =
                member.isActive ? "<strong class=\"tag tag--valid\">Active</strong>" : "<strong class=\"tag tag--grey\">Disabled</strong>"
            let actions: HTML =
                isAdmin && member.isActive && member.id != session.member.id
                ? """
                <form method="post" action="/console/settings/staff/\(member.id)/disable" class="inline-form">
                \(session.csrfField)
                <button type="submit" class="button--secondary">Disable<span class="visually-hidden"> \(member.name)</span></button>
                </form>
                """ : .empty
            return """
                <tr>
                <td data-label="Name">\(member.name)</td>
                <td data-label="Email address">\(member.email)</td>
                <td data-label="Role">\(member.role.title)</td>
                <td data-label="Two-step sign-in">\(member.totpSecret == nil ? "Off" : "On")</td>
                <td data-label="State">\(state)</td>
                <td data-label="Actions">\(actions)</td>
                </tr>
                """
        }
        let roleOptions: [HTML] = StaffRole.allCases.map { role in
            "<option value=\"\(role.rawValue)\"\(form?["role"] == role.rawValue ? " selected" : "")>\(role.title)</option>"
        }
        let adminForms: HTML =
            isAdmin
            ? """
            <h2 id="add">Add a member of staff</h2>
            <form method="post" action="/console/settings/staff">
            \(session.csrfField)
            <div class="field"><label for="email">Email address</label>
            <input type="email" id="email" name="email" autocomplete="off" spellcheck="false" value="\(form?["email"] ?? "")"></div>
            <div class="field"><label for="name">Name</label>
            <input type="text" id="name" name="name" autocomplete="off" value="\(form?["name"] ?? "")"></div>
            <div class="field"><label for="role">Role</label>
            <p class="hint" id="role-hint">Administrator: everything. Issuer: learners and certificates, and reviews. Reviewer: decides reviews only. Viewer: sees everything, changes nothing.</p>
            <select id="role" name="role" aria-describedby="role-hint">\(roleOptions)</select></div>
            <button type="submit">Add the member of staff</button>
            </form>
            <h2>Two-step sign-in</h2>
            <form method="post" action="/console/settings/two-factor">
            \(session.csrfField)
            <div class="field field--checkbox">
            <input type="checkbox" id="required" name="required"\(settings.requireSecondFactor ? " checked" : "")>
            <label for="required">Everyone must use two-step sign-in</label>
            <p class="hint">People without an authenticator app set up are asked to set one up when they next sign in.</p>
            </div>
            <button type="submit" class="button--secondary">Save</button>
            </form>
            <h2>API keys</h2>
            <p><a href="/console/settings/api-keys">Manage API keys</a>: create, rotate and revoke the keys systems such as your LMS use.</p>
            """
            : "<p>Only an administrator can add or disable staff and change settings.</p>"
        let integrations: HTML = """
            <h2>Integrations</h2>
            <ul>
            <li><a href="/console/settings/webhooks">Webhooks</a>: the endpoints your LMS or HR system receives events at, their deliveries and signing secrets.</li>
            <li><a href="/console/settings/email">Email</a>: the mail server in use, a test email, and messages that failed.</li>
            <li><a href="/console/settings/keys">Signing keys</a>: the keys in the DID document, and rotation.</li>
            </ul>
            """
        return ConsolePage(
            title: error == nil ? "Settings" : "Error: Settings", section: .settings,
            body: """
                \(errorSummary(error, field: "email"))
                \(notice)
                <h1>Settings</h1>
                <table class="responsive">
                <caption>Staff who sign in to the console</caption>
                <thead><tr><th scope="col">Name</th><th scope="col">Email address</th><th scope="col">Role</th><th scope="col">Two-step sign-in</th><th scope="col">State</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
                <tbody>
                \(rows)
                </tbody>
                </table>
                <p>Two-step sign-in is \(settings.requireSecondFactor ? "required of everyone" : "optional").</p>
                \(adminForms)
                \(integrations)
                """, status: error == nil ? .ok : .badRequest)
    }
}
