import Foundation
import HTTPTypes
import Hummingbird
import Prometheus
import Synchronization

/// Counts every request in `attest_http_requests_total{route, method, status}` and times it in
/// `attest_http_request_duration_seconds{route, method}`, by the route's template (`/c/{id}`), never
/// the raw path, so ids make no series; unrouted paths are `NotFound`, unusual methods `other`.
///
/// The metric objects of each (route, method, status) are made once and kept, so a request costs
/// two clock reads, one locked dictionary lookup, an atomic add and a histogram record.
struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let series: HTTPMetricSeries

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            series.record(route: context.endpointPath, method: request.method, status: response.status.code, since: started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            series.record(route: context.endpointPath, method: request.method, status: status, since: started)
            throw error
        }
    }
}

/// The HTTP metric objects, made on first use of each (route, method, status) and kept.
final class HTTPMetricSeries: Sendable {
    /// Request duration buckets, in seconds.
    static let durationBuckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct Key: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    private struct Series {
        var requests: Counter
        var duration: ValueHistogram
    }

    private let registry: PrometheusCollectorRegistry
    private let made = Mutex<[Key: Series]>([:])

    init(registry: PrometheusCollectorRegistry) { self.registry = registry }

    func record(route: String?, method: HTTPRequest.Method, status: Int, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let key = Key(route: route ?? "NotFound", method: Self.methodLabel(method), status: status)
        let series = made.withLock { made in
            if let known = made[key] { return known }
            let new = Series(
                requests: registry.makeCounter(
                    name: "attest_http_requests_total",
                    labels: [("route", key.route), ("method", key.method), ("status", String(key.status))],
                    help: "HTTP requests answered, by route template, method and status"),
                duration: registry.makeValueHistogram(
                    name: "attest_http_request_duration_seconds", labels: [("route", key.route), ("method", key.method)],
                    buckets: Self.durationBuckets, help: "Time to answer an HTTP request (until the response head), by route template"))
            made[key] = new
            return new
        }
        series.requests.increment()
        let (seconds, attoseconds) = elapsed.components
        series.duration.record(Double(seconds) + Double(attoseconds) * 1e-18)
    }

    /// The method's name if it is a standard one, else `other`: clients choose the method, and
    /// each distinct one would otherwise be a new series.
    static func methodLabel(_ method: HTTPRequest.Method) -> String {
        switch method {
        case .get: "GET"
        case .head: "HEAD"
        case .post: "POST"
        case .put: "PUT"
        case .delete: "DELETE"
        case .patch: "PATCH"
        case .options: "OPTIONS"
        default: "other"
        }
    }
}
