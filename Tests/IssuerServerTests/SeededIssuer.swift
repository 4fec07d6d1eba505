import Foundation
import HTTPTypes
import IssuerCore
import IssuerServer

/// A ``ServerFixture`` with something real behind every path parameter of the spec: an issued
/// credential, a completion held for review, the program, the learner (also a worker), a status
/// list, and API keys of every role plus a revoked and an expired one. Calls then reach each route's real work,
/// so an allowed role's answer is a 2xx, or a 4xx about the request, never a bare "not found".
struct SeededIssuer {
    let fixture: ServerFixture
    let tokens: [String: String]
    let credential: CredentialRecord
    let heldCompletionID: String
    let revokedToken = APIKeyToken.generate()
    let expiredToken = APIKeyToken.generate()
    let metricsToken = "metrics-" + APIKeyToken.generate()

    init() async throws {
        fixture = try await ServerFixture()
        tokens = try await fixture.makeKeys()
        credential = try await fixture.issue()
        let pipeline = IssuancePipeline(environment: fixture.environment, actor: "test")
        // 81 is within 2 points of the program's 80: held for review.
        heldCompletionID = try await pipeline.intake(ServerFixture.event(id: "evt-held", learner: "u-2", name: "Held Person", score: 81))
            .completionID
        let revoked = APIKeyToken.record(
            name: "revoked", role: .admin, token: revokedToken, hmacSecret: nil, random: fixture.environment.random,
            now: fixture.clock.now)
        let now = fixture.clock.now
        var expired = APIKeyToken.record(
            name: "expired", role: .admin, token: expiredToken, hmacSecret: nil, random: fixture.environment.random, now: now)
        expired.expiresAt = now
        let lapsed = expired
        try await fixture.store.write { transaction in
            var withdrawn = revoked
            withdrawn.revokedAt = now
            try transaction.saveAPIKey(withdrawn)
            try transaction.saveAPIKey(lapsed)
        }
    }

    /// A server over the fixture's store with a `/verify` limit no matrix run reaches and `/metrics` on.
    func server() throws -> IssuerServer {
        var configuration = IssuerServer.Configuration(lookupsPerMinute: 1_000_000)
        configuration.metricsToken = metricsToken
        return try IssuerServer(environment: fixture.environment, issuer: fixture.issuer, configuration: configuration)
    }

    /// `template` with each `{parameter}` replaced by a seeded record of the kind the path names.
    func uri(for template: String) -> String {
        var path = template
        let id: String =
            if template.hasPrefix("/api/v1/programs") {
                ServerFixture.program.id
            } else if template.hasPrefix("/api/v1/learners") || template.hasPrefix("/api/v1/workers") {
                credential.learnerID
            } else if template.hasPrefix("/api/v1/completions") {
                credential.completionID
            } else {
                credential.id
            }
        path = path.replacingOccurrences(of: "{id}", with: id)
        path = path.replacingOccurrences(of: "{completionId}", with: heldCompletionID)
        path = path.replacingOccurrences(of: "{list}", with: credential.revocationList)
        // The learner portal is public: any token is answered without 401/403, so a made-up one will do.
        path = path.replacingOccurrences(of: "{token}", with: "not-a-learner-link")
        path = path.replacingOccurrences(of: "{file}", with: "\(credential.id).pdf")
        return path
    }

    /// The headers `caller` sends; an `lms` key signs its body (keys for LMSs may be made to require it).
    func headers(for caller: RoleMatrixTests.Caller, body: String) -> HTTPFields {
        var fields = HTTPFields()
        fields[.accept] = "application/json"
        if !body.isEmpty { fields[.contentType] = "application/json" }
        let token: String? =
            switch caller {
            case .noKey: nil
            case .unknownKey: APIKeyToken.generate()
            case .revokedKey: revokedToken
            case .expiredKey: expiredToken
            case .metricsToken: metricsToken
            case .lms: tokens["signed-lms"]
            case .viewer, .issuer, .admin: tokens[caller.description]
            }
        if let token { fields[.authorization] = "Bearer \(token)" }
        if caller == .lms {
            fields[HTTPField.Name("X-Attest-Signature")!] = TestSignature.header(
                for: body, secret: ServerFixture.hmacSecret, time: fixture.clock.now)
        }
        return fields
    }
}
