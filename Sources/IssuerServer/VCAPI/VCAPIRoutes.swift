import CanonicalJSON
import Foundation
import Hummingbird
import IssuerCore
import VerifiableCredentials

/// The W3C CCG VC-API: `POST /credentials/issue` and `/credentials/status` with an issuer or
/// admin API key, `POST /credentials/verify` for anyone (rate-limited per address like `/verify`).
/// Shapes follow https://w3c-ccg.github.io/vc-api/, so the W3C interoperability suites can run
/// against the server.
struct VCAPIRoutes {
    let server: IssuerServer
    var environment: IssuerEnvironment { server.environment }

    func register(on router: Router<IssuerRequestContext>) {
        let credentials = router.group("credentials")
        credentials.post("verify") { request, context in
            try await VerifyRoutes(server: server).limit(context)
            return try await verify(request)
        }
        let authenticated = credentials.add(middleware: APIKeyAuthenticator(store: environment.store))
        authenticated.post("issue") { request, context in try await issue(request, context: context) }
        authenticated.post("status") { request, context in try await updateStatus(request, context: context) }
    }

    /// The media types a VC-API body may come as.
    static let jsonTypes: Set<String> = ["application/json", "application/ld+json"]

    /// `{credential, options: {cryptosuite?}}` → 201 `{verifiableCredential}`.
    func issue(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole(.changers)
        let body = try await server.jsonObject(request, accepting: Self.jsonTypes)
        try Self.onlyKnown(body, ["credential", "options"])
        guard let credential = body["credential"], credential.objectValue != nil else {
            throw Problem(.badRequest, .invalidCredential, "the body needs a credential object: {\"credential\": {...}}")
        }
        let options = try Self.options(body)
        let suiteName =
            try options["cryptosuite"].map {
                try $0.stringValue.orThrow(Problem(.badRequest, .badRequest, "options.cryptosuite must be a string"))
            } ?? "eddsa-rdfc-2022"
        let suite: any Cryptosuite
        switch suiteName {
        case "eddsa-rdfc-2022": suite = EdDSARDFC2022()
        case "eddsa-jcs-2022": suite = EdDSAJCS2022()
        default: throw Problem(.badRequest, .unsupportedCryptosuite, "options.cryptosuite must be eddsa-rdfc-2022 or eddsa-jcs-2022")
        }
        // A credential the data model refuses would be signed nonsense: refuse it before signing.
        if let violation = DataModelValidator().violations(in: credential).first {
            throw Problem(
                .badRequest, .invalidCredential, "\(violation.message) at \(violation.path.isEmpty ? "/" : violation.path)")
        }
        let signed: JSONValue
        do {
            signed = try await CredentialSigning(environment: environment, actor: "api:\(key.name)").sign(credential, suite: suite)
        } catch let error as IssuerError where error.code == .invalidCredential {
            throw Problem(.badRequest, .invalidCredential, error.reason)
        }
        return .json(["verifiableCredential": signed], status: .created)
    }

    /// `{verifiableCredential, options}` → `{verified, checks, warnings, errors}`: 200 when it
    /// verifies, 400 (a problem document with the same members) when it does not.
    func verify(_ request: Request) async throws -> Response {
        let body = try await server.jsonObject(request, accepting: Self.jsonTypes)
        try Self.onlyKnown(body, ["verifiableCredential", "options"])
        guard let credential = body["verifiableCredential"], credential.objectValue != nil else {
            throw Problem(.badRequest, .badRequest, "the body needs a verifiableCredential object")
        }
        _ = try Self.options(body)
        let report = try await server.verifyAnyCredential(credential)
        let passed = Set(report.checks.filter { $0.outcome == .pass }.map(\.check))
        var object: JSONObject = [
            "verified": .bool(report.verdict == .valid),
            "checks": .array(passed.sorted().map(JSONValue.string)),
            "warnings": .array(report.checks.filter { $0.outcome == .skip }.map { .string("\($0.check): \($0.message)") }),
            "errors": .array(
                report.checks.filter { $0.outcome == .fail || $0.outcome == .indeterminate }.map { .string("\($0.check): \($0.message)") }),
            "report": report.json,
        ]
        if report.verdict == .valid { return .json(.object(object)) }
        let decisive = report.decisiveCheck.map { "\($0.check): \($0.message)" } ?? "the credential did not verify"
        object["type"] = "https://attest.dev/problems/verificationFailed"
        object["title"] = "Bad Request"
        object["status"] = 400
        object["code"] = "verificationFailed"
        object["detail"] = .string(decisive)
        var response = Response.json(.object(object), status: .badRequest)
        response.headers[.contentType] = "application/problem+json"
        return response
    }

    static func options(_ body: JSONObject) throws -> JSONObject {
        guard let options = body["options"] else { return [:] }
        return try options.objectValue.orThrow(Problem(.badRequest, .badRequest, "options must be an object"))
    }

    static func onlyKnown(_ object: JSONObject, _ known: Set<String>) throws {
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw Problem(.badRequest, .badRequest, "\(unknown) is not a member of this request")
        }
    }
}
