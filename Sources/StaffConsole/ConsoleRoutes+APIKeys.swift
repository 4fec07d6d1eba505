import CanonicalJSON
import Ed25519
import Foundation
import Hummingbird
import IssuerCore

/// `/console/settings/api-keys`: the keys of the HTTP API (administrators only, CONSOLE.md). Make
/// one (its token shown once, on the answer to the form, and never again), rotate one with an
/// overlap, revoke one; each through ``IssuerAdministration``, audited under the admin. The
/// allow-list and expiry are enforced by the API itself, not here.
extension ConsoleRoutes {
    func registerAPIKeys(on console: RouterGroup<Context>) {
        console.get("settings/api-keys") { request, context in
            try await page(request, context, may: .administer) { session in try await apiKeysPage(session, done: query(request)["done"]) }
        }
        console.post("settings/api-keys") { request, context in
            try await action(request, context, may: .administer) { session, form in
                try await createAPIKey(form, session: session)
            }
        }
        console.get("settings/api-keys/:id/rotate") { request, context in
            try await page(request, context, may: .administer) { session in
                APIKeyPages.rotatePage(try await apiKey(context.parameters.get("id")), csrf: session.csrfField, problem: nil, form: nil)
            }
        }
        console.post("settings/api-keys/:id/rotate") { request, context in
            try await action(request, context, may: .administer) { session, form in
                let key = try await apiKey(context.parameters.get("id"))
                guard let hours = form["overlap"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), (0...720).contains(hours)
                else {
                    let problem = APIKeyPages.Problem(
                        field: "overlap", message: "Enter the overlap in whole hours, from 0 to 720 (30 days)")
                    return try await render(
                        APIKeyPages.rotatePage(key, csrf: session.csrfField, problem: problem, form: form), session: session)
                }
                let token = APIKeyToken.generate()
                let rotated: APIKeyRecord
                do {
                    rotated = try await IssuerAdministration(environment: environment, actor: session.auditActor).rotateAPIKey(
                        id: key.id, newTokenHash: APIKeyToken.hash(token), overlap: TimeInterval(hours) * 3_600)
                } catch let error as IssuerError where error.code == .invalidState {
                    throw ConsoleError(.badRequest, "This key is revoked or expired, so it cannot be rotated. Create a new key instead.")
                }
                return try await render(APIKeyPages.tokenPage(rotated, token: token, secret: nil, rotated: true), session: session)
            }
        }
        console.get("settings/api-keys/:id/revoke") { request, context in
            try await page(request, context, may: .administer) { session in
                APIKeyPages.revokePage(try await apiKey(context.parameters.get("id")), csrf: session.csrfField)
            }
        }
        console.post("settings/api-keys/:id/revoke") { request, context in
            try await action(request, context, may: .administer) { session, _ in
                let key = try await apiKey(context.parameters.get("id"))
                try await IssuerAdministration(environment: environment, actor: session.auditActor).revokeAPIKey(id: key.id)
                return ConsoleResponse.redirect(to: "/console/settings/api-keys?done=revoked")
            }
        }
    }

    /// The key named in the path; 404 for anything else.
    func apiKey(_ id: String?) async throws -> APIKeyRecord {
        let id = id ?? ""
        guard id.utf8.count <= 64, let key = try await environment.store.read({ try $0.apiKey(id: id) }) else {
            throw ConsoleError(.notFound, "There is no API key with this id.")
        }
        return key
    }

    func apiKeysPage(_ session: StaffSession, done: String? = nil, problem: APIKeyPages.Problem? = nil, form: ConsoleForm? = nil)
        async throws -> ConsolePage
    {
        let keys = try await environment.store.read { try $0.apiKeys() }
        return APIKeyPages.listPage(keys, now: environment.now(), csrf: session.csrfField, done: done, problem: problem, form: form)
    }

    /// Checks the form as `attest api-keys create` checks its options, stores the key and answers
    /// with its token (and, for an LMS key, the HMAC secret its events are signed with), once.
    func createAPIKey(_ form: ConsoleForm, session: StaffSession) async throws -> Response {
        func again(_ field: String, _ message: String) async throws -> Response {
            try await render(
                try await apiKeysPage(session, problem: APIKeyPages.Problem(field: field, message: message), form: form), session: session)
        }
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 64 else { return try await again("name", "Enter a name of 1 to 64 characters") }
        guard let role = form["role"].flatMap(APIRole.init(rawValue:)) else { return try await again("role", "Choose what the key may do") }
        let now = environment.now()
        var expiresAt: Date?
        if let text = form["expires"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard let day = ConsoleDates.startOfDay(text) else { return try await again("expires", "Enter the expiry date as a real date") }
            guard day > now else { return try await again("expires", "The expiry date must be in the future") }
            expiresAt = day
        }
        let allowed: [IPAddressRange]
        do {
            let entries = (form["allowed"] ?? "").split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
            allowed = try APIKeyRecord.allowList(entries)
        } catch let error as IssuerError {
            return try await again("allowed", error.reason.prefix(1).uppercased() + error.reason.dropFirst())
        }
        let token = APIKeyToken.generate()
        let secret: String? = role == .lms ? "hs_" + Hex.encode(SecureRandom.bytes(count: 24)) : nil
        let record = APIKeyToken.record(
            name: name, role: role, token: token, hmacSecret: secret, requiresHMAC: role == .lms, expiresAt: expiresAt,
            allowedNetworks: allowed, random: environment.random, now: now)
        do {
            try await IssuerAdministration(environment: environment, actor: session.auditActor).createAPIKey(record)
        } catch let error as IssuerError where error.code == .duplicate {
            return try await again("name", "There is already a key named \(name); choose another name")
        }
        return try await render(APIKeyPages.tokenPage(record, token: token, secret: secret, rotated: false), session: session)
    }
}
