import Delivery
import Foundation
import Hummingbird
import IssuerCore

/// Settings → Webhooks, Email and Signing keys (issue 18 point 5). Every member of staff may look
/// (no page shows a secret or a password); only an administrator changes anything, each change
/// through the same services as `attest webhooks` and the API, audited under the administrator.
extension ConsoleRoutes {
    /// How many recent deliveries an endpoint's page lists, and how many failed messages the Email page lists.
    static var recentDeliveries: Int { 20 }

    func registerIntegrations(on console: RouterGroup<Context>) {
        console.get("settings/webhooks") { request, context in
            try await page(request, context) { session in try await webhooksPage(session, done: query(request)["done"]) }
        }
        console.post("settings/webhooks") { request, context in
            try await action(request, context, may: .administer) { session, form in
                let events = form.values("event").compactMap(OutboxEvent.init(rawValue:))
                do {
                    let endpoint = try await WebhookEndpoints(environment: environment, actor: session.auditActor).add(
                        url: form.trimmed("url") ?? "", events: events.isEmpty ? nil : events)
                    return try await render(IntegrationPages.secretPage(endpoint, rotated: false), session: session)
                } catch let error as IssuerError where error.code == .invalidRequest || error.code == .duplicate {
                    let problem = IntegrationPages.Problem(field: "url", message: error.reason.prefix(1).uppercased() + error.reason.dropFirst())
                    return try await render(try await webhooksPage(session, problem: problem, form: form), session: session)
                }
            }
        }
        console.get("settings/webhooks/:id") { request, context in
            try await page(request, context) { session in
                try await endpointPage(session, id: context.parameters.get("id"), done: query(request)["done"])
            }
        }
        console.post("settings/webhooks/:id/events") { request, context in
            try await action(request, context, may: .administer) { session, form in
                let endpoint = try await webhookEndpoint(context.parameters.get("id"))
                let events = form.values("event").compactMap(OutboxEvent.init(rawValue:))
                try await WebhookEndpoints(environment: environment, actor: session.auditActor).setEvents(
                    id: endpoint.id, events: events.isEmpty ? nil : events)
                return ConsoleResponse.redirect(to: "/console/settings/webhooks/\(endpoint.id)?done=events")
            }
        }
        console.post("settings/webhooks/:id/rotate") { request, context in
            try await action(request, context, may: .administer) { session, form in
                let endpoint = try await webhookEndpoint(context.parameters.get("id"))
                guard let hours = form.trimmed("overlap").flatMap(Int.init), (0...720).contains(hours) else {
                    let problem = IntegrationPages.Problem(field: "overlap", message: "Enter the overlap in whole hours, from 0 to 720 (30 days)")
                    return try await render(try await endpointPage(session, id: endpoint.id, problem: problem), session: session)
                }
                let rotated = try await WebhookEndpoints(environment: environment, actor: session.auditActor).rotateSecret(
                    id: endpoint.id, overlap: TimeInterval(hours) * 3_600)
                return try await render(IntegrationPages.secretPage(rotated, rotated: true), session: session)
            }
        }
        console.post("settings/webhooks/:id/test") { request, context in
            try await action(request, context, may: .administer) { session, _ in
                let endpoint = try await webhookEndpoint(context.parameters.get("id"))
                let eventID = "test-" + environment.random.identifier(length: 12)
                let result = await WebhookTestEvent.send(to: WebhookEndpoint(endpoint), issuer: issuer, id: eventID, at: environment.now())
                return try await render(IntegrationPages.testResultPage(endpoint, eventID: eventID, result: result), session: session)
            }
        }
        console.post("settings/webhooks/:id/remove") { request, context in
            try await action(request, context, may: .administer) { session, _ in
                let endpoint = try await webhookEndpoint(context.parameters.get("id"))
                try await WebhookEndpoints(environment: environment, actor: session.auditActor).remove(id: endpoint.id)
                return ConsoleResponse.redirect(to: "/console/settings/webhooks?done=removed")
            }
        }
        console.post("settings/outbox/:id/retry") { request, context in
            try await action(request, context, may: .administer) { session, form in
                let id = context.parameters.get("id") ?? ""
                do {
                    try await WebhookEndpoints(environment: environment, actor: session.auditActor).retry(outboxMessageID: id)
                } catch let error as IssuerError where error.code == .notFound || error.code == .invalidState {
                    throw ConsoleError(.badRequest, "This message cannot be retried: it does not exist or has not failed.")
                }
                // Back to the page the button was on, which is always one of these two.
                let back = form["back"].flatMap { $0 == "/console/settings/email" || $0.hasPrefix("/console/settings/webhooks/wh-") ? $0 : nil }
                return ConsoleResponse.redirect(to: (back ?? "/console/settings/email") + "?done=retried")
            }
        }
        console.get("settings/email") { request, context in
            try await page(request, context) { session in try await emailPage(session, done: query(request)["done"]) }
        }
        console.post("settings/email/test") { request, context in
            try await action(request, context, may: .administer) { session, form in
                let to = form.trimmed("to") ?? ""
                guard let mail = configuration.mail, to.utf8.count <= 254, to.contains("@"), !to.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
                else {
                    let problem = IntegrationPages.Problem(field: "to", message: "Enter an email address like name@example.org")
                    return try await render(try await emailPage(session, problem: problem), session: session)
                }
                let result: HTML
                do {
                    try await mail.sendTest(
                        to: to, requestedBy: session.member.name, at: environment.now(),
                        messageID: "test-\(environment.random.identifier(length: 12))@attest")
                    result = "<div class=\"notice notice--success\" role=\"status\"><p>The test email was handed to the mail server for \(to).</p></div>"
                } catch let error as DeliveryError {
                    result = "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>The test email was not sent</h2><p>\(error.reason)</p></div>"
                }
                return try await render(try await emailPage(session, result: result), session: session)
            }
        }
        console.get("settings/keys") { request, context in
            try await page(request, context) { session in
                let keys = try await environment.store.read { try $0.signingKeys() }
                return IntegrationPages.keysPage(
                    keys, issuer: issuer, csrf: session.csrfField, isAdmin: session.may(.administer),
                    canRotate: configuration.rotateSigningKey != nil, done: query(request)["done"])
            }
        }
        console.post("settings/keys/rotate") { request, context in
            try await action(request, context, may: .administer) { session, _ in
                guard let rotate = configuration.rotateSigningKey, try await rotate(session.auditActor) != nil else {
                    throw ConsoleError(.badRequest, "This server was started without a key store it may write to: use attest keys rotate.")
                }
                return ConsoleResponse.redirect(to: "/console/settings/keys?done=rotated")
            }
        }
    }

