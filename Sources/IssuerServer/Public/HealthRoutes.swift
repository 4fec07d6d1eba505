import Foundation
import HTTPTypes
import Hummingbird
import IssuerCore

/// `/health`, `/health/live` and `/health/ready`, for load balancers and supervisors.
///
/// `live` says only that the process answers HTTP (restart it when it does not); `ready` also
/// reads from the database, so a load balancer sends no traffic to an instance that cannot reach
/// it. `/health` stays what it always was, a liveness check, so nothing that polls it starts to
/// restart instances when the shared database has a bad minute.
///
/// - Warning: All three are public and cheap: `ready` runs one indexed read, and its failure says
///   only that the database is not available (never where it is or why), like every other store
///   failure. A load balancer's probe should have its own timeout of a few seconds.
struct HealthRoutes {
    let server: IssuerServer

    func register(on router: Router<IssuerRequestContext>) {
        router.get("health") { _, _ in Self.ok("ok") }
        router.get("health/live") { _, _ in Self.ok("ok") }
        router.get("health/ready") { _, _ in try await ready() }
    }

    /// 200 `{"status":"ready"}` when one read of the database succeeded; otherwise 503
    /// `storeUnavailable` with `Retry-After`, as soon as the store gives up (a stopped PostgreSQL
    /// refuses at once; an unreachable host takes the driver's connect timeout, 10 s).
    func ready() async throws -> Response {
        do {
            _ = try await server.environment.store.read { try $0.issuer() }
        } catch {
            throw Problem(
                .serviceUnavailable, Problem.Code(IssuerError.Code.storeUnavailable), "the database is not available; try again shortly",
                retryAfter: 5)
        }
        return Self.ok("ready")
    }

    private static func ok(_ status: String) -> Response {
        Response.bytes(Array(#"{"status":"\#(status)"}"#.utf8), contentType: "application/json", headers: [.cacheControl: "no-store"])
    }
}
