import Foundation
import HTTPTypes
import IssuerCore
import IssuerServer

/// API keys of every role on a ``ServerFixture``.
extension ServerFixture {
    static let hmacSecret = "lms-shared-secret-for-tests"

    /// Creates keys named after their roles (and `signed-lms`, which must sign) and returns their tokens.
    func makeKeys() async throws -> [String: String] {
        var tokens: [String: String] = [:]
        var records: [APIKeyRecord] = []
        for (name, role, secret) in [
            ("admin", APIRole.admin, nil), ("issuer", .issuer, nil), ("lms", .lms, nil), ("viewer", .viewer, nil),
            ("signed-lms", .lms, Optional(Self.hmacSecret)),
        ] {
            let token = APIKeyToken.generate()
            tokens[name] = token
            records.append(
                APIKeyToken.record(name: name, role: role, token: token, hmacSecret: secret, random: environment.random, now: clock.now))
        }
        let all = records
        try await store.write { transaction in for record in all { try transaction.saveAPIKey(record) } }
        return tokens
    }

    static func bearer(_ token: String?, json: Bool = true) -> HTTPFields {
        var fields = HTTPFields()
        if let token { fields[.authorization] = "Bearer \(token)" }
        if json { fields[.contentType] = "application/json" }
        return fields
    }

    /// A completion event document as an LMS posts it.
    static func eventJSON(id: String = "evt-1", learner: String = "u-1", name: String = "Zoë Åkesson", score: Int = 92) -> String {
        """
        {"eventId":"\(id)","program":"working-at-height-2","learner":{"id":"\(learner)","email":"\(learner)@example.org","legalName":"\(name)"},
         "completedAt":"2026-11-23T09:00:00Z","score":\(score),"minutes":180,
         "modules":[{"id":"ladders","completedAt":"2026-11-23T09:00:00Z"},{"id":"scaffolds","completedAt":"2026-11-23T09:00:00Z"},{"id":"harness","completedAt":"2026-11-23T09:00:00Z"}]}
        """
    }
}
