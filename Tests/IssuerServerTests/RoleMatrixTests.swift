import Foundation
import TestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerCore
import IssuerServer
import Testing

/// Issue 15 point 10: every operation of `Spec/openapi.yaml`, read at test time, called with no
/// key, a wrong key, a revoked key, an expired key, the metrics token and a key of each role. An operation's `x-roles` is the whole
/// truth: a role it lists gets neither 401 nor 403 (nor a 5xx), any other role gets 403, and no
/// key or a bad one gets 401. `[public]` operations answer everyone without 401 or 403;
/// `[metrics-token]` (`/metrics`) answers only the metrics token and 401s every API key.
@Suite("Every role on every route, as Spec/openapi.yaml's x-roles says")
struct RoleMatrixTests {
    /// One operation of the spec.
    struct Operation: CustomStringConvertible {
        let method: HTTPRequest.Method
        let path: String
        let access: Access
        var description: String { "\(method) \(path)" }
    }

    /// Who may call an operation, as its `x-roles` says.
    enum Access: Equatable {
        case everyone
        case metricsToken
        /// An OpenID4VCI access token from `/token`: no API key or other token opens it.
        case walletAccessToken
        case roles(Set<APIRole>)
    }

    static let methods = ["get", "put", "post", "delete", "patch", "head"]

    /// Every operation, read from the YAML with PyYAML (python3) and parsed as JSON.
    static func operations() throws -> [Operation] {
        let document = try OpenAPIDocument.load()
        let paths = try #require(document["paths"] as? [String: Any])
        var operations: [Operation] = []
        for (path, item) in paths.sorted(by: { $0.key < $1.key }) {
            let item = try #require(item as? [String: Any], "\(path)")
            for method in methods {
                guard let operation = item[method] as? [String: Any] else { continue }
                let names = try #require(operation["x-roles"] as? [String], "\(method) \(path) has no x-roles list")
                let access: Access
                switch names {
                case ["public"]: access = .everyone
                case ["metrics-token"]: access = .metricsToken
                case ["wallet-access-token"]: access = .walletAccessToken
                default:
                    let roles = Set(try names.map { try #require(APIRole(rawValue: $0), "\(method) \(path): unknown role \($0)") })
                    try #require(!roles.isEmpty, "\(method) \(path): x-roles is empty")
                    access = .roles(roles)
                }
                operations.append(Operation(method: try #require(HTTPRequest.Method(method.uppercased())), path: path, access: access))
            }
        }
        return operations
    }

    /// Who calls: a role's key, or one of the keys that must be turned away with 401.
    enum Caller: CustomStringConvertible, CaseIterable {
        case noKey, unknownKey, revokedKey, expiredKey, metricsToken, lms, viewer, issuer, admin
        var role: APIRole? {
            switch self {
            case .lms: .lms
            case .viewer: .viewer
            case .issuer: .issuer
            case .admin: .admin
            case .noKey, .unknownKey, .revokedKey, .expiredKey, .metricsToken: nil
            }
        }
        var description: String {
            switch self {
            case .noKey: "no key"
            case .unknownKey: "an unknown key"
            case .revokedKey: "a revoked key"
            case .expiredKey: "an expired key"
            case .metricsToken: "the metrics token"
            case .lms, .viewer, .issuer, .admin: role?.rawValue ?? ""
            }
        }
    }

    @Test("no key, a wrong, revoked or expired key, the metrics token and every role against every operation")
    func everyRoleOnEveryRoute() async throws {
        let operations = try Self.operations()
        #expect(operations.count >= 48)
        let seeded = try await SeededIssuer()
        defer { seeded.fixture.remove() }
        let server = try seeded.server()
        let failures = try await Application(router: server.router()).test(.router) { client in
            var failures: [String] = []
            for operation in operations {
                // Least privileged first, so what an admin changes (a revocation, a rotation) comes last.
                for caller in Caller.allCases {
                    let uri = seeded.uri(for: operation.path)
                    let body = operation.method == .get || operation.method == .head ? "" : "{}"
                    let response = try await client.execute(
                        uri: uri, method: operation.method, headers: seeded.headers(for: caller, body: body),
                        body: body.isEmpty ? nil : ByteBuffer(string: body))
                    let status = response.status.code
                    let verdict = Self.verdict(status: status, caller: caller, access: operation.access)
                    if let verdict { failures.append("\(operation) as \(caller): \(status) — \(verdict)") }
                }
            }
            return failures
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// What is wrong with `status` for `caller`, or `nil` when it is what the spec declares.
    static func verdict(status: Int, caller: Caller, access: Access) -> String? {
        let allowed: Set<APIRole>
        switch access {
        case .everyone: return status == 401 || status == 403 || status >= 500 ? "public, so never 401, 403 or 5xx" : nil
        case .metricsToken where caller == .metricsToken: return status == 200 ? nil : "the metrics token, so 200"
        case .metricsToken: return status == 401 ? nil : "only the metrics token, so 401"
        case .walletAccessToken: return status == 401 ? nil : "only an OpenID4VCI access token, so 401"
        case .roles(let roles): allowed = roles
        }
        guard let role = caller.role else { return status == 401 ? nil : "expected 401" }
        if allowed.contains(role) { return status == 401 || status == 403 || status >= 500 ? "allowed, so neither 401, 403 nor 5xx" : nil }
        return status == 403 ? nil : "expected 403 (x-roles: \(allowed.map(\.rawValue).sorted()))"
    }

    @Test("a server that let a viewer revoke would fail the matrix")
    func theVerdictCatchesAWrongRole() {
        #expect(Self.verdict(status: 200, caller: .viewer, access: .roles([.admin, .issuer])) != nil)
        #expect(Self.verdict(status: 403, caller: .issuer, access: .roles([.admin, .issuer])) != nil)
        #expect(Self.verdict(status: 200, caller: .noKey, access: .roles([.admin])) != nil)
        #expect(Self.verdict(status: 200, caller: .metricsToken, access: .roles([.admin])) != nil)
        #expect(Self.verdict(status: 401, caller: .noKey, access: .everyone) != nil)
        #expect(Self.verdict(status: 200, caller: .admin, access: .metricsToken) != nil)
        #expect(Self.verdict(status: 404, caller: .issuer, access: .roles([.admin, .issuer])) == nil)
    }
}

/// `Spec/openapi.yaml` as a JSON object, converted by python3 and PyYAML at test time.
enum OpenAPIDocument {
    static let specURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Spec/openapi.yaml")
        .standardizedFileURL

    static func load() throws -> [String: Any] {
        let process = Subprocess()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", "import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1], encoding='utf-8')), sys.stdout)",
            specURL.path,
        ]
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 could not read \(specURL.path) as YAML (pip install pyyaml)")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
