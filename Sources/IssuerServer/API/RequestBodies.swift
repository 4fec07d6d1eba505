import CanonicalJSON
import Hummingbird

/// Reading JSON bodies the same strict way on every route added after ``APIRoutes``: the content
/// type must say JSON, the size is capped, and anything that does not parse is a 400 problem.
extension IssuerServer {
    /// The raw body of a request that must be `application/json` (415 otherwise, 413 when too large).
    func jsonBytes(_ request: Request, accepting mediaTypes: Set<String> = ["application/json"]) async throws -> [UInt8] {
        guard let mediaType = request.mediaType, mediaTypes.contains(mediaType) else {
            throw Problem(
                .unsupportedMediaType, .unsupportedMediaType, "send Content-Type: \(mediaTypes.sorted().joined(separator: " or "))")
        }
        return try await request.collectBody(limit: configuration.jsonBodyLimit)
    }

    /// A body that must be one JSON object.
    func jsonObject(_ request: Request, accepting mediaTypes: Set<String> = ["application/json"]) async throws -> JSONObject {
        let bytes = try await jsonBytes(request, accepting: mediaTypes)
        guard let object = (try? JSONValue.parse(bytes: bytes))?.objectValue else {
            throw Problem(.badRequest, .badRequest, "the body must be a JSON object")
        }
        return object
    }
}

/// Query and path values checked before they reach the store.
enum RequestValues {
    /// `limit` from the query: 1–1000, `fallback` when absent.
    static func limit(_ request: Request, fallback: Int = 100) throws -> Int {
        guard let text = request.uri.queryParameters.get("limit") else { return fallback }
        guard let value = Int(text), (1...1000).contains(value) else { throw Problem(.badRequest, .badRequest, "limit must be 1–1000") }
        return value
    }

    /// The `id` path parameter, refused as "not found" unless it could name a record.
    static func identifier(_ context: IssuerRequestContext, _ what: String, name: String = "id") throws -> String {
        let id = context.parameters.get(name) ?? ""
        guard PublicRoutes.isPlainIdentifier(id) else { throw Problem(.notFound, .notFound, "there is no \(what) with that id") }
        return id
    }
}
