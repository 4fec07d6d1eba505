import Foundation
import HummingbirdTesting
import IssuerCore
import Testing
import VerifiableCredentials

/// `/c/{id}/badge.png` and `/c/{id}/badge.svg`: the signed credential baked into the certificate
/// preview (or the program's inline badge image), public like `/c/{id}.json`.
@Suite struct BadgeRouteTests {
    @Test func bothImagesHoldTheServedCredentialByteForByte() async throws {
        let fixture = try await ServerFixture(documents: true)
        defer { fixture.remove() }
        let record = try await fixture.issue()
        try await fixture.test { client in
            let json = Array(try await client.execute(uri: "/c/\(record.id).json", method: .get).body.readableBytesView)
            let png = try await client.execute(uri: "/c/\(record.id)/badge.png", method: .get)
            #expect(png.status == .ok)
            #expect(png.headers[.contentType] == "image/png")
            #expect(try PNGBadge.credential(in: Array(png.body.readableBytesView)) == json)
            let svg = try await client.execute(uri: "/c/\(record.id)/badge.svg", method: .get)
            #expect(svg.status == .ok)
            #expect(svg.headers[.contentType] == "image/svg+xml")
            #expect(try SVGBadge.credential(in: Array(svg.body.readableBytesView)) == json)
            // Drawn from the certificate preview the renderer made (stored on first use).
            let preview = try #require(try await fixture.store.read { try $0.credential(id: record.id) }?.png)
            #expect(String(decoding: svg.body.readableBytesView, as: UTF8.self).contains(preview.base64EncodedString()))
            let head = try await client.execute(uri: "/c/\(record.id)/badge.png", method: .head)
            #expect(head.status == .ok && head.body.readableBytes == 0)
        }
    }

    @Test func anInlineProgramBadgeImageIsUsedInsteadOfThePreview() async throws {
        let fixture = try await ServerFixture(documents: true)
        defer { fixture.remove() }
        let badge = try PNGBadge.bake(Array("{}".utf8), into: try #require(Data(base64Encoded: Self.onePixel)).map { $0 })
        var program = ServerFixture.program
        program.achievement.image = "data:image/png;base64," + Data(badge).base64EncodedString()
        let inline = program
        try await fixture.store.write { try $0.saveProgram(inline) }
        let record = try await fixture.issue()
        try await fixture.test { client in
            let png = Array(try await client.execute(uri: "/c/\(record.id)/badge.png", method: .get).body.readableBytesView)
            #expect(try PNGBadge.size(of: png) == (1, 1))
            #expect(try PNGBadge.credential(in: png) == Array(try #require(record.credentialJSON)))
        }
    }

    static let onePixel = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="

    @Test func unknownPendingAndMalformedIdsAreNotFound() async throws {
        let fixture = try await ServerFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            for uri in ["/c/NOPE1234/badge.png", "/c/NOPE1234/badge.svg", "/c/..%2F/badge.png", "/c/ABC/badge.gif"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .notFound, "\(uri)")
            }
        }
    }
}
