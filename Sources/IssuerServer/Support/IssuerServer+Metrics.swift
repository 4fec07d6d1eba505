import Ed25519
import Foundation
import Hummingbird

extension IssuerServer {
    /// Lets a `/metrics` scrape through only with `Authorization: Bearer <metrics token>`.
    ///
    /// - Warning: without a configured token `/metrics` is off (404): the counters show issuance
    ///   volume, which is the issuer's business, not the public's.
    ///
    /// With a separate ``Configuration/metricsListener`` the public listener answers 404, and the
    /// metrics listener asks for the token only if one is set (its address is then the guard).
    func authorizeMetrics(_ request: Request, onMetricsListener: Bool = false) throws {
        if configuration.metricsListener != nil && !onMetricsListener {
            throw Problem(.notFound, .notFound, "metrics are served on the metrics listener only")
        }
        guard let token = configuration.metricsToken else {
            if onMetricsListener { return }
            throw Problem(.notFound, .notFound, "metrics are off; start the server with a metrics token to scrape them")
        }
        let presented = request.headers[.authorization].flatMap { value -> String? in
            let parts = value.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
            return parts[1].trimmingCharacters(in: .whitespaces)
        }
        // Hashes first, so the comparison takes the same time whatever the lengths.
        guard let presented, constantTimeEquals(SHA256.hash(Array(presented.utf8)), SHA256.hash(Array(token.utf8))) else {
            throw Problem(.unauthorized, .unauthorized, "scraping /metrics needs Authorization: Bearer with the metrics token")
        }
    }
}