    /// The endpoint named in the path; 404 for anything else.
    func webhookEndpoint(_ id: String?) async throws -> WebhookEndpointRecord {
        let id = id ?? ""
        guard id.utf8.count <= 64, let endpoint = try await environment.store.read({ try $0.webhookEndpoints() }).first(where: { $0.id == id })
        else { throw ConsoleError(.notFound, "There is no webhook endpoint with this id.") }
        return endpoint
    }

    func webhooksPage(_ session: StaffSession, done: String? = nil, problem: IntegrationPages.Problem? = nil, form: ConsoleForm? = nil)
        async throws -> ConsolePage
    {
        let endpoints = try await environment.store.read { try $0.webhookEndpoints() }
        return IntegrationPages.webhooksPage(
            endpoints, now: environment.now(), csrf: session.csrfField, isAdmin: session.may(.administer), done: done, problem: problem,
            form: form)
    }

    func endpointPage(_ session: StaffSession, id: String?, done: String? = nil, problem: IntegrationPages.Problem? = nil)
        async throws -> ConsolePage
    {
        let endpoint = try await webhookEndpoint(id)
        let deliveries = try await environment.store.read { try $0.webhookDeliveries(url: endpoint.url, limit: Self.recentDeliveries) }
        return IntegrationPages.endpointPage(
            endpoint, deliveries: deliveries, now: environment.now(), csrf: session.csrfField, isAdmin: session.may(.administer),
            done: done, problem: problem)
    }

    func emailPage(_ session: StaffSession, done: String? = nil, problem: IntegrationPages.Problem? = nil, result: HTML = .empty)
        async throws -> ConsolePage
    {
        let failed = try await environment.store.read { try $0.outboxMessages(state: .failed) }.suffix(Self.recentDeliveries).reversed()
        return IntegrationPages.emailPage(
            configuration.mail, failed: Array(failed), defaultAddress: session.member.email, csrf: session.csrfField,
            isAdmin: session.may(.administer), done: done, problem: problem, result: result)
    }
}
