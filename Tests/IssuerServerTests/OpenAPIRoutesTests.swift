import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IssuerServer
import Testing

/// Keeps `Spec/openapi.yaml` true: every operation it lists is routed by the server, and every
/// route the tests exercise is listed.
@Suite("Spec/openapi.yaml matches the router")
struct OpenAPIRoutesTests {
    static let specURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Spec/openapi.yaml")

    /// (method, path) of every operation, read from the YAML's `paths:` block by indentation.
    static func operations() throws -> [(HTTPRequest.Method, String)] {
        let text = try String(contentsOf: specURL, encoding: .utf8)
        var operations: [(HTTPRequest.Method, String)] = []
        var inPaths = false
        var path: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" { inPaths = true; continue }
            if inPaths, !line.isEmpty, !line.hasPrefix(" ") { break }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":") { path = String(line.dropFirst(2).dropLast()); continue }
            for method in ["get", "post", "head"] where line == "    \(method):" {
                if let path, let parsed = HTTPRequest.Method(method.uppercased()) { operations.append((parsed, path)) }
            }
        }
        return operations
    }

    @Test func everyDocumentedOperationIsRouted() async throws {
        let operations = try Self.operations()
        #expect(operations.count == 86)
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let tokens = try await fixture.makeKeys()
        try await fixture.test { client in
            for (method, template) in operations {
                let path = template.replacingOccurrences(of: "{id}", with: "NOSUCH").replacingOccurrences(of: "{list}", with: "nosuch")
                    .replacingOccurrences(of: "{completionId}", with: "nosuch")
                    .replacingOccurrences(of: "{token}", with: "nosuch").replacingOccurrences(of: "{file}", with: "nosuch.pdf")
                var headers = ServerFixture.bearer(tokens["admin"])
                headers[.accept] = "application/json"
                let response = try await client.execute(uri: path, method: method, headers: headers, body: ByteBuffer(string: "{}"))
                #expect(response.status.code < 500, "\(method) \(path)")
                if response.status == .notFound, method != .head {
                    // A 404 from a route names what is missing; the router's own 404 says only "Not Found".
                    let detail = try JSONValue.parse(response.text)["detail"]?.stringValue
                    #expect(detail != "Not Found", "\(method) \(template) is documented but not routed")
                }
            }
            let undocumented = try await client.execute(
                uri: "/api/v1/nosuch", method: .get, headers: ServerFixture.bearer(tokens["admin"]))
            #expect(undocumented.status == .notFound)
        }
    }

    /// The router's own list of routes, each as `METHOD /path/{}` (parameter names dropped).
    static func normalized(_ method: String, _ path: String) -> String {
        let segments = path.split(separator: "/").map { segment in
            segment.hasPrefix(":") || (segment.hasPrefix("{") && segment.hasSuffix("}")) ? "{}" : String(segment)
        }
        return "\(method.uppercased()) /" + segments.joined(separator: "/")
    }

    @Test func everyRoutedOperationIsDocumentedWithRoles() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        let routed = Set(fixture.server.router().routes.map { Self.normalized($0.method.rawValue, "\($0.path)") })
        #expect(routed.count >= 48)
        let document = try OpenAPIDocument.load()
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var documented: Set<String> = []
        for (path, item) in paths {
            for (method, operation) in item where RoleMatrixTests.methods.contains(method) {
                let roles = (operation as? [String: Any])?["x-roles"] as? [String]
                #expect(roles?.isEmpty == false, "\(method) \(path) has no x-roles")
                documented.insert(Self.normalized(method, path))
            }
        }
        #expect(routed.subtracting(documented).sorted() == [], "routed but not in Spec/openapi.yaml")
        #expect(documented.subtracting(routed).sorted() == [], "in Spec/openapi.yaml but not routed")
    }
}
